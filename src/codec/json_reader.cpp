#include "codec/json_reader.h"

#include <limits>

#include "base/text.h"

namespace sokuo::codec {

bool JsonReader::Object(std::initializer_list<const char*> keys) {
  return Object(std::vector<std::string>(keys.begin(), keys.end()));
}

bool JsonReader::Object(const std::vector<std::string>& known) {
  if (!value_.is_object()) {
    problems_.push_back(MakeDetail(path_.empty() ? "/" : path_, Msg("json.not_object")));
    return false;
  }
  for (const auto& [key, v] : value_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      problems_.push_back(
          MakeDetail(path_ + "/" + key,
                     Msg("json.unknown_key",
                         {{"key", key}, {"suggestion", Suggest(key, known).value_or("")}})));
    }
  }
  return true;
}

const Json* JsonReader::Get(const char* key, bool required) {
  if (!value_.is_object()) return nullptr;
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) {
    if (required) Problem(key, Msg("field.required"));
    return nullptr;
  }
  return &*it;
}

void JsonReader::Text(const char* key, std::string& out, bool required) {
  const Json* v = Get(key, required);
  if (v == nullptr) return;
  if (!v->is_string()) {
    Problem(key, Msg("json.expected_text"));
    return;
  }
  out = v->get<std::string>();
  if (required && out.empty()) Problem(key, Msg("field.required"));
}

void JsonReader::Int(const char* key, int& out, bool required) {
  std::optional<int> v;
  if (Get(key, required) == nullptr) return;
  Int(key, v);
  if (v) out = *v;
}

void JsonReader::Int(const char* key, std::optional<int>& out) {
  const Json* v = Get(key, false);
  if (v == nullptr) return;
  if (!v->is_number_integer()) {
    Problem(key, Msg("json.expected_integer"));
    return;
  }
  constexpr int kMin = std::numeric_limits<int>::min(), kMax = std::numeric_limits<int>::max();
  if ((v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(kMax)) ||
      (!v->is_number_unsigned() && (v->get<int64_t>() < kMin || v->get<int64_t>() > kMax))) {
    Problem(key, Msg("json.out_of_range",
                     {{"min", std::to_string(kMin)}, {"max", std::to_string(kMax)}}));
    return;
  }
  out = v->get<int>();
}

void JsonReader::Int64(const char* key, int64_t& out) {
  const Json* v = Get(key, false);
  if (v == nullptr) return;
  if (!v->is_number_integer()) {
    Problem(key, Msg("json.expected_integer"));
    return;
  }
  if (v->is_number_unsigned() &&
      v->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    Problem(key, Msg("json.out_of_range",
                     {{"min", std::to_string(std::numeric_limits<int64_t>::min())},
                      {"max", std::to_string(std::numeric_limits<int64_t>::max())}}));
    return;
  }
  out = v->get<int64_t>();
}

void JsonReader::Bool(const char* key, bool& out) {
  const Json* v = Get(key, false);
  if (v == nullptr) return;
  if (!v->is_boolean()) {
    Problem(key, Msg("json.expected_bool"));
    return;
  }
  out = v->get<bool>();
}

void JsonReader::Texts(const char* key, std::vector<std::string>& out) {
  const Json* v = Get(key, false);
  if (v == nullptr) return;
  if (!v->is_array()) {
    Problem(key, Msg("json.expected_text_list"));
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      problems_.push_back(
          MakeDetail(path_ + "/" + key + "/" + std::to_string(i), Msg("json.expected_text")));
      continue;
    }
    out.push_back((*v)[i].get<std::string>());
  }
}

Result<Json> ParseJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Find where: parse again with exceptions to learn the byte offset.
    try {
      Json ignored = Json::parse(text);
      (void)ignored;
    } catch (const Json::parse_error& e) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("json.syntax", {{"offset", std::to_string(e.byte)}}), "/");
    } catch (const Json::exception&) {  // a number too large for a double (1e400)
      return Fail(ErrorCode::kInvalidInput, Msg("json.syntax_unknown"), "/");
    }
    return Fail(ErrorCode::kInvalidInput, Msg("json.syntax_unknown"), "/");
  }
  return j;
}

Result<void> RefuseSetBySokuo(const Json& j, std::initializer_list<const char*> keys) {
  if (!j.is_object()) return {};
  std::vector<Detail> problems;
  for (const char* key : keys) {
    if (j.contains(key))
      problems.push_back(MakeDetail(std::string("/") + key, Msg("field.set_by_sokuo")));
  }
  if (problems.empty()) return {};
  return Invalid(std::move(problems));
}

}  // namespace sokuo::codec
