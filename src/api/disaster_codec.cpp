#include "api/disaster_codec.h"

#include "codec/incident_json.h"
#include "codec/list_json.h"

namespace sokuo::api {
namespace {

using codec::JsonReader;
using codec::ListToJson;
using codec::Maybe;
using codec::Name;
using codec::ReadAll;

Json MatrixJson(const core::SurveyMatrixView& m) {
  Json rows = Json::array();
  for (const core::SurveyRow& row : m.rows) {
    Json cells = Json::object();
    for (size_t k = 0; k < row.cells.size(); ++k) {
      cells[std::string(core::kSurveyItems.entries[k].second)] =
          Name(core::kSurveyStatuses, row.cells[k]);
    }
    rows.push_back({{"department", row.department}, {"cells", cells}});
  }
  Json unknown = Json::array();
  for (const core::SurveyGap& g : m.unknown) {
    unknown.push_back({{"department", g.department}, {"item", Name(core::kSurveyItems, g.item)}});
  }
  Json items = Json::array();
  for (const auto& [item, name] : core::kSurveyItems.entries) items.push_back(name);
  return {{"items", items}, {"rows", rows}, {"unknown", unknown}};
}

Json StaffJson(const core::DepartmentStaff& s) {
  Json people = Json::array();
  for (const core::StaffMember& m : s.people) {
    Json p = {{"person", m.person},
              {"called_in", m.called_in},
              {"available_now", m.available_now},
              {"latest", m.latest ? codec::ToJson(*m.latest) : Json(nullptr)}};
    people.push_back(std::move(p));
  }
  Json roles = Json::array();
  for (const core::ActionPlanRoleView& r : s.roles) {
    roles.push_back({{"title", r.title},
                     {"person", r.person},
                     {"deputies", r.deputies},
                     {"filled_by", r.filled_by}});
  }
  return {{"department", s.department}, {"people", people}, {"roles", roles}};
}

Json OutlookJson(const core::SystemOutlook& o) {
  Json j = {{"system", o.system},
            {"status", Name(core::kSurveyStatuses, o.status)},
            {"owner", o.owner},
            {"ask_is_department", o.ask_is_department},
            {"vendor_requests", o.vendor_requests}};
  codec::Put(j, "eta", o.eta);
  codec::Put(j, "note", o.note);
  codec::Put(j, "degraded_mode", o.degraded_mode);
  codec::Put(j, "workaround", o.workaround);
  return j;
}

}  // namespace

Json ToJson(const app::DisasterView& v, Lang lang) {
  Json j = codec::ToJson(v.disaster);
  j["survey_matrix"] = MatrixJson(v.survey_matrix);
  Json media = Json::array();
  for (const core::MediumStatus& m : v.media) {
    media.push_back({{"medium", m.medium},
                     {"confidentiality", Name(core::kConfidentialities, m.confidentiality)},
                     {"status", Name(core::kSurveyStatuses, m.status)}});
  }
  j["media"] = media;
  Json staff = Json::array();
  for (const auto& s : v.staff) staff.push_back(StaffJson(s));
  j["staff"] = staff;
  Json outlook = Json::array();
  for (const auto& o : v.outlook) outlook.push_back(OutlookJson(o));
  j["outlook"] = outlook;
  j["active_exemptions"] = ListToJson(v.active_exemptions);
  Json blocks = Json::array();
  for (const Message& m : v.close_blocks) blocks.push_back(Render(m, lang));
  j["close_blocks"] = blocks;
  return j;
}

Json SummaryJson(const core::Disaster& d) { return codec::HeaderToJson(d); }

Result<app::DeclareInput> DeclareFromJson(const Json& j) {
  return ReadAll<app::DeclareInput>(j, [](JsonReader& r, app::DeclareInput& x) {
    if (!r.Object({"kind", "title", "summary", "sites", "areas", "departments", "at"})) return;
    r.Enum("kind", core::kDisasterKinds, x.kind, true);
    r.Text("title", x.title, true);
    r.Text("summary", x.summary);
    r.Texts("sites", x.sites);
    r.Texts("areas", x.areas);
    r.Texts("departments", x.departments);
    r.Text("at", x.at);
  });
}

Result<app::DisasterUpdate> DisasterUpdateFromJson(const Json& j) {
  return ReadAll<app::DisasterUpdate>(j, [](JsonReader& r, app::DisasterUpdate& x) {
    if (!r.Object({"kind", "title", "summary", "sites", "areas", "departments"})) return;
    Maybe(r, "kind", x.kind,
          [&](const char* k, core::DisasterKind& v) { r.Enum(k, core::kDisasterKinds, v, true); });
    auto text = [&](const char* k, std::string& v) { r.Text(k, v, std::string(k) == "title"); };
    Maybe(r, "title", x.title, text);
    Maybe(r, "summary", x.summary, text);
    auto texts = [&](const char* k, std::vector<std::string>& v) { r.Texts(k, v); };
    Maybe(r, "sites", x.sites, texts);
    Maybe(r, "areas", x.areas, texts);
    Maybe(r, "departments", x.departments, texts);
  });
}

Result<core::Availability> AvailabilityFromJson(const Json& j) {
  ASSIGN_OR_RETURN(core::Availability a,
                   codec::RecordFromJson<core::Availability>(j, {"recorded_by"}));
  // Whether the person can work is the answer: never assumed.
  if (!j.contains("can_work")) {
    return Fail(ErrorCode::kInvalidInput, Msg("field.required"), "/can_work");
  }
  return a;
}

Result<SurveyInput> SurveyFromJson(const Json& j) {
  return ReadAll<SurveyInput>(j, [](JsonReader& r, SurveyInput& x) {
    if (!r.Object({"entries"})) return;
    r.List<core::SurveyEntry>("entries", x.entries, codec::Reader<core::SurveyEntry>());
  });
}

Result<core::SystemProgress> ProgressFromJson(const Json& j) {
  return codec::RecordFromJson<core::SystemProgress>(j, {"by"});
}

Result<core::VendorRequest> VendorRequestFromJson(const Json& j) {
  return ReadAll<core::VendorRequest>(j, [](JsonReader& r, core::VendorRequest& x) {
    if (!r.Object({"vendor", "system", "asked_at"})) return;
    r.Text("vendor", x.vendor, true);
    r.Text("system", x.system);
    r.Text("asked_at", x.asked_at);
  });
}

Result<app::VendorUpdate> VendorUpdateFromJson(const Json& j) {
  return ReadAll<app::VendorUpdate>(j, [](JsonReader& r, app::VendorUpdate& x) {
    if (!r.Object({"state", "answer", "eta", "at"})) return;
    Maybe(r, "state", x.state, [&](const char* k, core::VendorRequestState& v) {
      r.Enum(k, core::kVendorRequestStates, v, true);
    });
    auto text = [&](const char* k, std::string& v) { r.Text(k, v); };
    Maybe(r, "answer", x.answer, text);
    Maybe(r, "eta", x.eta, text);
    r.Text("at", x.at);
  });
}

Result<core::Exemption> ExemptionFromJson(const Json& j) {
  return codec::RecordFromJson<core::Exemption>(j, {"id"});
}

Result<CloseInput> CloseFromJson(const Json& j) {
  return ReadAll<CloseInput>(j, [](JsonReader& r, CloseInput& x) {
    if (!r.Object({"reason", "at"})) return;
    r.Text("reason", x.reason);
    r.Text("at", x.at);
  });
}

}  // namespace sokuo::api
