// A small, valid organization for tests in every layer. Not used by the product itself.
#pragma once

#include "core/organization.h"

namespace sokuo::core {

inline Organization SmallOrganization() {
  Organization org;
  org.company = {.name = "架空商事株式会社",
                 .name_en = "Kaku Shoji",
                 .time_zone = "Asia/Tokyo",
                 .holidays = {{"2026-11-23", "勤労感謝の日"}}};
  org.departments = {
      {.id = "committee",
       .name = "情報セキュリティ委員会",
       .name_en = "Information Security Committee",
       .kind = DepartmentKind::kCommittee,
       .head = "p-sato"},
      {.id = "it-dept",
       .name = "情報システム部",
       .name_en = "IS Department",
       .kind = DepartmentKind::kIt,
       .head = "p-suzuki"},
      {.id = "sales",
       .name = "営業部",
       .name_en = "Sales",
       .kind = DepartmentKind::kUser,
       .head = "p-tanaka"},
  };
  org.people = {
      {.id = "p-sato",
       .name = "佐藤 一郎",
       .name_en = "Ichiro Sato",
       .email = "sato@example.jp",
       .phones = {{"mobile", "090-0000-0001"}},
       .department = "committee",
       .title = "常務取締役"},
      {.id = "p-suzuki",
       .name = "鈴木 花子",
       .name_en = "Hanako Suzuki",
       .email = "suzuki@example.jp",
       .department = "it-dept",
       .skills = {"network", "forensics"}},
      {.id = "p-tanaka",
       .name = "田中 健",
       .name_en = "Ken Tanaka",
       .email = "tanaka@example.jp",
       .department = "sales"},
  };
  org.roles = {
      {.role = RoleKind::kCommitteeChair, .person = "p-sato", .deputies = {"p-suzuki"}},
      {.role = RoleKind::kIsStaff, .person = "p-suzuki"},
      {.role = RoleKind::kActionPlan,
       .person = "p-tanaka",
       .department = "sales",
       .title = "連絡責任者"},
  };
  org.contacts = {
      {.id = "police",
       .name = "警視庁 サイバー犯罪対策課",
       .kind = ContactKind::kPolice,
       .channels = {{ChannelKind::kPhone, "03-0000-0000", "24h"}}},
      {.id = "dc-vendor",
       .name = "データセンター保守",
       .kind = ContactKind::kVendor,
       .channels = {{ChannelKind::kEmail, "support@dc.example", ""}},
       .contract = MaintenanceContract{"MC-1", "servers", "24x365", "2027-03-31"}},
  };
  org.systems = {
      {.id = "power",
       .name = "電源",
       .category = SystemCategory::kPower,
       .tier = Tier::kA,
       .owner = "it-dept"},
      {.id = "core-network",
       .name = "基幹ネットワーク",
       .category = SystemCategory::kNetwork,
       .tier = Tier::kA,
       .owner = "it-dept",
       .depends_on = {"power"},
       .vendor = "dc-vendor"},
      {.id = "orders",
       .name = "受注システム",
       .tier = Tier::kB,
       .owner = "sales",
       .customer_service = true,
       .data = {{"customer orders", Confidentiality::kConfidential, true}},
       .depends_on = {"core-network", "power"},
       .rto_hours = 24,
       .rpo_hours = 4,
       .backup = {"nightly snapshot", "daily", "2026-10-01"}},
  };
  org.media = {{.id = "backup-tapes",
                .name = "バックアップテープ",
                .kind = MediumKind::kTape,
                .owner = "it-dept",
                .location = "金庫",
                .system = "orders",
                .confidentiality = Confidentiality::kConfidential}};
  return org;
}

// Every described field (core/org_fields.h) set to a value other than its default, for tests
// that check each format carries every field. Not valid for core::Validate (references dangle).
inline Organization FullOrganization() {
  Organization org = SmallOrganization();
  org.company.time_zone = "Europe/Berlin";
  org.company.workday_start_hour = 8;
  org.departments[1].parent = "committee";
  Person& p = org.people[0];
  p.phones = {{"office", "03-1111-2222"}, {"mobile", "090-3333-4444"}};
  p.skills = {"negotiation"};
  p.available_for_emergency_work = false;
  RoleAssignment& r = org.roles[2];
  r.deputies = {"p-suzuki", "p-sato"};
  ExternalContact& c = org.contacts[1];
  c.name_en = "DC maintenance";
  c.person = "担当 山本";
  c.note = "contract renewed yearly";
  c.reviewed = "2026-10-01";
  c.channels = {{ChannelKind::kWeb, "https://dc.example/support", "weekdays 9-17"}};
  InfoSystem& s = org.systems[2];
  s.name_en = "Orders";
  s.category = SystemCategory::kService;
  s.product_development = true;
  s.data.push_back({"price lists", Confidentiality::kSecret, false});
  s.redundancy = "active-standby";
  s.alternate_site = "Osaka DC";
  s.vendor = "dc-vendor";
  s.degraded_mode = "read-only";
  s.workaround = "orders by fax";
  s.restore_effort_hours = 36;
  s.skills = {"erp", "database"};
  s.hosts = {{"ord-app01", "application server", "10.0.1.11", "Rocky Linux 9"},
             {"ord-db01", "database", "10.0.1.21", "Windows Server 2019"}};
  StorageMedium& m = org.media[0];
  m.contents = "orders backups";
  m.kind = MediumKind::kNas;
  m.confidentiality = Confidentiality::kSecret;
  org.incident_categories = {"malware", "other"};
  org.notifications = {.link_base = "https://sokuo.example",
                       .email = EmailSettings{.smtp = "smtp://mail.example:587",
                                              .from = "sokuo@example.jp",
                                              .starttls = StartTls::kTry,
                                              .user = "sokuo",
                                              .password_env = "SOKUO_SMTP_PASSWORD"},
                       .webhooks = {{.id = "chat",
                                     .url_env = "CHAT_URL",
                                     .format = WebhookFormat::kTeams,
                                     .secret_env = "CHAT_KEY",
                                     .kinds = {"incident.reported"}},
                                    {.id = "siem", .url = "https://siem.example/h"}},
                       .max_attempts = 5,
                       .escalate_after_minutes = 20,
                       .escalate_to = {"p-tanaka"},
                       .witnesses = Witnesses{.file = "/mnt/audit/heads.jsonl",
                                              .webhooks = {"siem"},
                                              .email = false,
                                              .roles = {"committee_member"},
                                              .people = {"p-tanaka"}}};
  org.obligations = {{.id = "preliminary",
                      .name = "速報",
                      .name_en = "Preliminary report",
                      .recipient = "police",
                      .when = {"personal_data"},
                      .unless = {"unauthorized_purpose"},
                      .hours = 72,
                      .remind_hours = 48,
                      .note = "note"},
                     {.id = "final",
                      .name = "確報",
                      .when = {"personal_data"},
                      .days = 30,
                      .next_open_day = true,
                      .after = "preliminary"},
                     {.id = "yearly", .name = "年次", .when = {"significant"}, .months = 12}};
  org.readiness = {
      .backup_verified_days = 90, .contract_warning_days = 30, .contact_review_months = 6};
  return org;
}

}  // namespace sokuo::core
