// Helpers every area's routes share: query parameters and path segments decoded strictly
// (unknown names were refused before the handler runs), the JSON body, one pagination, and the
// encoding of results through api/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/account_codec.h"
#include "api/codec.h"
#include "api/control_codec.h"
#include "api/detection_codec.h"
#include "api/disaster_codec.h"
#include "api/incident_codec.h"
#include "api/plan_codec.h"
#include "core/enum_names.h"
#include "http/route.h"

namespace sokuo::http {

// A whole number from `min` to `max`, or `fallback` when the parameter is absent.
[[nodiscard]] Result<size_t> Number(const Request& req, const std::string& name, size_t fallback,
                                    size_t min, size_t max);
// The parameter's text, empty when absent.
std::string Text(const Request& req, const std::string& name);
[[nodiscard]] Result<bool> Flag(const Request& req, const std::string& name);
// An instant in any RFC 3339 offset, as the UTC text records keep ("" when absent).
[[nodiscard]] Result<std::string> InstantParam(const Request& req, const std::string& name);
// offset, limit and (for the lists that offer it) cursor.
[[nodiscard]] Result<app::PageRequest> PageParams(const Request& req);
// The body as JSON (an empty body is {}); refuses other media types.
[[nodiscard]] Result<Json> Body(const Request& req);
// A positive number in the path; anything else is "not found".
[[nodiscard]] Result<int> IntPath(const Request& req, const std::string& name);
Json EntriesJson(const std::vector<store::JournalEntry>& entries);

template <class E, size_t N>
Result<std::optional<E>> EnumParam(const Request& req, const std::string& name,
                                   const core::EnumNames<E, N>& names) {
  std::string text = Text(req, name);
  if (text.empty()) return std::optional<E>{};
  if (auto e = names.Parse(text)) return std::optional<E>{*e};
  return Fail(ErrorCode::kInvalidInput,
              Msg("json.invalid_enum", {{"value", text}, {"allowed", names.Joined()}}), "?" + name);
}

template <class E, size_t N>
Result<E> EnumPath(const Request& req, const std::string& name,
                   const core::EnumNames<E, N>& names) {
  const std::string& text = req.path.at(name);
  if (auto e = names.Parse(text)) return *e;
  return Fail(
      ErrorCode::kNotFound,
      Msg("http.no_such_item_of", {{"what", name}, {"id", text}, {"allowed", names.Joined()}}));
}

// Encodes a result; encoders that render sentences do so in the request's language. Every
// api/ encoder is included above: a qualified call in a template sees only the overloads
// declared before it.
template <class T>
Result<Json> AsJson(Result<T> r, Lang lang) {
  if (!r) return Fail(std::move(r).error());
  if constexpr (requires { api::ToJson(*r, lang); }) {
    return api::ToJson(*r, lang);
  } else {
    return api::ToJson(*r);
  }
}

template <class T>
Result<Json> AsPage(Result<app::Page<T>> r) {
  if (!r) return Fail(std::move(r).error());
  return api::PageJson(*r);
}

// Decodes the body with `decode`, and runs `act` with the decoded input and the actor.
template <class In, class Act>
Result<Json> Write(const Request& req, Result<In> (*decode)(const Json&), Act act) {
  ASSIGN_OR_RETURN(Json body, Body(req));
  ASSIGN_OR_RETURN(In in, decode(body));
  return AsJson(act(in, req.actor), req.lang);
}

}  // namespace sokuo::http
