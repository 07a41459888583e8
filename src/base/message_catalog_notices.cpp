// The words of notifications (app/notices, app/notification_service, notify/, G4.3.2): the
// messages people receive and what the sender says of a delivery. A part of the one catalog
// (message_catalog_parts.h), in its own file to keep each file to one room.
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kNotices = std::to_array<CatalogEntry>({
    // Outbox titles carry both languages: "[key] <ja> / <en>: title".
    // Notifications (app/notices, app/notification_service, notify/), G4.3.2.
    {"notice.reported.title", "[{key}] 緊急事態の報告: {title}",
     "[{key}] Emergency reported: {title}"},
    {"notice.reported.body",
     "情報システム部門の皆さまへ\n{reporter} "
     "さんから緊急事態の報告がありました（{reported_at}）。\n\n"
     "件名: {title}\n影響を受けたシステム: {systems}\n\n{summary}\n\n"
     "内容を確認し、情報セキュリティ委員会の招集が必要か判断してください。",
     "To the IS department:\n{reporter} reported an emergency ({reported_at}).\n\n"
     "Title: {title}\nSystems affected: {systems}\n\n{summary}\n\n"
     "Please review it and decide whether the Information Security Committee must be convened."},
    {"notice.convocation.title", "[{key}] 情報セキュリティ委員会の招集依頼: {title}",
     "[{key}] Please convene the Information Security Committee: {title}"},
    {"notice.convocation.body",
     "{by} さんから、次の緊急事態について情報セキュリティ委員会の招集依頼がありました。\n\n"
     "件名: {title}\n報告: {reporter}（{reported_at}）\n影響を受けたシステム: "
     "{systems}\n\n{summary}\n\n"
     "このメッセージを確認したら、確認のリンクを押してください。確認がない場合は代理の方に連絡が"
     "届きます。",
     "{by} asks for the Information Security Committee to be convened for this emergency.\n\n"
     "Title: {title}\nReported by {reporter} ({reported_at})\nSystems affected: {systems}\n\n"
     "{summary}\n\nPlease press the acknowledge link once you have read this; if nobody does, "
     "the deputies are asked."},
    {"notice.escalation.title", "[{key}] 至急: 委員会招集依頼に応答がありません: {title}",
     "[{key}] Urgent: nobody answered the request to convene the committee: {title}"},
    {"notice.escalation.body",
     "{requested_at} の情報セキュリティ委員会の招集依頼を、{minutes} "
     "分たっても誰も確認していません。"
     "代理（第 {level} 順位）としてお知らせします。\n\n件名: {title}\n\n{summary}",
     "Nobody acknowledged the request of {requested_at} to convene the Information Security "
     "Committee within {minutes} minutes. You are told as deputy (level {level}).\n\n"
     "Title: {title}\n\n{summary}"},
    {"notice.decision.title", "[{key}] 情報セキュリティ委員会からの指示: {title}",
     "[{key}] Instructions from the Information Security Committee: {title}"},
    {"notice.decision.body",
     "情報セキュリティ委員会（{by}）から、次の緊急事態について指示がありました。\n\n件名: "
     "{title}\n\n{text}",
     "The Information Security Committee ({by}) gives these instructions on the emergency "
     "below.\n\nTitle: {title}\n\n{text}"},
    {"notice.task.title", "[{key}] 緊急措置の依頼: {task}", "[{key}] A measure for you: {task}"},
    {"notice.task.body",
     "{by} さんから緊急措置を依頼されました。\n\n件名: {title}\n措置: {task}\n期限: {due}",
     "{by} asks you to take this measure.\n\nIncident: {title}\nMeasure: {task}\nDue: {due}"},
    {"notice.task_overdue.title", "[{key}] 期限切れの緊急措置: {task}",
     "[{key}] Measure overdue: {task}"},
    {"notice.task_overdue.body",
     "次の緊急措置が期限（{due}）を過ぎても完了していません。状況を記録してください。\n\n"
     "件名: {title}\n措置: {task}",
     "This measure is past its due time ({due}) and not done. Please record where it stands."
     "\n\nIncident: {title}\nMeasure: {task}"},
    {"notice.follow_up.title", "[{key}] 連絡のフォローアップ期日です: {contact}",
     "[{key}] A contact's follow-up is due: {contact}"},
    {"notice.follow_up.body",
     "{contact} への連絡のフォローアップ期日（{due}）になりました。\n\n件名: {title}\n連絡内容: "
     "{summary}",
     "The follow-up of the contact with {contact} is due ({due}).\n\nIncident: {title}\n"
     "What was said: {summary}"},
    {"notice.deadline_near.title", "[{key}] 報告期限が近づいています: {duty}（{due} まで）",
     "[{key}] A reporting deadline is near: {duty} (by {due})"},
    {"notice.deadline_near.body",
     "次の報告義務の期限は {due} です。提出先: {recipient}\n提出したら sokuo "
     "に提出日・受付番号・報告書を記録してください。"
     "\n\n件名: {title}\n報告義務: {duty}",
     "This reporting duty is due by {due}. File with: {recipient}\nOnce filed, record the date, "
     "the reference number and the report in sokuo.\n\nIncident: {title}\nDuty: {duty}"},
    {"notice.deadline_passed.title", "[{key}] 報告期限を過ぎています: {duty}",
     "[{key}] A reporting deadline has passed: {duty}"},
    {"notice.deadline_passed.body",
     "次の報告義務は期限（{due}"
     "）を過ぎても提出の記録がありません。至急提出するか、委員会で提出しない"
     "理由を記録してください。提出先: {recipient}\n\n件名: {title}\n報告義務: {duty}",
     "This reporting duty was due by {due} and no filing is recorded. File it now, or have the "
     "committee record why it is not filed. File with: {recipient}\n\nIncident: {title}\n"
     "Duty: {duty}"},
    {"notice.unsent.title", "[{subject}] メールで送られなかった知らせ",
     "[{subject}] A message no email carried"},
    {"notice.unwritten.title", "[{subject}] 送信を待っている知らせ",
     "[{subject}] A message waiting to be sent"},
    {"notice.restricted.title", "[{subject}] 閲覧制限付きの緊急事態の知らせ",
     "[{subject}] News of a restricted emergency"},
    {"notice.restricted.body",
     "閲覧制限付きの緊急事態について知らせがあります。内容は sokuo で確認してください。",
     "There is news of a restricted emergency. Open sokuo to read it."},
    {"notice.open", "開く: {url}", "Open: {url}"},
    {"notice.acknowledge", "確認したら押してください: {url}", "Acknowledge: {url}"},
    {"notify.no_address", "{person} さんのメールアドレスが組織ファイルにありません",
     "the organization file has no email address for {person}"},
    {"notify.not_found", "通知 {id} はありません", "no message {id}"},
    {"notify.not_failed", "通知 {id} は失敗していないため再送できません",
     "message {id} has not failed, so it cannot be retried"},
    {"notify.failed", "送信できませんでした: {detail}", "could not send: {detail}"},
    {"notify.never_queued",
     "通知 {id} "
     "は、組織ファイルにメールの送信設定がなかったときのものなので、あとから送ることはできません（"
     "設定のあとの通知は送られます）",
     "message {id} was queued while the organization file configured no email, so it cannot be "
     "sent later (notices queued after email is configured are sent)"},
    {"notify.bad_status", "状態「{value}」はありません（pending, sent, failed のいずれか）",
     "no status '{value}' (pending, sent or failed)"},
    {"notify.bad_time", "保存されている時刻「{value}」を読めません",
     "the stored time '{value}' cannot be read"},
    {"notify.no_texts", "通知 {id} の文面が保存されていません",
     "The texts of message {id} are not stored"},
    {"notify.unwritable",
     "通知 {id} の文面を作れませんでした。理由はジャーナル（notification.unwritable）にあります。"
     "sokuo journal verify で記録を確かめてください",
     "Message {id} could not be written; the journal says why (notification.unwritable). Check "
     "the record with sokuo journal verify"},
    {"notify.no_email", "組織ファイルにメールの送信設定（notifications.email）がありません",
     "the organization file does not configure email (notifications.email)"},
    {"notify.no_webhook", "Webhook「{id}」は組織ファイルにありません",
     "the organization file has no webhook '{id}'"},
    {"notify.no_env", "環境変数 {name} が設定されていません",
     "environment variable {name} is not set"},
    {"notify.smtp_failed", "メールを送れませんでした: {detail}",
     "the email could not be sent: {detail}"},
    {"notify.smtp_refused", "メールサーバーが受け付けませんでした: {detail}",
     "the mail server refused the message: {detail}"},
    {"notify.webhook_failed", "Webhook に送れませんでした: {detail}",
     "the webhook could not be reached: {detail}"},
    {"notify.webhook_status", "Webhook が HTTP {status} を返しました",
     "the webhook answered HTTP {status}"},
});

}  // namespace

std::span<const CatalogEntry> NoticeMessages() { return kNotices; }

}  // namespace sokuo
