// A list of records as a JSON array, through the records' ToJson. In its own header, after every
// codec's ToJson overloads: the records live in core::, so argument-dependent lookup does not
// find codec::ToJson, and the template sees only the overloads declared before it.
#pragma once

#include <vector>

#include "codec/disaster_json.h"
#include "codec/incident_json.h"

namespace sokuo::codec {

template <class T>
Json ListToJson(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace sokuo::codec
