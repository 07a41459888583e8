// The application: one service per area over one shared Context. Adapters (cli/, http/) decode
// input, call exactly one service function, and encode the result. Each write runs in one Store
// transaction with its journal entry; authorization is one function (authorization.h) that
// every area's adapters call.
//
// Adding an area: write its service (app/<area>_service.{h,cpp}) over the Context, and add one
// member and one accessor here (docs/architecture.md, "Adding a capability").
#pragma once

#include "app/account_service.h"
#include "app/authorization.h"
#include "app/context.h"
#include "app/control_service.h"
#include "app/detection_service.h"
#include "app/disaster_service.h"
#include "app/incident_service.h"
#include "app/journal_service.h"
#include "app/notification_service.h"
#include "app/organization_service.h"
#include "app/scan_service.h"

namespace sokuo::app {

class App {
 public:
  // All must outlive the App. Thread-safe as far as the Store and the vault are.
  App(store::Store& store, const Clock& clock, BlobStore* vault = nullptr,
      PasswordHasher* hasher = nullptr, Random* random = nullptr, AuthOptions auth = {})
      : ctx_(store, clock, vault, hasher, random, auth) {}
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  OrganizationService& organization() { return organization_; }
  IncidentService& incidents() { return incidents_; }
  DisasterService& disasters() { return disasters_; }
  AccountService& accounts() { return accounts_; }
  JournalService& journal() { return journal_; }
  NotificationService& notifications() { return notifications_; }
  DetectionService& detection() { return detection_; }
  ControlService& controls() { return controls_; }
  ScanService& scans() { return scans_; }
  Context& context() { return ctx_; }

 private:
  Context ctx_;
  OrganizationService organization_{ctx_};
  IncidentService incidents_{ctx_};
  DisasterService disasters_{ctx_};
  AccountService accounts_{ctx_};
  JournalService journal_{ctx_};
  NotificationService notifications_{ctx_};
  // Its policy opens incidents, so it works through the incident area.
  DetectionService detection_{ctx_, incidents_};
  // A finding opens an incident, so it works through the incident area too.
  ControlService controls_{ctx_, incidents_};
  // A host's scan completes the virus-check control and raises an alert for what it found.
  ScanService scans_{ctx_, controls_, detection_};
};

}  // namespace sokuo::app
