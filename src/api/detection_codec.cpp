#include "api/detection_codec.h"

#include "codec/json_reader.h"

namespace sokuo::api {

using codec::JsonReader;
using codec::ReadAll;

Result<AlertDecision> PromoteFromJson(const Json& j) {
  return ReadAll<AlertDecision>(j, [](JsonReader& r, AlertDecision& x) {
    if (!r.Object({"note"})) return;
    r.Text("note", x.note);
  });
}

Result<AlertDecision> AttachFromJson(const Json& j) {
  return ReadAll<AlertDecision>(j, [](JsonReader& r, AlertDecision& x) {
    if (!r.Object({"incident", "note"})) return;
    r.Text("incident", x.incident, true);
    r.Text("note", x.note);
  });
}

Result<AlertDecision> DismissFromJson(const Json& j) {
  return ReadAll<AlertDecision>(j, [](JsonReader& r, AlertDecision& x) {
    if (!r.Object({"reason"})) return;
    r.Text("reason", x.reason, true);
  });
}

Json ToJson(const core::AlertLine& l) {
  Json j = {
      {"n", l.n}, {"at", l.at}, {"source", l.source}, {"text", l.text}, {"matched", l.matched}};
  if (!l.host.empty()) j["host"] = l.host;
  return j;
}

Json ToJson(const app::AlertView& v) {
  const core::Alert& a = v.alert;
  Json j = {{"key", a.key},
            {"state", core::kAlertStates.Name(a.state)},
            {"rule",
             {{"id", a.rule_id},
              {"title", a.rule_title},
              {"level", a.level},
              {"author", a.author},
              {"license", a.license},
              {"file", a.rule_file},
              {"tags", a.tags},
              {"description", a.description}}},
            {"level", a.level},
            {"group", a.group},
            {"first_at", a.first_at},
            {"last_at", a.last_at},
            {"created_at", a.created_at},
            {"detections", a.detections}};
  for (const auto& [name, value] : {std::pair{"host", &a.host},
                                    {"incident", &a.incident},
                                    {"reason", &a.reason},
                                    {"decided_by", &a.decided_by},
                                    {"decided_at", &a.decided_at},
                                    {"backdoor", &a.backdoor}}) {
    if (!value->empty()) j[name] = *value;
  }
  if (!v.lines.empty()) {
    Json lines = Json::array();
    for (const core::AlertLine& l : v.lines) lines.push_back(ToJson(l));
    j["lines"] = std::move(lines);
  }
  return j;
}

Json ToJson(const app::RulesView& v, Lang lang) {
  Json rules = Json::array();
  for (const app::RuleView& r : v.rules) {
    rules.push_back({{"id", r.id},
                     {"title", r.title},
                     {"level", r.level},
                     {"status", r.status},
                     {"author", r.author},
                     {"license", r.license},
                     {"file", r.file},
                     {"description", r.description},
                     {"tags", r.tags},
                     {"correlation", r.correlation},
                     {"reports", r.reports},
                     {"action", core::kAlertActions.Name(r.action)}});
  }
  Json problems = Json::array();
  for (const detect::RuleProblem& p : v.problems) {
    Json one = {
        {"file", p.file}, {"line", p.line}, {"code", p.why.code}, {"text", Render(p.why, lang)}};
    if (!p.title.empty()) one["title"] = p.title;
    problems.push_back(std::move(one));
  }
  return {{"rules", std::move(rules)},
          {"problems", std::move(problems)},
          {"files", v.files},
          {"policy",
           {{"incident_level", v.incident_level},
            {"alert_level", v.alert_level},
            {"window_seconds", v.window_seconds}}}};
}

Json ToJson(const app::IngestCounters& c) {
  return {{"received", c.received},
          {"rejected", c.rejected},
          {"queued", c.queued},
          {"capacity", c.capacity},
          {"processed", c.processed},
          {"undecoded", c.undecoded},
          {"detections", c.detections},
          {"alerts", c.alerts},
          {"failures", c.failures},
          {"held", c.held},
          {"syslog",
           {{"received", c.syslog.received},
            {"rejected", c.syslog.rejected},
            {"truncated", c.syslog.truncated},
            {"framing_errors", c.syslog.framing_errors},
            {"connections", c.syslog.connections}}}};
}

}  // namespace sokuo::api
