#include "store/notification_rows.h"

#include "store/incident_rows.h"
#include "store/journal.h"

namespace sokuo::store {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 3> kStatusNames = {"pending", "sent", "failed"};

json MessageJson(const Message& m) {
  if (m.empty()) return "";
  json params = json::object();
  for (const auto& [k, v] : m.params) params[k] = v;
  return CanonicalJson({{"code", m.code}, {"params", params}});
}

Message MessageFrom(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("code") || !j["code"].is_string()) return {};
  MessageParams params;
  if (j.contains("params") && j["params"].is_object()) {
    for (const auto& [k, v] : j["params"].items()) {
      if (v.is_string()) params.emplace_back(k, v.get<std::string>());
    }
  }
  return Msg(j["code"].get<std::string>(), std::move(params));
}

Row ToRow(const Delivery& d) {
  return {{"id", d.id},
          {"message", d.message},
          {"subject", d.subject},
          {"kind", d.kind},
          {"channel", d.channel},
          {"recipient", d.recipient},
          {"address", d.address},
          {"lang", d.lang},
          {"title", d.title},
          {"body", d.body},
          {"link", d.link},
          {"status", DeliveryStatusName(d.status)},
          {"attempts", d.attempts},
          {"next_at", d.next_at},
          {"error", MessageJson(d.error)},
          {"sent_at", d.sent_at},
          {"acknowledged_at", d.acknowledged_at}};
}

Delivery FromRow(const Row& row) {
  auto text = [&](const char* column) {
    auto it = row.find(column);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Delivery d{.id = text("id"),
             .message = text("message"),
             .subject = text("subject"),
             .kind = text("kind"),
             .channel = text("channel"),
             .recipient = text("recipient"),
             .address = text("address"),
             .lang = text("lang"),
             .title = text("title"),
             .body = text("body"),
             .link = text("link")};
  std::string status = text("status");
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == status) d.status = static_cast<DeliveryStatus>(i);
  }
  if (auto it = row.find("attempts"); it != row.end() && it->is_number_integer()) {
    d.attempts = it->get<int>();
  }
  d.next_at = text("next_at");
  d.error = MessageFrom(text("error"));
  d.sent_at = text("sent_at");
  d.acknowledged_at = text("acknowledged_at");
  return d;
}

Row ToRow(const OutboxMessage& m) {
  return {{"id", m.id},
          {"created_at", m.created_at},
          {"kind", m.kind},
          {"subject", m.subject},
          {"recipients", CanonicalJson(json(m.recipients))},
          {"title", m.title},
          {"body", m.body},
          // Its deliveries carry the state from here on.
          {"status", m.status},
          {"attempts", 0}};
}

}  // namespace

std::string_view DeliveryStatusName(DeliveryStatus status) {
  return kStatusNames[static_cast<size_t>(status)];
}

Result<std::string> NextMessageId(Tx& tx, const std::string& subject) {
  ASSIGN_OR_RETURN(Table existing, tx.ReadWhere("outbox", "subject", subject));
  return subject + "/" + FixedWidth(static_cast<int>(existing.size()) + 1);
}

Result<std::string> Enqueue(Tx& tx, const OutboxMessage& message,
                            std::vector<Delivery> deliveries) {
  OutboxMessage m = message;
  if (m.id.empty()) {
    ASSIGN_OR_RETURN(m.id, NextMessageId(tx, m.subject));
  }
  TRY(tx.Add("outbox", m.id, ToRow(m)));
  TRY(AddDeliveries(tx, m, std::move(deliveries)));
  return m.id;
}

Result<void> AddDeliveries(Tx& tx, const OutboxMessage& m, std::vector<Delivery> deliveries) {
  for (Delivery& d : deliveries) {
    d.message = m.id;
    d.subject = m.subject;
    d.kind = m.kind;
    if (d.id.empty()) d.id = m.id + "/" + d.channel + "/" + d.recipient;
    if (d.next_at.empty()) d.next_at = m.created_at;
    TRY(tx.Add("deliveries", d.id, ToRow(d)));
  }
  return {};
}

Result<void> AddTexts(Tx& tx, const MessageTexts& texts) {
  return tx.Add("outbox_texts", texts.id,
                {{"id", texts.id},
                 {"title", MessageJson(texts.title)},
                 {"body", MessageJson(texts.body)},
                 {"page", texts.page},
                 {"incident", texts.incident}});
}

Result<std::optional<MessageTexts>> LoadTexts(Tx& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("outbox_texts", "id", id));
  if (rows.empty()) return std::optional<MessageTexts>();
  const Row& row = rows.begin()->second;
  return std::optional<MessageTexts>(MessageTexts{.id = id,
                                                  .title = MessageFrom(row.value("title", "")),
                                                  .body = MessageFrom(row.value("body", "")),
                                                  .page = row.value("page", ""),
                                                  .incident = row.value("incident", "")});
}

Result<void> SaveMessageStatus(Tx& tx, const OutboxMessage& message) {
  return tx.Put("outbox", message.id, ToRow(message));
}

OutboxMessage MessageFromRow(const std::string& id, const Row& row) {
  OutboxMessage m{.id = id,
                  .created_at = row.value("created_at", ""),
                  .kind = row.value("kind", ""),
                  .subject = row.value("subject", ""),
                  .title = row.value("title", ""),
                  .body = row.value("body", ""),
                  .status = row.value("status", std::string(kMessageQueued))};
  json recipients = json::parse(row.value("recipients", "[]"), nullptr, false);
  if (recipients.is_array()) {
    for (const auto& r : recipients) {
      if (r.is_string()) m.recipients.push_back(r.get<std::string>());
    }
  }
  return m;
}

template <class Source>
Result<std::vector<OutboxMessage>> LoadMessages(Source& source, const std::string& column,
                                                const std::string& value) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("outbox", column, value));
  std::vector<OutboxMessage> out;
  out.reserve(rows.size());
  for (const auto& [id, row] : rows) out.push_back(MessageFromRow(id, row));
  return out;  // ids number the messages of a subject in order
}
template Result<std::vector<OutboxMessage>> LoadMessages(Store&, const std::string&,
                                                         const std::string&);
template Result<std::vector<OutboxMessage>> LoadMessages(Tx&, const std::string&,
                                                         const std::string&);

Result<std::vector<OutboxMessage>> OldestMessages(Store& store, std::string_view status,
                                                  size_t limit) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   store.ReadFirst("outbox", "status", std::string(status), "created_at", limit));
  std::vector<OutboxMessage> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(MessageFromRow(row.value("id", ""), row));
  return out;
}

Result<std::vector<OutboxMessage>> Outbox(Store& store, const std::string& subject) {
  return LoadMessages(store, "subject", subject);
}

template <class Source>
Result<std::vector<Delivery>> LoadDeliveries(Source& source, const std::string& column,
                                             const std::string& value) {
  Table rows;
  if (column.empty()) {
    ASSIGN_OR_RETURN(rows, source.Read("deliveries"));
  } else {
    ASSIGN_OR_RETURN(rows, source.ReadWhere("deliveries", column, value));
  }
  std::vector<Delivery> out;
  out.reserve(rows.size());
  for (const auto& [id, row] : rows) out.push_back(FromRow(row));
  return out;
}
template Result<std::vector<Delivery>> LoadDeliveries(Store&, const std::string&,
                                                      const std::string&);
template Result<std::vector<Delivery>> LoadDeliveries(Tx&, const std::string&, const std::string&);

Result<void> SaveDelivery(Tx& tx, const Delivery& delivery) {
  return tx.Put("deliveries", delivery.id, ToRow(delivery));
}

}  // namespace sokuo::store
