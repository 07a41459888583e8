// The message catalog: every code of every layer with its Japanese and English template, so that
// a translator sees every text sokuo can say. This file holds the codes of core/, store/, app/,
// api/, orgfile/ and platform/; message_catalog_adapters.cpp those of http/ and cli/, and
// message_catalog_ui.cpp the web interface's words. It is data, not domain logic, which is why
// it may live in base/. Template format: base/message.h. Codes are `area.what`, grouped
// by area; message_test.cpp checks that both texts exist, that their placeholders match and that
// every code that src/ passes to Msg() is listed here.
#include <array>

#include <vector>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kCatalog = std::to_array<CatalogEntry>({
    // Hints appended by Render.
    {"hint.did_you_mean", "（「{suggestion}」の誤りではありませんか？）",
     " (did you mean '{suggestion}'?)"},

    // The default text of each error code (base/error.h), for errors that carry no message.
    {"error.invalid_input", "入力が正しくありません", "invalid input"},
    {"error.usage", "使い方が正しくありません", "wrong usage"},
    {"error.unauthorized", "認証が必要です", "authentication required"},
    {"error.forbidden", "権限がありません", "not allowed"},
    {"error.not_found", "見つかりません", "not found"},
    {"error.conflict", "現在の状態と矛盾します", "conflict with the current state"},
    {"error.payload_too_large", "リクエストの本文が大きすぎます", "request body too large"},
    {"error.unsupported_media_type", "対応していないメディアタイプです", "unsupported media type"},
    {"error.integrity", "整合性の検査に失敗しました", "integrity check failed"},
    {"error.address_in_use", "アドレスはすでに使われています", "address already in use"},
    {"error.io", "入出力エラーが発生しました", "input/output error"},
    {"error.storage", "データベースのエラーが発生しました", "storage error"},
    {"error.internal", "内部エラーが発生しました", "internal error"},
    {"error.unavailable", "サービスを利用できません", "service unavailable"},

    // Nouns used as {what|term} parameters.
    {"term.person", "人物", "person"},
    {"term.department", "部署", "department"},
    {"term.system", "システム", "system"},
    {"term.contact", "外部連絡先", "contact"},
    {"term.category", "分類", "category"},
    {"term.id", "ID", "id"},
    {"term.name", "名称", "name"},
    {"term.company_name", "会社名", "company name"},
    {"term.date", "日付", "date"},
    {"term.number", "番号", "number"},
    {"term.value", "値", "value"},
    {"term.action_plan_title", "行動計画の役割名", "title of an action-plan role"},
    {"term.smtp", "SMTP サーバー", "SMTP server"},
    {"term.when", "報告義務が生じる事実", "facts that start the duty"},
    {"term.from", "送信元アドレス", "sender address"},

    // Incident states ({state|state}).
    {"state.reported", "報告済み", "reported"},
    {"state.triaged", "受付確認済み", "triaged"},
    {"state.convened", "委員会招集済み", "convened"},
    {"state.containing", "封じ込め中", "containing"},
    {"state.assessing", "被害調査中", "assessing"},
    {"state.recovering", "復旧中", "recovering"},
    {"state.reviewing", "再発防止中", "reviewing"},
    {"state.closed", "完了", "closed"},
    {"state.dismissed", "却下", "dismissed"},

    // Recovery statuses ({status|recovery_status}).
    {"recovery_status.down", "停止中", "down"},
    {"recovery_status.restoring", "復旧作業中", "restoring"},
    {"recovery_status.restored", "復旧済み", "restored"},
    {"recovery_status.degraded", "縮退運転中", "degraded"},

    // System tiers ({tier|tier}), G5.2.1.
    {"tier.a", "A", "a"},
    {"tier.b", "B", "b"},
    {"tier.c", "C", "c"},

    // Backdoor check items ({item|backdoor_item}), G4.4.2.
    {"backdoor_item.added_users", "追加されたユーザー", "added_users"},
    {"backdoor_item.planted_programs", "仕掛けられたプログラム", "planted_programs"},
    {"backdoor_item.unexpected_services", "想定外のサービス", "unexpected_services"},
    {"backdoor_item.device_settings", "機器の設定", "device_settings"},

    // Audiences and contact kinds ({audience|audience}, {kind|audience}).
    {"audience.internal", "社内", "internal"},
    {"audience.pr", "広報", "pr"},
    {"audience.customer", "顧客", "customer"},
    {"audience.partner", "取引先", "partner"},
    {"audience.police", "警察", "police"},
    {"audience.csirt", "CSIRT", "csirt"},
    {"audience.ipa", "IPA", "ipa"},
    {"audience.regulator", "監督官庁", "regulator"},
    {"audience.authority", "自治体・公的機関", "authority"},
    {"audience.vendor", "ベンダー・外部専門家", "vendor"},
    {"audience.insurer", "サイバー保険会社", "insurer"},
    {"audience.individuals", "本人（漏えいした個人データの本人）", "individuals"},
    {"audience.press", "報道機関", "press"},
    {"audience.other", "その他", "other"},

    // Time and dates (base/time).
    {"time.not_rfc3339",
     "「{text}」は RFC 3339 形式の日時ではありません（例: 2026-11-26T09:30:00+09:00）",
     "'{text}' is not an RFC 3339 time (2026-11-26T09:30:00+09:00)"},
    {"time.not_date", "「{text}」は日付（YYYY-MM-DD）ではありません",
     "'{text}' is not a date (YYYY-MM-DD)"},
    {"time.no_such_day", "{text} という日は存在しません", "'{text}' is no such day"},
    {"time.unknown_zone",
     "タイムゾーン「{zone}」は不明です（Asia/Tokyo のような IANA 名で指定してください）",
     "unknown time zone '{zone}' (an IANA name such as Asia/Tokyo)"},
    {"time.in_future",
     "{field} が未来の時刻です: {value}（記録できるのは現在の {minutes} 分後、{limit} までです）",
     "{field} is in the future: {value} (an event time may be at most {minutes} minutes ahead of "
     "now: {limit})"},
    {"time.not_local",
     "「{text}」は日時ではありません（RFC 3339 か、{zone} の現地時刻 YYYY-MM-DD HH:MM "
     "で指定してください）",
     "'{text}' is not a time (RFC 3339, or YYYY-MM-DD HH:MM on the clock of {zone})"},

    // Fields and references, in any input.
    {"field.required", "必須です", "is required"},
    {"field.required_named", "{what|term}は必須です", "{what|term} is required"},
    {"field.too_long", "{max} バイトを超えています", "is longer than {max} bytes"},
    {"field.not_utf8", "UTF-8 のテキストではありません", "is not UTF-8 text"},
    {"field.below_min", "{min} 以上で指定してください", "must be >= {min}"},
    {"list.duplicate", "「{value}」が重複しています", "'{value}' is listed twice"},
    {"ref.unknown", "{what|term}「{id}」は登録されていません", "unknown {what|term} '{id}'"},

    // JSON requests and rows (codec/json_reader).
    {"json.syntax", "JSON として読めません（{offset} バイト目）",
     "not valid JSON (at byte {offset})"},
    {"json.syntax_unknown", "JSON として読めません", "not valid JSON"},
    {"json.not_object", "オブジェクトを指定してください", "expected an object"},
    {"json.unknown_key", "キー「{key}」は使えません", "unknown key '{key}'"},
    {"json.expected_text", "文字列を指定してください", "expected text"},
    {"json.expected_integer", "整数を指定してください", "expected a whole number"},
    {"json.out_of_range", "{min} から {max} までの整数を指定してください",
     "expected a whole number from {min} to {max}"},
    {"json.expected_bool", "true または false を指定してください", "expected true or false"},
    {"json.expected_list", "リストを指定してください", "expected a list"},
    {"json.expected_text_list", "文字列のリストを指定してください", "expected a list of text"},
    {"json.invalid_enum", "「{value}」は使えません（{allowed} のいずれか）",
     "unknown value '{value}' (one of: {allowed})"},
    {"request.one_problem", "リクエストに 1 件の問題があります", "1 problem in the request"},
    {"request.problems", "リクエストに {count} 件の問題があります",
     "{count} problems in the request"},

    // The organization (core/org_rules), G3.
    {"org.id_not_slug", "ID「{id}」は英小文字・数字と単独のハイフンで書いてください",
     "id '{id}' must be lower-case letters, digits and single hyphens"},
    {"org.duplicate_id", "ID「{id}」が重複しています（最初の使用箇所: {first}）",
     "duplicate id '{id}' (first used at {first})"},
    {"org.holiday_twice", "休日 {date} が重複しています", "holiday {date} is listed twice"},
    {"org.own_parent", "部署を自身の親部署にはできません", "a department cannot be its own parent"},
    {"org.no_committee", "種別 'committee' の部署（情報セキュリティ委員会）がありません",
     "no department of kind 'committee' (the Information Security Committee)"},
    {"org.no_it_department", "種別 'it' の部署（情報システム部門）がありません",
     "no department of kind 'it' (the IS department)"},
    {"org.department_cycle", "部署の親子関係が循環しています: {path}",
     "departments form a cycle: {path}"},
    {"org.not_email", "「{email}」はメールアドレスではありません",
     "'{email}' is not an email address"},
    {"org.role_twice", "同じ役割が「{person}」に二重に割り当てられています",
     "the same role is assigned to '{person}' twice"},
    {"org.env_name", "環境変数名「{name}」は英大文字・数字・_ で書いてください（先頭は数字以外）",
     "environment variable name '{name}' must be upper-case letters, digits and _, not starting "
     "with a digit"},
    {"org.url_scheme", "「{url}」は {schemes} で始めてください",
     "'{url}' must begin with {schemes}"},
    {"org.out_of_range", "{low} から {high} の間で指定してください",
     "must be between {low} and {high}"},
    {"org.webhook_address", "Webhook の宛先は url か url_env のどちらか一方で指定してください",
     "give a webhook's address as exactly one of url and url_env"},
    {"org.unknown_fact", "「{fact}」という事実はありません（使えるもの: {facts}）",
     "no fact '{fact}' (one of: {facts})"},
    {"org.obligation_period", "期限は hours, days, months のどれか一つで指定してください",
     "give the deadline as exactly one of hours, days and months"},
    {"org.unknown_obligation", "報告義務「{id}」はありません（自身も指定できません）",
     "no other reporting duty '{id}'"},
    {"org.unknown_notice", "通知の種類「{kind}」はありません", "no message kind '{kind}'"},
    {"org.own_deputy", "本人を自身の代理にはできません", "a person cannot be their own deputy"},
    {"org.two_chairs", "委員長が複数います", "the committee has more than one chair"},
    {"org.two_council_chairs", "情報セキュリティ推進会議の議長が複数います",
     "there is more than one security steering council chair"},
    {"org.no_chair", "委員長がいません。役割 'committee_chair' を追加してください",
     "no committee chair: add a role 'committee_chair'"},
    {"org.not_vendor", "外部連絡先「{contact}」はベンダーではありません",
     "contact '{contact}' is not a vendor"},
    {"org.host_twice", "ホスト名「{host}」が重複しています（最初の使用箇所: {first}）",
     "host name '{host}' is used twice (first at {first})"},
    {"org.self_dependency", "システム「{system}」は自身に依存できません",
     "system '{system}' cannot depend on itself"},
    {"org.tier_order",
     "ティア {tier|tier} のシステム「{system}」がティア {dependency_tier|tier} "
     "のシステム「{dependency}」に依存しています。"
     "依存先は同じかそれより前のティアにしてください",
     "tier-{tier|tier} system '{system}' depends on tier-{dependency_tier|tier} system "
     "'{dependency}': a "
     "dependency must be in the same or an earlier tier"},
    {"org.system_cycle", "システムの依存関係が循環しています: {path}",
     "dependency cycle among systems: {path}"},
    {"org.category_not_slug", "分類「{category}」は英小文字・数字と単独のハイフンで書いてください",
     "category '{category}' must be lower-case letters, digits and single hyphens"},
    {"org.category_twice", "分類「{category}」が重複しています",
     "category '{category}' is listed twice"},

    // Incident records (core/incident_rules), G3, G4.
    {"decision.not_committee", "「{person}」は情報セキュリティ委員会のメンバーではありません",
     "'{person}' is not on the Information Security Committee"},
    {"contact.kind_mismatch",
     "「{contact}」の種別は{kind|audience}で、{audience|audience}ではありません",
     "'{contact}' is a contact of kind {kind|audience}, not {audience|audience}"},
    {"contact.needs_approval",
     "{audience|audience}への連絡には、それを承認した委員会の決定が必要です",
     "a contact to {audience|audience} needs the committee decision that approved it"},
    {"contact.no_such_decision", "このインシデントに決定 {id} はありません",
     "no decision {id} in this incident"},
    {"contact.wrong_decision_kind",
     "決定 {id} は種別 {kind} の決定です。{audience|audience}への連絡を承認するのは種別 {kinds} "
     "の決定です",
     "decision {id} is of kind {kind}; a contact to {audience|audience} is approved by a decision "
     "of kind {kinds}"},
    {"contact.persons_required", "個人への通知には通知した人数が必要です",
     "a notice to individuals needs the number of persons notified"},
    {"task.revert_needs_reason", "取り消した措置には理由が必要です",
     "a reverted measure needs a reason"},
    {"task.failed_needs_result",
     "うまくいかなかった措置には、何が起きたか（result）を記入してください",
     "a failed measure needs its result: what happened"},
    {"assessment.last_before_first", "初認日時（first_seen）より前になっています",
     "is before first_seen"},
    {"assessment.unknown_data_class",
     "システム「{system}」にデータ分類「{data_class}」はありません",
     "system '{system}' holds no data class '{data_class}'"},
    {"incident.system_not_affected", "「{system}」は {key} の影響システムではありません",
     "'{system}' is not an affected system of {key}"},
    {"backdoor.note_required", "発見した内容を記入してください", "say what was found"},
    {"incident.unknown_host", "システム「{system}」にホスト「{host}」はありません",
     "system '{system}' has no host '{host}'"},
    {"incident.host_system_not_affected",
     "ホスト「{host}」のシステム「{system}」を先に影響システムに加えてください",
     "add system '{system}' to the affected systems before its host '{host}'"},
    {"recovery.dependency_not_back",
     "{system} は {dependency} に依存していますが、{dependency} はこのインシデントでまだ"
     "{status|recovery_status}です。先に復旧するか、先行する理由（override_reason）を記入して"
     "ください",
     "{system} depends on {dependency}, which is still {status|recovery_status} in this "
     "incident: restore {dependency} first, or give the reason to go ahead (override_reason)"},
    {"recovery.out_of_order", "{system} はまだ復旧済みにできません",
     "{system} cannot be marked restored yet"},

    // Priority reasons (core/incident), G4.3.1.
    {"priority.serious_harm", "顧客・取引先に深刻な被害", "serious harm to customers or partners"},
    {"priority.possible_harm", "顧客・取引先に被害のおそれ",
     "possible harm to customers or partners"},
    {"priority.tier_a", "ティア A のシステムに影響: {systems}",
     "tier-a systems affected: {systems}"},
    {"priority.confidential", "機密データを持つシステム: {systems}",
     "systems with confidential data: {systems}"},
    {"priority.tier_b", "ティア B のシステムに影響: {systems}",
     "tier-b systems affected: {systems}"},
    {"priority.no_system", "影響システムが未指定", "no affected system named yet"},
    {"priority.tier_c_only", "影響はティア C のシステムのみ", "only tier-c systems affected"},
    {"priority.overridden", "{by} が {from} から変更: {reason}",
     "overridden from {from} by {by}: {reason}"},

    // State changes (core/incident).
    {"incident.already_in_state", "インシデントはすでに「{state|state}」です",
     "the incident is already {state|state}"},
    {"incident.move_refused", "「{from|state}」から「{to|state}」へ進めません",
     "cannot move from {from|state} to {to|state}"},
    {"incident.reopen_needs_reason", "「{state|state}」のインシデントを再開するには理由が必要です",
     "reopening a {state|state} incident needs a reason"},
    {"incident.reopen_to_open_state", "再開後の状態には対応中の状態を指定してください",
     "reopen to an open state"},
    {"incident.dismiss_too_late",
     "却下: 却下できるのは報告済みか受付確認済みのインシデントだけです",
     "dismissed: only a reported or triaged incident can be dismissed"},
    {"incident.forward_only",
     "状態は先へ進めることしかできません。戻すには完了後に再開してください",
     "states only move forward; close and reopen to go back"},

    // What a state needs before it can be entered (core/incident Requirements).
    {"requirement.not_triaged", "受付確認済み: 情報システム部門が報告を確認していません",
     "triaged: the IS department has not confirmed the report"},
    {"requirement.no_convocation", "委員会招集済み: 委員会への招集依頼が記録されていません",
     "convened: no convocation request to the committee is recorded"},
    {"requirement.committee_not_met",
     "委員会招集済み: 委員会が開催されていません（開催日時が未記録）",
     "convened: the committee has not met (no convened time recorded)"},
    {"requirement.no_policy", "封じ込め中: 委員会が対応方針を決定していません",
     "containing: no response policy decided by the committee"},
    {"requirement.no_measure", "被害調査中: 緊急措置が記録されていません",
     "assessing: no emergency measure is recorded"},
    {"requirement.every_measure_failed",
     "被害調査中: 緊急措置がすべて失敗しています。効果のあった措置を記録してください",
     "assessing: every emergency measure failed; record one that worked or is under way"},
    {"requirement.measure_not_started", "被害調査中: 緊急措置 {id}（{title}）が未着手です",
     "assessing: emergency measure {id} ({title}) has not been started"},
    {"requirement.no_assessment", "復旧中: 被害調査の結果が記録されていません",
     "recovering: no damage assessment is recorded"},
    {"requirement.assessment_empty", "復旧中: 被害調査に被害の種類も範囲も記載されていません",
     "recovering: the damage assessment names neither kinds nor scope"},
    {"requirement.personal_data_unanswered",
     "復旧中: システム {system} "
     "の個人データが漏えいしたか（yes・possibly・no・unknown）が被害調査に"
     "記録されていません",
     "recovering: the damage assessment does not say whether personal data of system {system} "
     "leaked (yes, possibly, no or unknown)"},
    {"requirement.no_recovery_status",
     "再発防止中: システム {system} の復旧状況が記録されていません",
     "reviewing: no recovery status for system {system}"},
    {"requirement.system_not_recovered",
     "再発防止中: システム {system} はまだ{status|recovery_status}です",
     "reviewing: system {system} is still {status|recovery_status}"},
    {"requirement.measure_in_progress", "再発防止中: 緊急措置 {id}（{title}）がまだ実施中です",
     "reviewing: emergency measure {id} ({title}) is still in progress"},
    {"requirement.no_finding", "完了: 脆弱性調査の結果が記録されていません",
     "closed: no vulnerability survey finding"},
    {"requirement.no_prevention", "完了: 再発防止策が記録されていません",
     "closed: no prevention measure"},
    {"requirement.prevention_incomplete", "完了: 再発防止策 {id} に担当者と期限が必要です",
     "closed: prevention measure {id} needs an owner and a due date"},
    {"requirement.backdoor_unanswered",
     "完了: システム {system} のバックドア確認「{item|backdoor_item}」が未回答です",
     "closed: backdoor check '{item|backdoor_item}' not answered for system {system}"},
    {"requirement.backdoor_host_unanswered",
     "完了: システム {system} のホスト {host} のバックドア確認「{item|backdoor_item}」が未回答です",
     "closed: backdoor check '{item|backdoor_item}' not answered for host {host} of system "
     "{system}"},
    {"filing.unknown_obligation", "報告義務「{id}」は組織ファイルにありません",
     "the organization file has no reporting duty '{id}'"},
    {"filing.already", "報告義務「{id}」はすでに記録されています",
     "the duty '{id}' is already recorded"},
    {"filing.unknown_evidence", "証拠 {id} はこのインシデントにありません",
     "this incident has no evidence {id}"},
    {"filing.waive_reason", "提出しない理由を書いてください", "say why it is not filed"},
    {"filing.no_proof", "受付番号か、提出した報告書（証拠）のどちらかを記録してください",
     "give the reference number or the report as filed (an evidence)"},
    {"filing.waive_committee", "提出しないと決められるのは情報セキュリティ委員会だけです",
     "only the Information Security Committee decides that a duty is not filed"},
    {"requirement.obligation_open",
     "完了: "
     "報告義務「{name}」が未提出です（提出を記録するか、委員会が提出しない理由を記録してください）",
     "close: the duty '{name}' is not filed (record the filing, or the committee records why "
     "not)"},
    {"requirement.no_access_log", "完了: 証拠としてアクセスログが添付されていません",
     "closed: no access log is attached as evidence"},
    {"requirement.not_dismissed", "却下: 情報システム部門が報告を却下していません",
     "dismissed: the IS department has not dismissed the report"},
    {"requirement.dismissal_reason", "却下: 却下には理由が必要です",
     "dismissed: a dismissal needs a reason"},

    // The database (store/).
    {"store.busy",
     "データベースが使用中です（別の sokuo "
     "プロセスが書き込んでいます）。少し待ってからやり直してください",
     "the database is busy (another sokuo process is writing); try again in a moment"},
    {"store.work_threw", "書き込みの処理が例外で中断しました: {what}",
     "a write stopped with an exception: {what}"},
    {"store.sql_failed", "SQL の実行（{step}）に失敗しました: {text}", "{step}: {text}"},
    {"store.open_failed", "データベース {path} を開けません: {reason}",
     "cannot open database {path}: {reason}"},
    {"store.schema_newer",
     "データベースのスキーマバージョン {current} はこの sokuo（{newest}）より新しいため、sokuo "
     "を更新してください",
     "the database has schema version {current}, newer than this sokuo ({newest}): upgrade "
     "sokuo"},
    {"store.migration_failed", "マイグレーション {version}（{name}）に失敗しました: {reason}",
     "migration {version} ({name}) failed: {reason}"},
    {"store.not_found", "{table}/{id} は存在しません", "{table}/{id} does not exist"},
    {"store.unknown_table", "テーブル「{table}」は不明です", "unknown table '{table}'"},
    {"store.bad_column", "列名「{column}」は不正です", "bad column name '{column}'"},
    {"store.journaled_table", "「{table}」はジャーナル対象のテーブルです",
     "'{table}' is journaled"},
    {"store.bad_private_removal", "「{table}」からの削除の指定が不正です",
     "bad private removal from '{table}'"},
    {"store.row_without_id", "{table}/{id} の行に ID がありません",
     "row for {table}/{id} must carry its id"},
    {"store.empty_id", "テーブル「{table}」の ID が空です", "empty id for table '{table}'"},
    {"store.unjournaled_change", "ジャーナルに記録せずに行を変更するトランザクションです",
     "a transaction changed rows without a journal entry"},
    {"store.row_not_json", "行 {id} のデータが JSON ではありません",
     "row {id} holds data that is not JSON"},
    {"store.row_unreadable", "行 {id} を読み込めません: {reason}",
     "row {id} cannot be read: {reason}"},
    {"store.row_unknown_kind", "行 {id} の種別「{kind}」は不明です",
     "row {id} has unknown kind '{kind}'"},

    // Journal verification (store/journal), G4.4.3.
    {"journal.bad_sequence",
     "エントリ {seq}: 連番は {expected} のはずです（エントリの欠落または挿入）",
     "entry {seq}: expected sequence number {expected} (an entry is missing or was inserted)"},
    {"journal.broken_link", "エントリ {seq}: 直前のエントリとつながっていません",
     "entry {seq}: does not link to the entry before it"},
    {"journal.hash_mismatch",
     "エントリ {seq}: 内容がハッシュと一致しません（エントリが改変されています）",
     "entry {seq}: content does not match its hash (the entry was altered)"},
    {"journal.body_not_json", "エントリ {seq}: 本文が JSON ではありません",
     "entry {seq}: body is not JSON"},
    {"journal.malformed_change", "エントリ {seq}: 変更の記述が不正です",
     "entry {seq}: malformed change"},
    {"journal.row_missing", "エントリ {seq}: 書き込んだ行 {row} がありません（sokuo の外で削除）",
     "entry {seq}: row {row} that it wrote is missing (deleted outside sokuo)"},
    {"journal.row_altered",
     "エントリ {seq}: 行 {row} が書き込んだ内容と異なります（sokuo の外で改変）",
     "entry {seq}: row {row} differs from what it wrote (altered outside sokuo)"},
    {"journal.row_reappeared",
     "エントリ {seq}: 削除した行 {row} が再び存在します（sokuo の外で追加）",
     "entry {seq}: row {row} that it removed is present again (added outside sokuo)"},
    {"journal.row_withheld", "エントリ {seq}: 閲覧できないインシデントの行が記録と一致しません",
     "entry {seq}: a row of an incident you may not see does not match the journal"},
    {"journal.row_unwritten", "行 {row} はどのジャーナルエントリにも書き込まれていません",
     "row {row} was not written by any journal entry"},

    // app/, api/, orgfile/, store/org_rows, platform/
    // Signing in, sessions and what a caller may do (app/account_service, app/authorization).
    {"auth.bad_login",
     "ログイン名またはパスワードが違います（失敗が続いたときは、数分待ってからやり直してください）",
     "wrong login or password (after repeated failures, wait a few minutes before trying again)"},
    {"auth.address_throttled",
     "このアドレスからのログインの失敗が多すぎます。しばらくしてからやり直してください",
     "too many failed logins from this address; try again later"},
    {"auth.account_gone",
     "アカウントが無効化またはロックされたか、削除されています。ログインし直してください",
     "the account is disabled, locked or gone; log in again"},
    {"auth.login_required", "ログインしてください", "log in first"},
    {"auth.session_ended", "セッションが終了しました。ログインし直してください",
     "the session has ended; log in again"},
    {"auth.auditor_read_only", "監査人のアカウントは閲覧専用です",
     "the auditor's account reads and does not write"},
    {"auth.journal_auditors_only", "ジャーナルを閲覧できるのは監査人と管理者だけです",
     "the journal is for the auditor and administrators"},
    {"auth.admin_only", "この操作は管理者だけが行えます", "only an administrator may do this"},
    {"auth.change_password_first",
     "先に仮パスワードを変更してください（PUT /api/v1/session/password）",
     "change your one-time password first (PUT /api/v1/session/password)"},

    // Accounts and passwords (app/account_service, platform/sodium).
    {"account.unavailable", "このプロセスではアカウントを扱えません",
     "accounts are not available in this process"},
    {"account.admin_only_add", "アカウントを追加できるのは管理者だけです",
     "only an administrator adds accounts"},
    {"account.admin_only_reset", "パスワードを再設定できるのは管理者だけです",
     "only an administrator resets passwords"},
    {"account.bad_lang", "言語は ja か en です（「{value}」ではなく）",
     "the language is ja or en, not '{value}'"},
    {"account.admin_only_change", "アカウントを変更できるのは管理者だけです",
     "only an administrator changes accounts"},
    {"account.admin_only_list", "アカウントの一覧を見られるのは管理者だけです",
     "only an administrator lists accounts"},
    {"account.own_roles",
     "自分のアカウントの役割は付与も削除もできません。別の管理者に依頼してください",
     "nobody grants or removes roles on their own account; ask another administrator"},
    {"account.reset_own", "自分のパスワードは現在のパスワードを入力して変更してください",
     "change your own password with your current one"},
    {"account.reset_more_powerful",
     "{person} "
     "はあなたにない役割（{roles}）を持つため、パスワードの再設定はサーバー上の運用者が行います"
     "（sokuo user passwd）",
     "{person} holds roles you do not ({roles}): their password is reset by the operator on the "
     "server (sokuo user passwd)"},
    {"account.role_from_org_file",
     "役割「{role}」は組織ファイルで決まります。付与できるのは administrator と auditor だけです",
     "'{role}' comes from the organization file; only administrator and auditor are granted"},
    {"account.granted_roles_only", "付与できる役割は administrator と auditor だけです",
     "only administrator and auditor are granted"},
    {"account.no_person", "組織に人物「{person}」はいません",
     "no person '{person}' in the organization"},
    {"account.exists", "{person} のアカウントはすでにあります", "{person} already has an account"},
    {"account.not_found", "アカウント「{person}」はありません", "no account '{person}'"},
    {"account.lock_and_unlock", "lock と unlock は同時に指定できません",
     "lock and unlock cannot go together"},
    {"password.too_short", "パスワードは {min} 文字以上にしてください",
     "a password needs at least {min} characters"},
    {"password.wrong_current", "現在のパスワードが違います", "the current password is wrong"},
    {"password.same_as_current", "現在のパスワードとは異なるパスワードを指定してください",
     "choose a password different from the current one"},
    {"password.hash_out_of_memory", "パスワードのハッシュ計算でメモリが不足しました",
     "password hashing ran out of memory"},

    // API tokens (app/account_service, app/authorization).
    {"token.malformed", "sokuo の API トークンではありません", "not a sokuo API token"},
    {"token.unknown", "API トークンが登録されていません", "unknown API token"},
    {"token.revoked", "API トークンは失効しています", "the API token was revoked"},
    {"token.expired", "API トークンの有効期限が切れています", "the API token has expired"},
    {"token.unknown_scope", "API トークンの権限範囲が不明です",
     "the API token has an unknown scope"},
    {"token.owner_only", "トークンは本人だけが作成できます", "tokens are created by their owner"},
    {"token.days_out_of_range", "1 から {max} までの値を指定してください",
     "must be from 1 to {max}"},
    {"token.unavailable", "ここではトークンを扱えません", "tokens are not available here"},
    {"token.not_found", "トークン「{id}」はありません", "no token '{id}'"},
    {"token.already_revoked", "トークンはすでに失効しています", "the token is already revoked"},
    {"token.cannot_manage_accounts",
     "API トークンではアカウントやトークンを管理できません。ログインしてください",
     "API tokens cannot manage accounts or tokens; log in"},
    {"token.scope_forbids", "この API トークンの権限範囲（{scope}）では {operation} を行えません",
     "this API token's scope ({scope}) does not allow {operation}"},

    // Incident use cases (app/incident_service, api/incident_codec).
    {"incident.occurred_after_aware",
     "最初の発生（{occurred}）が会社の認知（{aware}）より後になっています",
     "the first occurrence ({occurred}) is after the company became aware ({aware})"},
    {"incident.not_found", "インシデント「{key}」はありません", "no incident '{key}'"},
    {"incident.report_for_own_department",
     "{department} "
     "の名義では報告できません。自分の部署として報告してください（代理の報告は情報システム部門と委"
     "員会が行います）",
     "you cannot report in the name of {department}: report for your own department (the IS "
     "department and the committee report for others)"},
    {"incident.step_forbidden", "あなたの役割では {key} のこの操作は行えません",
     "your roles do not allow this step on {key}"},
    {"incident.reopen_first",
     "{key} は「{state|state}」です。変更する前に再開（理由を付けた状態遷移）してください",
     "{key} is {state|state}: reopen it (a transition with a reason) before changing it"},
    {"incident.already_triaged", "{key} は受付確認済みです（現在「{state|state}」）",
     "{key} was already triaged (it is {state|state})"},
    {"incident.dismissal_needs_reason", "却下には理由が必要です", "a dismissal needs a reason"},
    {"triage.confirmed_required", "必須です（確認なら true、却下なら false）",
     "is required (true to confirm, false to dismiss)"},
    {"priority.override_needs_reason", "優先度の変更には理由が必要です",
     "overriding the priority needs a reason"},
    {"convocation.request_first", "開催を記録する前に委員会の招集を依頼してください",
     "request the convocation before recording the meeting"},
    {"task.not_found", "{key} に措置 {id} はありません", "no task {id} in {key}"},
    {"evidence.no_vault", "証拠の保管場所が設定されていません", "no evidence vault is configured"},
    {"evidence.empty_file", "ファイルが空です", "the file is empty"},
    {"evidence.not_found", "{key} に証拠 {id} はありません", "no evidence {id} in {key}"},
    {"field.set_by_sokuo", "sokuo が設定する項目です", "is set by sokuo"},
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
    {"notify.bad_status", "状態「{value}」はありません（pending, sent, failed のいずれか）",
     "no status '{value}' (pending, sent or failed)"},
    {"notify.bad_time", "保存されている時刻「{value}」を読めません",
     "the stored time '{value}' cannot be read"},
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
    {"outbox.password_reset_title", "パスワードが再設定されました", "Your password was reset"},
    {"outbox.password_reset",
     "{actor} "
     "があなたのパスワードを再設定しました。心当たりがなければ情報システム部門に連絡してください",
     "{actor} reset your password. If you did not ask for it, tell the IS department"},

    // The organization as read by app/organization_service ({what|term}).
    {"org.not_found", "{what|term}「{id}」はありません", "no {what|term} '{id}'"},

    // The organization file (orgfile/). Nouns of enums ({what|term}).
    {"term.department_kind", "部署の種別", "department kind"},
    {"term.role", "役割", "role"},
    {"term.contact_kind", "外部連絡先の種別", "contact kind"},
    {"term.channel_kind", "連絡手段の種別", "channel kind"},
    {"term.tier", "ティア", "tier"},
    {"term.system_category", "システムの分類", "system category"},
    {"term.confidentiality", "機密区分", "confidentiality"},
    {"term.medium_kind", "媒体の種別", "medium kind"},
    {"term.starttls_mode", "STARTTLS の設定", "STARTTLS mode"},
    {"term.webhook_format", "Webhook の形式", "webhook format"},
    // What a value should have been ({expected|yaml_expected}) and what it was ({got|yaml_node}).
    {"yaml_expected.mapping", "マッピング（キー: 値）", "a mapping (key: value)"},
    {"yaml_expected.list", "リスト", "a list"},
    {"yaml_expected.text", "文字列", "text"},
    {"yaml_expected.bool", "true または false", "true or false"},
    {"yaml_expected.integer", "整数", "a whole number"},
    {"yaml_node.list", "リスト", "a list"},
    {"yaml_node.mapping", "マッピング", "a mapping"},
    {"yaml_node.nothing", "空の値", "nothing"},
    {"orgfile.wrong_type",
     "{expected|yaml_expected}を指定してください（指定されたのは{got|yaml_node}）",
     "expected {expected|yaml_expected}, got {got|yaml_node}"},
    {"orgfile.wrong_value", "{expected|yaml_expected}を指定してください（指定値: 「{value}」）",
     "expected {expected|yaml_expected}, got '{value}'"},
    {"orgfile.key_not_text", "キーは文字列で書いてください", "a key must be plain text"},
    {"orgfile.unknown_key", "キー「{key}」は使えません", "unknown key '{key}'"},
    {"orgfile.key_twice", "キー「{key}」が重複しています", "key '{key}' appears twice"},
    {"orgfile.missing_key", "キー「{key}」がありません", "missing key '{key}'"},
    {"orgfile.unknown_value", "{what|term}「{value}」は不明です", "unknown {what|term} '{value}'"},
    {"orgfile.unknown_value_of", "{what|term}「{value}」は不明です（{allowed} のいずれか）",
     "unknown {what|term} '{value}' (one of: {allowed})"},
    {"orgfile.too_many_nodes", "ファイルの要素が多すぎます（{max} 個を超えています）",
     "file has too many nodes (more than {max})"},
    {"orgfile.too_large", "ファイルが {max} MiB を超えています", "file is larger than {max} MiB"},
    {"orgfile.not_utf8", "UTF-8 のテキストではありません（UTF-8 で保存してください）",
     "not UTF-8 text (save the file as UTF-8)"},
    {"orgfile.yaml_syntax", "YAML として読めません: {detail}", "not valid YAML: {detail}"},
    {"orgfile.yaml_syntax_unknown", "YAML として読めません", "not valid YAML"},
    {"orgfile.yaml_unclosed",
     "{line} 行 {column} 列の「{open}」が閉じていません。ここまでに「{close}」が必要です（項目の"
     "区切りは「,」）",
     "the '{open}' at line {line}, column {column} is not closed: a '{close}' is expected before "
     "this point (items are separated by ',')"},
    {"orgfile.yaml_unclosed_before",
     "「{open}」が閉じていません。ここまでに「{close}」が必要です（項目の区切りは「,」）",
     "a '{open}' is not closed: a '{close}' is expected before this point (items are separated "
     "by ',')"},
    {"orgfile.yaml_indentation",
     "字下げがそろっていません。この行は上のキー（または「- 」の項目）と同じ位置から書いてください",
     "the indentation does not line up: this line should start in the same column as the keys "
     "(or the '- ' items) above it"},
    {"orgfile.yaml_colon",
     "ここに「: 」は書けません。値に「: 」を含めるなら引用符で囲むか（\"a: b\"）、キーなら字下げと"
     "前の行を確かめてください",
     "a ': ' cannot stand here: quote a value that contains ': ' (\"a: b\"), or, if this is a "
     "key, check its indentation and the line above"},
    {"orgfile.yaml_list_item",
     "ここに「- "
     "」の項目は書けません。字下げを確かめてください（リストはキーの下に字下げして書きます）",
     "a '- ' list item cannot stand here: check the indentation (a list goes under its key, "
     "indented)"},
    {"orgfile.yaml_close", "「{char}」に対応する開き括弧がありません",
     "this '{char}' closes nothing: no bracket was opened before it"},
    {"orgfile.yaml_reserved", "「{char}」で始まる値は引用符で囲んでください（YAML の予約文字です）",
     "a value that starts with '{char}' must be quoted (YAML reserves the character)"},
    {"orgfile.yaml_escape",
     "二重引用符の中の「\\{escape}」は使えません（\\ そのものは「\\\\」と書くか、一重引用符で囲んで"
     "ください）",
     "unknown escape '\\{escape}' in double quotes (write a backslash as '\\\\', or use single "
     "quotes)"},
    {"orgfile.yaml_alias", "「*」の参照先（「&」で名前を付けた値）が、これより前にありません",
     "this '*' alias refers to no '&' anchor defined above it"},
    {"orgfile.yaml_unclosed_quote", "引用符が閉じないままファイルが終わっています",
     "the file ends inside quoted text: a closing quote is missing"},
    {"orgfile.yaml_tab", "字下げにタブが使われています。YAML の字下げは空白で書いてください",
     "a tab in the indentation: YAML indents with spaces only"},
    {"orgfile.empty", "ファイルが空です", "the file is empty"},
    {"orgfile.unsupported_version",
     "バージョン {version} には対応していません（この sokuo が読めるのはバージョン 1 です）",
     "unsupported version {version} (this sokuo reads version 1)"},
    {"orgfile.one_problem", "組織ファイルに 1 件の問題があります",
     "1 problem in the organization file"},
    {"orgfile.problems", "組織ファイルに {count} 件の問題があります",
     "{count} problems in the organization file"},

    // Organization rows (store/org_rows).
    {"store.bad_column_value", "{row}: 列「{column}」の値が不正です",
     "{row}: column '{column}' holds an unexpected value"},

    // Files and the evidence vault (platform/).
    {"file.not_found", "ファイルがありません: {path}", "no such file: {path}"},
    {"file.is_directory", "{path} はディレクトリです。ファイルを指定してください",
     "{path} is a directory, not a file"},
    {"file.too_large", "{path} が {max} バイトを超えています", "{path} is larger than {max} bytes"},
    {"file.cannot_read", "{path} を読み込めません: {reason}", "cannot read {path}: {reason}"},
    {"file.cannot_write", "{path} に書き込めません: {reason}", "cannot write {path}: {reason}"},
    {"file.cannot_lock", "{path} をロックできません: {reason}", "cannot lock {path}: {reason}"},
    {"file.cannot_flush", "{path} をディスクに書き出せません: {reason}",
     "cannot flush {path}: {reason}"},
    {"file.cannot_rename", "{path} に置き換えられません: {reason}",
     "cannot rename into {path}: {reason}"},
    {"file.cannot_create_directory", "ディレクトリ {path} を作成できません: {reason}",
     "cannot create directory {path}: {reason}"},
    {"blob.not_sha256", "「{sha256}」は SHA-256 ではありません", "'{sha256}' is not a SHA-256"},
    {"blob.hash_mismatch", "保管ファイル {sha256} がハッシュと一致しなくなっています",
     "blob {sha256} no longer matches its hash"},
});

}  // namespace

std::span<const CatalogEntry> ServerMessages() { return kCatalog; }

std::span<const CatalogEntry> Catalog() {
  static const std::vector<CatalogEntry> kAll = [] {
    std::vector<CatalogEntry> all;
    for (auto part : {ServerMessages(), AdapterMessages(), UiMessages(), IncidentUiMessages(),
                      AdminUiMessages(), RecoveryMessages(), DisasterUiMessages()})
      all.insert(all.end(), part.begin(), part.end());
    return all;
  }();
  return kAll;
}

}  // namespace sokuo
