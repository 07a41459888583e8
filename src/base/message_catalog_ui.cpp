// The words of the web interface (web/src): the same catalog as the server's messages, in its own
// file so that the interface's texts stay together. The pages fetch them with
// GET /api/v1/messages; message_test.cpp checks that every code web/src asks for is here.
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kUi = std::to_array<CatalogEntry>({
    {"ui.loading", "読み込んでいます…", "Loading…"},
    {"ui.switch_to_en", "English", "English"},
    {"ui.switch_to_ja", "日本語", "日本語"},
    {"ui.nav_report", "緊急事態を報告", "Report an emergency"},
    {"ui.nav_incidents", "インシデント一覧", "Incidents"},
    {"ui.nav_dashboard", "ホーム", "Home"},
    {"ui.logout", "ログアウト", "Log out"},

    // Logging in, and the one-time password.
    {"ui.login_title", "ログイン", "Log in"},
    {"ui.login_person", "人物ID（例: p-tanaka）", "Person id (e.g. p-tanaka)"},
    {"ui.login_password", "パスワード", "Password"},
    {"ui.login_submit", "ログイン", "Log in"},
    {"ui.password_title", "パスワードの変更", "Choose your password"},
    {"ui.password_explain",
     "仮パスワードでログインしました。続ける前に、12文字以上の自分のパスワードを決めてください。",
     "You logged in with a one-time password. Before going on, choose your own, at least 12 "
     "characters long."},
    {"ui.password_current", "仮パスワード", "One-time password"},
    {"ui.password_new", "新しいパスワード（12文字以上）", "New password (at least 12 characters)"},
    {"ui.password_submit", "変更してログイン", "Change and log in"},

    // Reporting an emergency (G3.3).
    {"ui.report_title", "緊急事態を報告する", "Report an emergency"},
    {"ui.report_explain",
     "わかる範囲で構いません。送信すると、情報システム部に直ちに知らされます。",
     "Say what you know; the rest can wait. When you send it, the IS department is told at "
     "once."},
    {"ui.report_what", "何が起きていますか（必須）", "What do you see? (required)"},
    {"ui.report_details", "詳しい様子（画面の表示、届いたメールなど）",
     "Details (what the screen shows, a mail you received, …)"},
    {"ui.report_system", "どのシステムですか", "Which system?"},
    {"ui.report_system_unknown", "わからない・一覧にない", "Not sure, or not listed"},
    {"ui.report_device", "端末・PCの名前や場所", "Name or place of the PC or device"},
    {"ui.report_since", "いつから（わかれば）", "Since when (if you know)"},
    {"ui.report_harm", "お客様や取引先に影響がありますか", "Are customers or partners affected?"},
    {"ui.harm.unknown", "わからない", "Don't know"},
    {"ui.harm.none", "ない", "No"},
    {"ui.harm.possible", "あるかもしれない", "Possibly"},
    {"ui.harm.serious", "ある（深刻）", "Yes, seriously"},
    {"ui.report_file", "写真やファイル（あれば）", "A photo or file (if you have one)"},
    {"ui.report_submit", "報告する", "Send the report"},
    {"ui.report_done", "報告を受け付けました: {key}", "Your report is in: {key}"},
    {"ui.report_next",
     "情報システム部が内容を確認し、必要なら情報セキュリティ委員会が招集されます。電源を切ったり"
     "ネットワークから外したりする前に、指示を待ってください。連絡があるまで、この画面を閉じても"
     "構いません。",
     "The IS department checks the report and, where needed, asks for the Information Security "
     "Committee. Wait for their instructions before switching anything off or unplugging it. You "
     "may close this page; they will contact you."},
    {"ui.report_told", "知らせた相手", "Who was told"},
    {"ui.report_open", "{key} を開く", "Open {key}"},

    // The incident list.
    {"ui.incidents_title", "インシデント", "Incidents"},
    {"ui.incidents_open_only", "対応中のものだけ", "Open ones only"},
    {"ui.incidents_none", "該当するインシデントはありません", "No incidents to show"},
    {"ui.incidents_key", "番号", "Key"},
    {"ui.incidents_priority", "優先度", "Priority"},
    {"ui.incidents_state", "状態", "State"},
    {"ui.incidents_subject", "件名", "Subject"},
    {"ui.incidents_reported", "報告日時", "Reported"},
    {"ui.incidents_reported_from", "報告日（から）", "Reported from"},
    {"ui.incidents_reported_to", "報告日（まで）", "Reported until"},
    {"ui.incidents_search", "検索（件名・概要）", "Search (title, summary)"},
    {"ui.search_go", "検索", "Search"},
    {"ui.pager", "ページ", "Pages"},
    {"ui.pager_previous", "前へ", "Previous"},
    {"ui.pager_next", "次へ", "Next"},
    {"ui.pager_where", "{total} 件中 {from}–{to} 件", "{from}–{to} of {total}"},

    // The dashboard.
    {"ui.binder_link", "緊急時バインダーを保存する（印刷用）",
     "Save the emergency binder (to print)"},
    {"ui.binder_help",
     "sokuo に接続できないときのための紙の控え: "
     "委員会、連絡網、外部連絡先、システム、被害調査票と安否確認票",
     "The paper copy for when sokuo cannot be reached: committee, contact tree, outside contacts, "
     "systems, damage-survey and roll-call forms"},
    {"ui.dash_title", "いまの状況", "Where things stand"},
    {"ui.dash_hello", "{person} さんへ", "For {person}"},
    {"ui.dash_deadlines", "報告期限", "Reporting deadlines"},
    {"ui.dash_no_deadlines", "期限のある報告義務はありません", "No reporting duty is running"},
    {"ui.dash_needs_me", "自分の対応待ち", "Waiting for me"},
    {"ui.dash_overdue", "期限切れ", "Overdue"},
    {"ui.dash_nothing", "ありません", "Nothing"},
    {"ui.dash_convocation", "委員会の招集依頼が届いています", "The committee is asked to meet"},
    {"ui.dash_open", "対応中のインシデント（{count} 件）", "Open incidents ({count})"},
    {"ui.dash_all", "すべてのインシデントを見る", "All incidents"},
});

}  // namespace

std::span<const CatalogEntry> UiMessages() { return kUi; }

}  // namespace sokuo
