#include "app/notices.h"

#include <algorithm>
#include <map>

#include "base/text.h"
#include "core/access.h"
#include "store/account_rows.h"
#include "store/incident_rows.h"

namespace sokuo::app {
namespace {

// Percent-encodes everything but unreserved characters, so an id with '/' fits in one segment.
std::string Escape(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Text(const Notice& n, const std::string& link, const std::string& ack, Lang lang) {
  std::string text = Render(n.body, lang);
  if (!link.empty()) text += "\n\n" + Render(Msg("notice.open", {{"url", link}}), lang);
  if (!ack.empty()) text += "\n" + Render(Msg("notice.acknowledge", {{"url", ack}}), lang);
  return text;
}

// Whether `person`, whose account (if any) is `account`, may read `incident` (core::CanSee, with
// the roles the account was granted).
bool MaySee(const core::Organization& org, const std::string& person,
            const store::AccountRow* account, const core::Incident* incident) {
  if (incident == nullptr) return true;
  std::vector<core::Role> granted;
  for (const auto& name : account ? account->granted : std::vector<std::string>{}) {
    if (auto r = core::kRoles.Parse(name); r && core::IsGrantedRole(*r)) granted.push_back(*r);
  }
  core::Principal p{.person = person, .roles = core::DeriveRoles(org, person, granted)};
  return core::CanSee(p, *incident, org);
}

}  // namespace

std::string LinkTo(const core::Organization& org, const std::string& page) {
  std::string base = org.notifications.link_base;
  if (base.empty()) return "";
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + page;
}

store::Delivery EmailDelivery(const core::Organization& org, const std::string& person) {
  const core::Person* p = org.FindPerson(person);
  store::Delivery d{.channel = "email", .recipient = person, .address = p ? p->email : ""};
  if (!org.notifications.email) {
    d.status = store::DeliveryStatus::kFailed;
    d.error = Msg("notify.no_email");
  } else if (d.address.empty()) {
    d.status = store::DeliveryStatus::kFailed;
    d.error = Msg("notify.no_address", {{"person", person}});
  }
  return d;
}

std::string AcknowledgePage(const std::string& delivery) { return "#/ack/" + Escape(delivery); }

namespace {

// Every delivery of `notice`, the message `id`: an email to each recipient when the organization
// sends email, in their language, and a message to each webhook that takes its kind.
Result<std::vector<store::Delivery>> DeliveriesOf(store::Tx& tx, const core::Organization& org,
                                                  const Notice& notice, const std::string& id,
                                                  const std::vector<std::string>& to) {
  std::string link = notice.page.empty() ? "" : LinkTo(org, notice.page);
  std::vector<store::Delivery> deliveries;
  // What someone the incident is hidden from is told instead.
  Notice hidden = notice;
  hidden.title = Msg("notice.restricted.title", {{"subject", notice.subject}});
  hidden.body = Msg("notice.restricted.body", {{"subject", notice.subject}});
  if (org.notifications.email) {
    // Every recipient's language and account, each kind read at once.
    ASSIGN_OR_RETURN(auto languages, store::LoadLanguagesOf(tx, to));
    std::map<std::string, store::AccountRow> accounts;
    if (notice.incident != nullptr) {
      ASSIGN_OR_RETURN(accounts, store::LoadAccountsOf(tx, to));
    }
    for (const std::string& person : to) {
      auto chosen = languages.find(person);
      Lang lang =
          chosen == languages.end() ? Lang::kJa : ParseLang(chosen->second).value_or(Lang::kJa);
      auto account = accounts.find(person);
      bool sees = MaySee(org, person, account == accounts.end() ? nullptr : &account->second,
                         notice.incident);
      const Notice& shown = sees ? notice : hidden;
      store::Delivery d = EmailDelivery(org, person);
      d.id = id + "/email/" + person;
      d.lang = lang == Lang::kEn ? "en" : "ja";
      d.title = Render(shown.title, lang);
      d.body = Text(shown, link, LinkTo(org, AcknowledgePage(d.id)), lang);
      d.link = link;
      deliveries.push_back(std::move(d));
    }
  }
  for (const core::Webhook& w : org.notifications.webhooks) {
    // A person's own account matters are theirs, not a channel's.
    if (notice.kind.rfind("account.", 0) == 0) break;
    if (!w.kinds.empty() &&
        std::find(w.kinds.begin(), w.kinds.end(), notice.kind) == w.kinds.end()) {
      continue;
    }
    // A channel is read by many: both languages, and no acknowledgement link of one person.
    const Notice& shown = notice.incident && notice.incident->restricted ? hidden : notice;
    store::Delivery d{.channel = "webhook", .recipient = w.id};
    d.id = id + "/webhook/" + w.id;
    d.lang = "ja";
    d.title = Render(shown.title, Lang::kJa) + " / " + Render(shown.title, Lang::kEn);
    d.body = Text(shown, link, "", Lang::kJa) + "\n\n" + Text(shown, link, "", Lang::kEn);
    d.link = link;
    deliveries.push_back(std::move(d));
  }
  return deliveries;
}

}  // namespace

Result<std::string> QueueNotice(store::Tx& tx, const core::Organization& org, const Notice& notice,
                                Timestamp now) {
  ASSIGN_OR_RETURN(std::string id, store::NextMessageId(tx, notice.subject));
  // A person named twice (in two of the roles a notice goes to) is told once.
  std::vector<std::string> to = Distinct(notice.to);
  store::OutboxMessage m{
      .id = id,
      .created_at = FormatRfc3339(now),
      .kind = notice.kind,
      .subject = notice.subject,
      .recipients = to,
      .title = Render(notice.title, Lang::kJa) + " / " + Render(notice.title, Lang::kEn)};
  if (org.notifications.email) {
    // Written for each recipient by the sender (WriteDeliveries), not by the change that causes
    // it: the change commits without waiting for every recipient's text. Its body is in its
    // texts, as message codes, not rendered a second time into the message.
    m.status = std::string(store::kMessageUnwritten);
    TRY(store::Enqueue(tx, m, {}));
    TRY(store::AddTexts(tx, {.id = id,
                             .title = notice.title,
                             .body = notice.body,
                             .page = notice.page,
                             .incident = notice.incident ? notice.incident->key : ""}));
    return id;
  }
  // Without email settings no email is sent: the message says so once, for every recipient
  // (ImpliedDeliveries), instead of a row per person that failed at once.
  m.status = std::string(store::kMessageNoEmail);
  m.body = Render(notice.body, Lang::kJa);
  ASSIGN_OR_RETURN(auto deliveries, DeliveriesOf(tx, org, notice, id, to));
  TRY(store::Enqueue(tx, m, std::move(deliveries)));
  return id;
}

Result<std::optional<WrittenMessage>> WriteDeliveries(store::Tx& tx, const core::Organization& org,
                                                      const std::string& message) {
  ASSIGN_OR_RETURN(auto messages, store::LoadMessages(tx, "id", message));
  if (messages.empty() || messages.front().status != store::kMessageUnwritten) {
    return std::optional<WrittenMessage>();
  }
  store::OutboxMessage m = std::move(messages.front());
  ASSIGN_OR_RETURN(std::optional<store::MessageTexts> texts, store::LoadTexts(tx, m.id));
  if (!texts) return Fail(ErrorCode::kStorage, Msg("notify.no_texts", {{"id", m.id}}));
  std::optional<core::Incident> incident;
  if (!texts->incident.empty()) {
    ASSIGN_OR_RETURN(incident, store::LoadIncident(tx, texts->incident));
    // Need-to-know cannot be decided without it: nobody is told anything.
    if (!incident) {
      return Fail(ErrorCode::kStorage, Msg("incident.not_found", {{"key", texts->incident}}));
    }
  }
  Notice notice{.kind = m.kind,
                .subject = m.subject,
                .title = texts->title,
                .body = texts->body,
                .page = texts->page,
                .incident = incident ? &*incident : nullptr};
  ASSIGN_OR_RETURN(auto deliveries, DeliveriesOf(tx, org, notice, m.id, m.recipients));
  // Email settings removed since it was queued: its emails are implied failed, as they would be
  // had it been queued now.
  m.status = std::string(org.notifications.email ? store::kMessageQueued : store::kMessageNoEmail);
  WrittenMessage written{.subject = m.subject, .deliveries = deliveries.size()};
  TRY(store::AddDeliveries(tx, m, std::move(deliveries)));
  TRY(store::SaveMessageStatus(tx, m));
  return std::optional<WrittenMessage>(std::move(written));
}

std::vector<store::Delivery> ImpliedDeliveries(const store::OutboxMessage& message) {
  std::vector<store::Delivery> out;
  Message error;  // why it failed; none while it waits
  if (message.status == store::kMessageNoEmail) {
    error = Msg("notify.no_email");
  } else if (message.status == store::kMessageUnwritable) {
    error = Msg("notify.unwritable", {{"id", message.id}});
  } else if (message.status != store::kMessageUnwritten) {
    return out;
  }
  bool unsent = !error.empty();
  // No text was written for anyone, so nothing tells which recipients may see what the message
  // is about: each is told only its subject, as whoever reads the email's row.
  Message title = Msg(unsent ? "notice.unsent.title" : "notice.unwritten.title",
                      {{"subject", message.subject}});
  std::string both = Render(title, Lang::kJa) + " / " + Render(title, Lang::kEn);
  for (const std::string& person : message.recipients) {
    store::Delivery d{
        .id = message.id + "/email/" + person,
        .message = message.id,
        .subject = message.subject,
        .kind = message.kind,
        .channel = "email",
        .recipient = person,
        .title = both,
        .status = unsent ? store::DeliveryStatus::kFailed : store::DeliveryStatus::kPending,
        .next_at = message.created_at,
        .error = error};
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<store::Delivery> WithImplied(const store::OutboxMessage& message,
                                         std::vector<store::Delivery> stored) {
  for (store::Delivery& d : ImpliedDeliveries(message)) {
    bool has_row = std::any_of(stored.begin(), stored.end(),
                               [&](const store::Delivery& s) { return s.id == d.id; });
    if (!has_row) stored.push_back(std::move(d));
  }
  std::sort(stored.begin(), stored.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return stored;
}

bool Retryable(const store::Delivery& d) {
  return d.status == store::DeliveryStatus::kFailed && !(d.channel == "email" && d.body.empty());
}

Result<std::optional<store::Delivery>> FindDelivery(store::Tx& tx, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, store::LoadDeliveries(tx, "id", id));
  if (!rows.empty()) return std::optional<store::Delivery>(std::move(rows.front()));
  // "<message>/email/<person>": an email its message implies.
  size_t at = id.rfind("/email/");
  if (at == std::string::npos) return std::optional<store::Delivery>();
  ASSIGN_OR_RETURN(auto messages, store::LoadMessages(tx, "id", id.substr(0, at)));
  for (const auto& m : messages) {
    for (store::Delivery& d : ImpliedDeliveries(m)) {
      if (d.id == id) return std::optional<store::Delivery>(std::move(d));
    }
  }
  return std::optional<store::Delivery>();
}

Result<std::vector<NoticeView>> NoticesAbout(store::Store& store, const std::string& subject) {
  ASSIGN_OR_RETURN(auto messages, store::Outbox(store, subject));
  ASSIGN_OR_RETURN(auto deliveries, store::LoadDeliveries(store, "subject", subject));
  std::vector<NoticeView> out;
  for (auto& m : messages) {
    std::vector<store::Delivery> own;
    for (const auto& d : deliveries) {
      if (d.message == m.id) own.push_back(d);
    }
    own = WithImplied(m, std::move(own));
    out.push_back({.message = std::move(m), .deliveries = std::move(own)});
  }
  return out;
}

}  // namespace sokuo::app
