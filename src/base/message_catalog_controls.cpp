// Messages of the routine controls (G4.1, G4.2, G5.1): schedules, occurrences, completion,
// overdue work and compliance (core/control.h, app/control_service.cpp).
#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

// clang-format off
const CatalogEntry kControls[] = {
    {"term.schedule", "実施周期", "schedule"},
    {"term.minute", "分", "minute"},
    {"term.hour", "時", "hour"},
    {"term.day_of_month", "日", "day of the month"},
    {"term.month", "月", "month"},
    {"term.weekday", "曜日", "weekday"},
    {"term.control_kind", "統制の種類", "control kind"},
    {"term.control", "定常業務", "control"},
    {"schedule.fields",
     "実施周期「{text}」が読めません。daily / weekly / monthly / quarterly / yearly か、"
     "「分 時 日 月 曜日」の5項目で指定してください",
     "cannot read the schedule '{text}': give daily, weekly, monthly, quarterly, yearly, or the "
     "five fields 'minute hour day month weekday'"},
    {"schedule.invalid", "実施周期「{text}」の{field|term}が正しくありません",
     "the {field|term} of the schedule '{text}' is not valid"},
    {"org.unknown_control_source", "「{source}」という実施記録の取り込み元はありません（使えるもの: clamav）",
     "no source '{source}' of completions (one of: clamav)"},
    {"control.not_found", "定常業務「{id}」はありません", "no control '{id}'"},
    {"control.occurrence_not_found", "実施予定「{id}」はありません", "no occurrence '{id}'"},
    {"control.already_done", "{id} は実施済みです", "{id} is already done"},
    {"control.findings_need_note", "指摘事項がある場合は内容をメモに書いてください",
     "findings need a note that says what was found"},
    {"control.evidence_needed", "実施の証跡が必要です: {what}", "evidence is needed: {what}"},
    {"control.done_before_start", "実施日時が予定の開始（{start}）より前です",
     "the work cannot be done before the occurrence starts ({start})"},
    {"control.forbidden", "この定常業務を記録できるのは担当部署、その部署長、情報システム部門です",
     "only the responsible department, its head and the IS department record this control"},
    {"control.not_findings", "{id} に指摘事項はありません", "{id} has no findings"},
    {"control.has_incident", "{id} からはすでにインシデント {key} を起票しています",
     "{id} already opened the incident {key}"},
    {"control.by_scan", "{id} はウイルススキャン結果で自動的に記録されます",
     "{id} is recorded by the hosts' scan results"},
    {"control.incident_title", "定常業務「{control}」での指摘事項", "findings of the control '{control}'"},
    {"control.incident_body", "{when} 実施の「{control}」で見つかった事項:\n{note}",
     "found by '{control}' done {when}:\n{note}"},
    {"notice.control_overdue.title", "【期限超過】定常業務「{control}」が未実施です",
     "[Overdue] the control '{control}' has not been done"},
    {"notice.control_overdue.body",
     "{department}の定常業務「{control}」が期限までに実施されていません（{count} 回分、"
     "最初の回は {start} 開始、最後の回の期限は {due}）。担当者に確認し、実施を記録してください。",
     "The control '{control}' of {department} was not done in time ({count} occurrence(s); the "
     "first started {start}, the last was due {due}). Check with the person responsible and "
     "record it when done."},
    {"control.bad_period", "期間の始め（{from}）が終わり（{to}）より後です",
     "the period starts ({from}) after it ends ({to})"},
    {"control_kind.prevention", "予防", "prevention"},
    {"control_kind.detection", "検知", "detection"},
    {"occurrence_state.open", "未実施", "open"},
    {"occurrence_state.overdue", "期限超過", "overdue"},
    {"occurrence_state.on_time", "期限内に実施", "done on time"},
    {"occurrence_state.late", "遅れて実施", "done late"},
    {"cli.no_controls", "定常業務はありません（組織ファイルの controls に記載します）",
     "no controls (the organization file lists them under controls)"},
    {"cli.control_line",
     "{id}  {clause}  {kind|control_kind}  {name}  担当: {department}  周期: {schedule}  "
     "次回: {next}  期限超過: {overdue}  未実施: {open}",
     "{id}  {clause}  {kind|control_kind}  {name}  by: {department}  schedule: {schedule}  "
     "next: {next}  overdue: {overdue}  open: {open}"},
    {"cli.nothing_due", "未実施の定常業務はありません", "nothing is due"},
    {"cli.no_occurrences", "該当する実施予定はありません", "no occurrences"},
    {"cli.occurrence_line", "{id}  {state|occurrence_state}  {name}  期限: {due}",
     "{id}  {state|occurrence_state}  {name}  due: {due}"},
    {"cli.occurrence_done", "{id} を記録しました（{state|occurrence_state}、実施: {at}）",
     "recorded {id} ({state|occurrence_state}, done {at})"},
    {"cli.control_incident", "{occurrence} の指摘事項からインシデント {key} を起票しました",
     "opened the incident {key} from the findings of {occurrence}"},
    {"cli.compliance_period", "期間: {from} から {to} まで", "period: {from} to {to}"},
    {"cli.compliance_line", "{name}  期限内: {on_time}  遅れ: {late}  未実施: {missed}  予定: {open}",
     "{name}  on time: {on_time}  late: {late}  missed: {missed}  open: {open}"},
    {"cli.compliance_total", "合計", "total"},
    {"control_result.ok", "問題なし", "no findings"},
    {"control_result.findings", "指摘事項あり", "findings"},
    // The web pages (web/src/pages/controls.tsx, the dashboard).
    {"ui.nav_controls", "定常業務", "Routine controls"},
    {"ui.controls_title", "定常業務（予防・検知）", "Routine controls (prevention and detection)"},
    {"ui.controls_explain",
     "社内規程に従って定期的に行う予防と検知の業務です（ガイドライン 4(1)(2)）。期限までに実施し、"
     "結果を記録してください。期限を過ぎると部署長に通知されます。",
     "The prevention and detection work done on schedule under the internal rules (guideline "
     "4(1), 4(2)). Do it by its due time and record the result; overdue work is sent to the "
     "department's head."},
    {"ui.controls_one_explain", "担当: {department}　実施周期: {schedule}",
     "Responsible: {department}  Schedule: {schedule}"},
    {"ui.controls_back", "定常業務の一覧へ", "All routine controls"},
    {"ui.controls_due_title", "未実施の業務（期限超過を先に表示）", "Not done yet (overdue first)"},
    {"ui.controls_history", "実施の記録", "Occurrences"},
    {"ui.controls_nothing_due", "未実施の業務はありません", "Nothing is due"},
    {"ui.controls_none_yet", "まだ実施予定はありません", "No occurrences yet"},
    {"ui.controls_none", "定常業務は登録されていません（組織ファイルの controls に記載します）",
     "No controls (the organization file lists them under controls)"},
    {"ui.controls_catalog", "定常業務の一覧", "The controls"},
    {"ui.controls_clause", "条項", "Clause"},
    {"ui.controls_name", "業務", "Control"},
    {"ui.controls_department", "担当部署", "Department"},
    {"ui.controls_schedule", "実施周期", "Schedule"},
    {"ui.controls_next", "次回", "Next"},
    {"ui.controls_overdue", "期限超過", "Overdue"},
    {"ui.controls_due", "期限 {at}", "due {at}"},
    {"ui.controls_done_line", "{at} に {by} が実施", "done {at} by {by}"},
    {"ui.controls_evidence", "証跡", "Evidence"},
    {"ui.controls_evidence_needed", "証跡（必須: {what}）", "Evidence (needed: {what})"},
    {"ui.controls_record", "実施を記録", "Record as done"},
    {"ui.controls_result", "結果", "Result"},
    {"ui.controls_note", "メモ（指摘事項があれば必須）", "Note (needed for findings)"},
    {"ui.controls_done_at", "実施日時（省略時は現在）", "Done at (default: now)"},
    {"ui.controls_open_incident", "指摘事項からインシデントを起票", "Open an incident from the findings"},
    {"ui.controls_by_scan", "各ホストのウイルススキャン結果で自動的に記録されます",
     "Recorded from the hosts' virus-scan results"},
    {"ui.compliance_link", "実施状況の集計", "Compliance"},
    {"ui.compliance_title", "定常業務の実施状況", "Compliance of the routine controls"},
    {"ui.compliance_explain",
     "期間内に始まった実施予定ごとに、期限内に実施・遅れて実施・未実施（期限超過）・予定中を数えます。",
     "For the occurrences that start in the period: done on time, done late, missed (past due "
     "and not done), and still open."},
    {"ui.compliance_from", "開始日", "From"},
    {"ui.compliance_to", "終了日", "To"},
    {"ui.compliance_missed", "未実施", "Missed"},
    {"ui.compliance_by_control", "業務ごと", "By control"},
    {"ui.compliance_by_department", "部署ごと", "By department"},
    {"ui.dash_controls_overdue", "期限を過ぎた定常業務（{count} 件）", "Routine controls overdue ({count})"},
};
// clang-format on

}  // namespace

std::span<const CatalogEntry> ControlMessages() { return kControls; }

}  // namespace sokuo
