// Domain ⇄ JSON, one codec per type, used by the HTTP API and by `--json` on the CLI so both
// speak the same shapes. Field names follow the organization file. The organization types' codecs
// are generated from core/org_fields.h by codec/org_json.h; the overloads here forward to it, so
// callers keep one spelling, api::ToJson, for every type.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "base/error.h"
#include "base/message.h"
#include "core/organization.h"
#include "store/store.h"

namespace sokuo::api {

using Json = nlohmann::json;

Json ToJson(const core::Company& c);
Json ToJson(const core::Department& d);
Json ToJson(const core::Person& p);
Json ToJson(const core::RoleAssignment& r);
Json ToJson(const app::PersonView& v);
Json ToJson(const core::ExternalContact& c);
Json ToJson(const core::InfoSystem& s);
Json ToJson(const app::SystemView& v);
Json ToJson(const core::StorageMedium& m);
Json ToJson(const core::Organization& org);
Json ToJson(const app::ImportSummary& s);
Json ToJson(const store::JournalHead& h);
Json ToJson(const store::JournalEntry& e);
Json ToJson(const store::VerifyReport& r, Lang lang = Lang::kEn);  // problems in `lang`
// `journal verify --against`: the receipts checked, the newest, and what does not hold.
Json ToJson(const app::ReceiptCheck& c, Lang lang = Lang::kEn);
Json ToJson(const codec::HeadReceipt& r);
// A receipt sokuo sent: the receipt, its line as sent, and each witness's delivery.
Json ToJson(const app::SentReceipt& s, Lang lang);
Json ToJson(const app::AccountView& a);
Json ToJson(const app::TokenView& t);
// A delivery's failure, if any, in `lang`.
Json ToJson(const store::Delivery& d, Lang lang);
Json ToJson(const app::NoticeView& v, Lang lang);

// The same envelope with another encoder of the items (summaries instead of whole records).
template <class T, class Encode>
Json PageJson(const app::Page<T>& page, Encode encode) {
  Json items = Json::array();
  for (const T& item : page.items) items.push_back(encode(item));
  Json out = {{"items", std::move(items)},
              {"total", page.total},
              {"offset", page.offset},
              {"limit", page.limit}};
  if (page.offset + page.items.size() < page.total) {
    out["next_offset"] = page.offset + page.items.size();
  }
  if (!page.next_cursor.empty()) out["next_cursor"] = page.next_cursor;
  return out;
}

template <class T>
Json PageJson(const app::Page<T>& page) {
  return PageJson(page, [](const T& item) { return ToJson(item); });
}

// RFC 9457 problem details; `errors` lists every detail with its place.
// `code` is the message code of `detail` (its parameters in `params`), or the error's own
// `error.<slug>` when the error carries no message; texts are in `lang`.
Json ProblemJson(const Error& error, std::string_view instance = {}, Lang lang = Lang::kJa);
// What a client of the API may see of an error: a storage, I/O or internal error names what
// failed inside (SQLite's text, a file's path), so the client gets only a message that says
// something failed, and the server logs the rest. The CLI, the operator's tool, shows it all.
Error ForClient(const Error& error);

// The OpenAPI 3.1 document served at /api/v1/openapi.json.
const Json& OpenApiDocument();

}  // namespace sokuo::api
