// Incident records ⇄ JSON, one codec per type. The same shapes are the journal's row images
// (store/), the API's bodies (api/, http/) and the CLI's --json output, so an auditor reading
// the journal sees what the API showed. Readers are strict (json_reader.h).
#pragma once

#include "codec/json_reader.h"
#include "core/incident.h"

namespace sokuo::codec {

Json ToJson(const core::Participant& x);
Json ToJson(const core::Triage& x);
Json ToJson(const core::PriorityOverride& x);
Json ToJson(const core::Convocation& x);
Json ToJson(const core::Decision& x);
Json ToJson(const core::ContactLog& x);
Json ToJson(const core::Task& x);
Json ToJson(const core::Leak& x);
Json ToJson(const core::Assessment& x);
Json ToJson(const core::Recovery& x);
Json ToJson(const core::Finding& x);
Json ToJson(const core::Prevention& x);
Json ToJson(const core::BackdoorCheck& x);
Json ToJson(const core::CustodyEvent& x);
Json ToJson(const core::Evidence& x);
Json ToJson(const core::LegalHold& x);
Json ToJson(const core::Filing& x);
Json ToJson(const core::StateChange& x);
Json ToJson(const core::ScopeChange& x);
Json ToJson(const core::AffectedHost& x);
Json ToJson(const core::PersonalDataLeak& x);

void Read(JsonReader& r, core::Participant& x);
void Read(JsonReader& r, core::Triage& x);
void Read(JsonReader& r, core::PriorityOverride& x);
void Read(JsonReader& r, core::Convocation& x);
void Read(JsonReader& r, core::Decision& x);
void Read(JsonReader& r, core::ContactLog& x);
void Read(JsonReader& r, core::Task& x);
void Read(JsonReader& r, core::Leak& x);
void Read(JsonReader& r, core::Assessment& x);
void Read(JsonReader& r, core::Recovery& x);
void Read(JsonReader& r, core::Finding& x);
void Read(JsonReader& r, core::Prevention& x);
void Read(JsonReader& r, core::BackdoorCheck& x);
void Read(JsonReader& r, core::CustodyEvent& x);
void Read(JsonReader& r, core::Evidence& x);
void Read(JsonReader& r, core::LegalHold& x);
void Read(JsonReader& r, core::Filing& x);
void Read(JsonReader& r, core::StateChange& x);
void Read(JsonReader& r, core::ScopeChange& x);
void Read(JsonReader& r, core::AffectedHost& x);
void Read(JsonReader& r, core::PersonalDataLeak& x);

// The incident without its repeated records (decisions, contacts, tasks, recovery, findings,
// prevention, backdoor checks, evidence): what the store keeps in the incident's own row.
Json HeaderToJson(const core::Incident& x);
void ReadHeader(JsonReader& r, core::Incident& x);

// The whole incident.
Json ToJson(const core::Incident& x);

}  // namespace sokuo::codec
