// The parts of the one message catalog, each kept in its own file; Catalog() (base/message.h)
// is all of them, in this order.
#pragma once

#include <span>

#include "base/message.h"

namespace sokuo {

std::span<const CatalogEntry> ServerMessages();      // message_catalog.cpp
std::span<const CatalogEntry> NoticeMessages();      // message_catalog_notices.cpp: G4.3.2
std::span<const CatalogEntry> AdapterMessages();     // message_catalog_adapters.cpp
std::span<const CatalogEntry> UiMessages();          // message_catalog_ui.cpp: the web interface
std::span<const CatalogEntry> IncidentUiMessages();  // message_catalog_ui_incident.cpp
std::span<const CatalogEntry> AdminUiMessages();     // message_catalog_ui_admin.cpp
std::span<const CatalogEntry> RecoveryMessages();    // message_catalog_recovery.cpp: G5.2
std::span<const CatalogEntry> DisasterUiMessages();  // message_catalog_ui_disaster.cpp
std::span<const CatalogEntry> DetectMessages();      // message_catalog_detect.cpp: G4.2.3
std::span<const CatalogEntry> DetectUiMessages();    // message_catalog_ui_detect.cpp
std::span<const CatalogEntry> ReportMessages();      // message_catalog_report.cpp: paper
// message_catalog_incident_report.cpp: the incident and disaster reports, the agency forms
std::span<const CatalogEntry> IncidentReportMessages();
std::span<const CatalogEntry> EvidenceMessages();  // message_catalog_evidence.cpp: G4.4.3
std::span<const CatalogEntry> ControlMessages();   // message_catalog_controls.cpp: G4.1, G4.2
// message_catalog_readiness.cpp: the readiness report, G3.3, G5.1
std::span<const CatalogEntry> ReadinessMessages();
std::span<const CatalogEntry> WitnessMessages();  // message_catalog_witness.cpp: G4.4.3
// message_catalog_store.cpp: the database, store copy, journal verification
std::span<const CatalogEntry> StoreMessages();

}  // namespace sokuo
