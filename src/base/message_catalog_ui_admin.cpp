// The words of the web interface's pages beside the incidents (web/src/pages/organization.tsx,
// graph.tsx, journal.tsx, accounts.tsx): the organization, the journal, and accounts.
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kAdminUi = std::to_array<CatalogEntry>({
    {"ui.nav_organization", "組織", "Organization"},
    {"ui.nav_journal", "記録の台帳", "Journal"},
    {"ui.nav_accounts", "アカウント管理", "Accounts"},
    {"ui.nav_account", "自分のアカウント", "My account"},

    // The organization.
    {"ui.org_title", "組織", "Organization"},
    {"ui.org_tab.departments", "部署と役割", "Departments and roles"},
    {"ui.org_tab.people", "人", "People"},
    {"ui.org_tab.contacts", "外部連絡先", "Outside contacts"},
    {"ui.org_tab.systems", "システム", "Systems"},
    {"ui.org_head", "部署長", "Head"},
    {"ui.org_members", "所属", "Members"},
    {"ui.org_roles", "緊急時の役割", "Emergency roles"},
    {"ui.org_deputies", "代理（順に）", "Deputies, in order"},
    {"ui.org_role.committee_chair", "情報セキュリティ委員長", "Chair of the committee"},
    {"ui.org_role.committee_member", "情報セキュリティ委員", "Committee member"},
    {"ui.org_role.steering_council_chair", "セキュリティ統括会議長",
     "Chair of the steering council"},
    {"ui.org_role.is_staff", "情報システム部の対応要員", "IS responder"},
    {"ui.org_role.action_plan", "緊急時行動計画の役割", "Emergency action plan"},
    {"ui.org_reach", "連絡方法", "How to reach"},
    {"ui.org_available", "緊急対応に参加できる", "Available for emergency work"},
    {"ui.org_phone.mobile", "携帯", "mobile"},
    {"ui.org_phone.office", "会社", "office"},
    {"ui.org_phone.home", "自宅", "home"},
    {"ui.org_tier.a", "ティア A（基幹システム・ネットワーク: 最初に復旧）",
     "Tier A (core systems and the network: restored first)"},
    {"ui.org_tier.b", "ティア B（業務システム: 次に復旧）",
     "Tier B (business systems: restored next)"},
    {"ui.org_tier.c", "ティア C（その他: 後で復旧）", "Tier C (the rest: restored later)"},
    {"ui.org_depends_on", "依存先", "Depends on"},
    {"ui.org_owner", "主管部署", "Owner"},
    {"ui.org_restore", "復旧の目安", "Effort to restore"},
    {"ui.org_hours", "{hours} 時間", "{hours} h"},
    {"ui.org_category.power", "電源", "power"},
    {"ui.org_category.network", "ネットワーク", "network"},
    {"ui.org_category.platform", "基盤", "platform"},
    {"ui.org_category.application", "業務アプリ", "application"},
    {"ui.org_category.service", "外部サービス", "service"},
    {"ui.org_category.other", "その他", "other"},
    {"ui.org_graph_title", "システムの依存関係", "How the systems depend on each other"},
    {"ui.org_graph_caption",
     "矢印は依存先を指します。左の列（電源・ネットワーク）から復旧しないと、右の列は動きません。",
     "Each arrow points to what a system depends on: the columns on the right cannot run before "
     "those on the left (power and the network) are back."},

    // The journal.
    // Messages (pages/notifications.tsx), G4.3.2.
    {"ui.nav_messages", "通知", "Messages"},
    {"ui.msg_title", "通知の送信状況", "Messages and their delivery"},
    {"ui.msg_explain",
     "sokuo が送ったメールと Webhook の一覧です。送れなかったものは理由とともにここに残ります。"
     "設定を直してから「再送」を押してください。",
     "The emails and webhook messages sokuo sent. What could not be sent stays here with the "
     "reason; fix the setting, then press Retry."},
    {"ui.msg_filter", "表示", "Show"},
    {"ui.msg_all", "すべて", "all"},
    {"ui.msg_status_failed", "送信失敗", "failed"},
    {"ui.msg_status_pending", "送信待ち", "waiting"},
    {"ui.msg_status_sent", "送信済み", "sent"},
    {"ui.msg_none_failed", "送れなかった通知はありません", "Every message went out"},
    {"ui.msg_none", "該当する通知はありません", "No messages"},
    {"ui.msg_subject", "対象", "About"},
    {"ui.msg_recipient", "宛先", "To"},
    {"ui.msg_state", "状態", "State"},
    {"ui.msg_attempts", "試行回数", "Attempts"},
    {"ui.msg_action", "操作", "Action"},
    {"ui.msg_retry", "再送", "Retry"},
    {"ui.msg_acknowledge", "確認しました", "I have seen it"},
    {"ui.msg_webhook", "Webhook", "webhook"},
    {"ui.msg_next", "次の試行 {at}", "next try {at}"},
    {"ui.msg_seen", "{at} に確認済み", "seen {at}"},
    {"ui.ack_title", "通知の確認", "Acknowledge a message"},
    {"ui.ack_done", "確認を記録しました（{at}）。ありがとうございます。",
     "Recorded that you saw it ({at}). Thank you."},
    {"ui.ack_open", "{key} を開く", "Open {key}"},
    {"ui.journal_title", "記録の台帳", "The journal"},
    {"ui.journal_explain",
     "すべての変更は、前の記録のハッシュを含めて順に記録されます。末尾の番号とハッシュを控えておけ"
     "ば、"
     "後でそれ以前の記録が書き換えられていないことを確かめられます。",
     "Every change is recorded in order, each with the hash of the one before. Write down the "
     "head's number and hash: later, a check shows that nothing up to it was altered."},
    {"ui.journal_head", "末尾", "Head"},
    {"ui.journal_verify", "台帳全体を検証する", "Verify the whole journal"},
    {"ui.journal_ok",
     "改ざんはありません（{entries} 件、末尾 {seq}、証拠ファイル {files} 件も記録どおり）",
     "Nothing was altered ({entries} entries, head {seq}; {files} evidence files as recorded)"},
    {"ui.journal_broken", "{count} 件の問題が見つかりました", "{count} problems found"},
    {"ui.journal_subject", "対象", "Subject"},
    {"ui.journal_older", "古い記録", "Older"},
    {"ui.journal_newer", "新しい記録", "Newer"},

    // Accounts.
    {"ui.account_title", "自分のアカウント", "My account"},
    {"ui.account_password", "パスワードを変更する", "Change my password"},
    {"ui.account_old_password", "いまのパスワード", "Current password"},
    {"ui.account_shown_once",
     "この値は今だけ表示されます。いま控えてください（失くしたら新しく作ります）。",
     "This is shown only now: copy it now (if it is lost, make a new one)."},
    {"ui.account_role.administrator", "管理者", "administrator"},
    {"ui.account_role.auditor", "監査担当", "auditor"},
    {"ui.account_role.committee", "委員会", "committee"},
    {"ui.account_role.is_department", "情報システム部", "IS department"},
    {"ui.account_role.department_head", "部署長", "department head"},
    {"ui.account_role.member", "社員", "member"},
    {"ui.tokens_title", "API トークン", "API tokens"},
    {"ui.tokens_explain",
     "スクリプトや監視ツールから sokuo を使うための鍵です。必要な権限だけを与え、使わなくなったら"
     "取り消してください。",
     "Keys for scripts and monitoring tools. Give each only the scope it needs, and revoke it "
     "when it is no longer used."},
    {"ui.tokens_none", "トークンはありません", "No tokens"},
    {"ui.tokens_name", "用途", "What it is for"},
    {"ui.tokens_scope", "権限", "Scope"},
    {"ui.tokens_days", "有効日数", "Days until it expires"},
    {"ui.tokens_expires", "有効期限", "Expires"},
    {"ui.tokens_make", "トークンを作る", "Make a token"},
    {"ui.tokens_made", "トークン「{name}」を作りました:", "Token '{name}' made:"},
    {"ui.tokens_revoke", "取り消す", "Revoke"},
    {"ui.scope.read", "読み取り", "read"},
    {"ui.scope.write", "読み書き", "read and write"},
    {"ui.scope.ingest", "ログの取り込み", "log ingestion"},
    {"ui.accounts_title", "アカウント管理", "Accounts"},
    {"ui.accounts_roles", "役割", "Roles"},
    {"ui.accounts_active", "利用中", "active"},
    {"ui.accounts_disabled", "無効", "disabled"},
    {"ui.accounts_locked", "ロック中", "locked"},
    {"ui.accounts_must_change", "仮パスワード", "one-time password"},
    {"ui.accounts_reset", "仮パスワードを発行", "New one-time password"},
    {"ui.accounts_lock", "ロック", "Lock"},
    {"ui.accounts_unlock", "ロック解除", "Unlock"},
    {"ui.accounts_disable", "無効にする", "Disable"},
    {"ui.accounts_enable", "有効にする", "Enable"},
    {"ui.accounts_add", "アカウントを作る", "Add an account"},
    {"ui.accounts_grant", "管理者・監査担当の役割を決める",
     "Set the administrator and auditor roles"},
    {"ui.accounts_one_time", "{person} さんの仮パスワード:", "One-time password for {person}:"},
});

}  // namespace

std::span<const CatalogEntry> AdminUiMessages() { return kAdminUi; }

}  // namespace sokuo
