// The OpenAPI component schemas of the organization types, generated from their descriptions
// (core/org_fields.h) and merged by OpenApiDocument() into the served document, so the document
// cannot fall behind the codec. Component names stay those the paths refer to.
#pragma once

#include <nlohmann/json.hpp>

namespace sokuo::api {

// {"Company": …, "Department": …, "Person": …, "Role": …, "Contact": …, "System": …,
//  "Medium": …}; nested types (holidays, phones, channels, …) are inline.
nlohmann::json OrgSchemas();

}  // namespace sokuo::api
