// The words of the web interface's detection pages (web/src/pages/alerts.tsx, alert.tsx,
// rules.tsx): the alerts, one alert and what to do with it, the rules, the alert policy and the
// ingestion of log lines; and the journal's names of the detection's actions.
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kDetectUi = std::to_array<CatalogEntry>({
    {"ui.nav_alerts", "アラート", "Alerts"},

    // The alerts.
    {"ui.alerts_title", "アラート", "Alerts"},
    {"ui.alerts_explain",
     "受け取ったログを Sigma ルールで監視して検知したものです。情報システム部門が確かめ、"
     "インシデントにするか、理由を書いて却下します。",
     "What the Sigma rules found in the log lines sokuo receives. The IS department looks at "
     "each one and makes it an incident or dismisses it with a reason."},
    {"ui.alerts_rules_link", "検知ルールとログの取り込み状況", "Detection rules and log ingestion"},
    {"ui.alerts_state", "状態", "State"},
    {"ui.alerts_level", "レベル", "Level"},
    {"ui.alerts_all", "すべて", "All"},
    {"ui.alerts_at_least", "{level|level}以上", "{level|level} or above"},
    {"ui.alerts_search", "検索（ルール名、グループ、ホスト）", "Search (rule, group, host)"},
    {"ui.alerts_none_open", "未対応のアラートはありません", "No alert is waiting"},
    {"ui.alerts_none", "該当するアラートはありません", "No alert matches"},
    {"ui.alerts_key", "アラート", "Alert"},
    {"ui.alert_state.open", "未対応", "Open"},
    {"ui.alert_state.incident", "インシデント化", "Made an incident"},
    {"ui.alert_state.dismissed", "却下", "Dismissed"},
    // A Sigma rule's level, lowest first (also a template's {level|level}).
    {"level.informational", "情報", "Informational"},
    {"level.low", "低", "Low"},
    {"level.medium", "中", "Medium"},
    {"level.high", "高", "High"},
    {"level.critical", "重大", "Critical"},

    // One alert, and what the IS department decides.
    {"ui.alert_decide", "このアラートをどうするか", "What to do with this alert"},
    {"ui.alert_decide_explain",
     "新しいインシデントにするか、対応中のインシデントに加えるか、理由を書いて却下してください。"
     "インシデントにすると、ログの行はその証拠として保存されます。",
     "Make it a new incident, add it to an open incident, or dismiss it with a reason. Its log "
     "lines go with the incident as evidence."},
    {"ui.alert_read_only", "未対応です。判断するのは情報システム部門、委員会、管理者です。",
     "Open: the IS department, the committee or an administrator decides on it."},
    {"ui.alert_promote", "インシデントにする", "Make it an incident"},
    {"ui.alert_attach", "対応中のインシデントに加える", "Add it to an open incident"},
    {"ui.alert_dismiss", "却下する", "Dismiss"},
    {"ui.alert_f_note", "メモ（任意）", "Note (optional)"},
    {"ui.alert_f_incident", "加えるインシデント", "Incident"},
    {"ui.alert_f_reason", "却下する理由（誤検知、予定された作業など）",
     "Why (a false alarm, planned work…)"},
    {"ui.alert_outcome", "対応の結果", "What became of it"},
    {"ui.alert_open_incident", "インシデント {key} を開く", "Open incident {key}"},
    {"ui.alert_decided_by", "判断した人", "Decided by"},
    {"ui.alert_decided_at", "判断した日時", "Decided at"},
    {"ui.alert_by_policy", "アラートの方針（自動）", "The alert policy (automatically)"},
    {"ui.alert_note", "メモ", "Note"},
    {"ui.alert_reason", "理由", "Reason"},
    {"ui.alert_backdoor", "バックドア確認", "Backdoor check"},
    {"ui.alert_backdoor_found",
     "「{item|backdoor_item}」を「発見」と記録しました（確かめてください）",
     "{item|backdoor_item} recorded as found (to be confirmed)"},
    {"ui.alert_detected", "検知の内容", "What was detected"},
    {"ui.alert_rule", "ルール", "Rule"},
    {"ui.alert_description", "説明", "Description"},
    {"ui.alert_author", "作成者", "Author"},
    {"ui.alert_license", "ライセンス", "Licence"},
    {"ui.alert_rule_file", "ファイル", "File"},
    {"ui.alert_rule_id", "ルール ID", "Rule id"},
    {"ui.alert_tags", "タグ", "Tags"},
    {"ui.alert_group", "グループ", "Group"},
    {"ui.alert_host", "ホスト", "Host"},
    {"ui.alert_detections", "検知数", "Detections"},
    {"ui.alert_times", "{count} 回", "{count}"},
    {"ui.alert_first", "最初の検知", "First seen"},
    {"ui.alert_last", "最新の検知", "Latest"},
    {"ui.alert_created", "記録した日時", "Recorded"},
    {"ui.alert_lines", "ログの行（{count} 行）", "Log lines ({count})"},
    {"ui.alert_lines_explain",
     "ルールに一致した行を強調しています。その前の行は、前後の状況が読めるように同じ送信元から"
     "残したものです。",
     "The lines that matched the rule are highlighted; the lines before them, from the same "
     "sender, are kept for context."},
    {"ui.alert_lines_none", "残された行はありません", "No lines were kept"},
    {"ui.alert_line_matched", "一致", "Match"},

    // The rules, the policy and the ingestion.
    {"ui.rules_title", "検知ルール", "Detection rules"},
    {"ui.rules_explain", "受け取ったログの行に当てる Sigma ルールと、検知したものの扱い方です。",
     "The Sigma rules run on the log lines sokuo receives, and what is done with what they find."},
    {"ui.rules_policy", "アラートの方針", "Alert policy"},
    {"ui.rules_policy_incident",
     "レベル「{level|level}」以上のアラートは自動でインシデントになります"
     "（同じグループの対応中のインシデントがあれば、それに加わります）",
     "Alerts of level {level|level} or above become incidents by themselves (joining the open "
     "incident of the same group, if there is one)"},
    {"ui.rules_policy_never", "アラートが自動でインシデントになることはありません",
     "No alert becomes an incident by itself"},
    {"ui.rules_policy_alert", "レベル「{level|level}」未満の検知は記録しません",
     "Detections below level {level|level} are not recorded"},
    {"ui.rules_policy_window",
     "同じルールで同じグループの検知は、{duration}の間は一つのアラートにまとめます",
     "Detections of one rule with the same group within {duration} are one alert"},
    {"ui.rules_minutes", "{minutes} 分", "{minutes} min"},
    {"ui.rules_seconds", "{seconds} 秒", "{seconds} s"},
    {"ui.rules_problems", "読み込めなかったルール", "Rules that could not be loaded"},
    {"ui.rules_problems_none", "{files} 個のファイルのルールをすべて読み込みました",
     "Every rule in the {files} files loaded"},
    {"ui.rules_problems_count", "次の {count} 件のルールは読み込めなかったため、使われていません",
     "These {count} rules could not be loaded and are not used"},
    {"ui.rules_why", "理由", "Why"},
    {"ui.rules_loaded", "読み込んだルール（{count} 件）", "Loaded rules ({count})"},
    {"ui.rules_none", "読み込んだルールはありません", "No rule is loaded"},
    {"ui.rules_action", "検知したとき", "When it fires"},
    {"ui.rules_action.incident", "インシデントにする", "Opens an incident"},
    {"ui.rules_action.alert", "アラートにする", "Raises an alert"},
    {"ui.rules_action.ignore", "記録しない", "Not recorded"},
    {"ui.rules_action_feeds", "相関ルールの材料（単独では記録しない）",
     "Feeds a correlation (not recorded alone)"},
    {"ui.rules_correlation", "相関", "correlation"},
    {"ui.ingest_title", "ログの取り込み", "Log ingestion"},
    {"ui.ingest_explain", "サーバーが起動してからの行数です。",
     "Counted since the server started."},
    {"ui.ingest_received", "受け付けた行", "Lines received"},
    {"ui.ingest_rejected", "拒否した行（待ち行列が満杯）", "Lines refused (queue full)"},
    {"ui.ingest_rejected_warn", "送り手が再送しない限り、これらの行は調べられていません",
     "these lines are not looked at unless their senders send them again"},
    {"ui.ingest_queued", "処理待ち", "Waiting"},
    {"ui.ingest_queue", "{lines} 行（上限 {capacity} 行）", "{lines} lines (at most {capacity})"},
    {"ui.ingest_processed", "処理した行", "Lines processed"},
    {"ui.ingest_undecoded", "形式を読めなかった行", "Lines no decoder understood"},
    {"ui.ingest_detections", "検知", "Detections"},
    {"ui.ingest_alerts", "作成したアラート", "Alerts opened"},
    {"ui.ingest_failures", "保存できなかった回数", "Batches not stored"},
    {"ui.ingest_failures_warn", "サーバーのログを確認してください", "see the server's log"},
    {"ui.ingest_refresh", "最新の数にする", "Refresh"},

    // The journal's names of the detection's actions (web/src/pages/journal.tsx).
    {"action.alert.detect", "アラートの検知", "alert raised"},
    {"action.alert.incident", "アラートのインシデント化", "alert made part of an incident"},
    {"action.alert.dismiss", "アラートの却下", "alert dismissed"},
});

}  // namespace

std::span<const CatalogEntry> DetectUiMessages() { return kDetectUi; }

}  // namespace sokuo
