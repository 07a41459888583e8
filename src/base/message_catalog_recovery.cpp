// The words of recovery (G5.2): the recovery planner's reasons and the disaster area. A part of
// the one catalog (message_catalog_parts.h), in its own file to keep each file to one room;
// message_test.cpp checks the whole catalog.
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kRecovery = std::to_array<CatalogEntry>({
    // core/recovery_plan.h: why a system cannot be planned.
    {"plan.no_estimate", "復旧にかかる時間の見積り（restore_effort_hours）がありません",
     "no estimate of the time to restore it (restore_effort_hours)"},
    {"plan.no_skill", "必要なスキル（{because}）を持つ要員がいません",
     "nobody who can work has the skills it needs ({because})"},
    {"plan.no_time", "作業できる要員の時間内に収まりません",
     "it does not fit in the hours of the staff who can work"},
    {"plan.power_not_restored", "電源（{because}）の復旧の見込みが立っていません",
     "its power ({because}) has no prospect of returning"},
    {"plan.dependency_unplanned", "依存するシステム（{because}）の復旧が計画できません",
     "a system it depends on ({because}) cannot be planned"},
    {"plan.unknown_dependency", "依存先（{because}）が登録されていません",
     "it depends on systems that are not registered ({because})"},
    {"plan.dependency_cycle", "依存関係が循環しています（{because}）",
     "its dependencies form a cycle ({because})"},
    {"plan.unknown_system", "組織ファイルにないシステムです（削除されました）",
     "the organization file no longer has this system"},

    // cli/plan_commands.cpp: a plan for a person.
    {"plan.heading", "復旧計画 {subject}（{as_of} 時点）",
     "Recovery plan {subject} (as of {as_of})"},
    {"plan.nothing", "復旧が必要なシステムはありません", "No system needs restoring"},
    {"plan.step", "{order}. {system}  開始 {start}  復旧目処 {finish}  担当 {worker}",
     "{order}. {system}  starts {start}  back by {finish}  by {worker}"},
    {"plan.no_worker", "（要員不要）", "(no staff needed)"},
    {"plan.rto_missed", "   目標復旧時間（{rto}）に間に合いません", "   misses its RTO ({rto})"},
    {"plan.ask_is", "   見通しは情報システム部に確認してください",
     "   ask the IS department for its outlook"},
    {"plan.unplanned_heading", "計画できないシステム:", "Systems that cannot be planned:"},
    {"plan.unplanned", "  {system}: {why}", "  {system}: {why}"},
    {"plan.running", "稼働中: {systems}", "Running: {systems}"},

    // web/src/pages/plan.tsx: the plan on the incident page.
    {"ui.plan_title", "復旧計画", "Recovery plan"},
    {"ui.plan_none", "復旧が必要な影響システムはありません", "No affected system needs restoring"},
    {"ui.plan_as_of", "{at} 時点の計画（情報システム部の要員と就業時間で計算）",
     "Planned as of {at} with the IS department's staff and working hours"},
    {"ui.plan_order", "順", "Order"},
    {"ui.plan_start", "開始", "Starts"},
    {"ui.plan_finish", "復旧目処", "Back by"},
    {"ui.plan_worker", "担当", "By"},
    {"ui.plan_rto_met", "間に合う", "met"},
    {"ui.plan_rto", "目標復旧時間", "RTO"},
    {"ui.plan_rto_missed", "間に合わない（期限 {at}）", "missed (due {at})"},
    {"ui.plan_ask_is", "見通しは情報システム部に確認", "outlook from the IS department"},
    {"ui.plan_chart", "復旧の時間表", "Recovery time chart"},
    {"ui.plan_unplanned", "計画できないシステム", "Systems that cannot be planned"},

    // core/disaster_rules.h: the disaster's records (G5.2).
    {"term.medium", "記録媒体", "storage medium"},
    {"survey_item.telephones", "電話", "telephones"},
    {"survey_item.power", "電源", "power"},
    {"survey_item.network", "ネットワーク", "network"},
    {"survey_item.systems", "情報システム", "information systems"},
    {"survey_item.confidential_media", "機密情報を保存したコンピュータ・記録媒体",
     "computers and media holding confidential information"},
    {"survey_status.ok", "正常", "ok"},
    {"survey_status.degraded", "一部機能停止", "degraded"},
    {"survey_status.down", "停止", "down"},
    {"survey_status.unknown", "未確認", "unknown"},
    {"disaster.target_not_allowed",
     "「{item|survey_item}」の調査には対象（target）を指定できません（対象を指定できるのは情報"
     "システムと機密情報の記録媒体だけです）",
     "a survey of {item|survey_item} names no target (only information systems and confidential "
     "media do)"},
    {"disaster.not_vendor", "外部連絡先「{contact}」はベンダーではなく、保守契約もありません",
     "contact '{contact}' is neither a vendor nor under a maintenance contract"},
    {"disaster.vendor_answer_required", "回答済み・辞退の依頼にはベンダーの回答を記入してください",
     "an answered or declined request needs the vendor's answer"},
    {"disaster.expiry_not_after_decision", "期限は決定日時（{at}）より後にしてください",
     "must be after the decision ({at})"},
    {"disaster.already_closed", "災害 {key} はすでに終了しています",
     "disaster {key} is already closed"},
    {"disaster.close_refused", "災害 {key} を終了できません", "disaster {key} cannot be closed"},
    {"disaster.tier_a_not_back",
     "ティア A のシステム {system} が復旧していません（{status|survey_status}）。復旧を記録するか、"
     "委員会が終了の理由を記録してください",
     "tier-a system {system} is not back ({status|survey_status}): record its recovery, or the "
     "committee gives the reason to close anyway"},
    // app/disaster_service.h.
    {"disaster.not_found", "災害「{key}」はありません", "no disaster '{key}'"},
    {"disaster.step_forbidden", "あなたの役割では {key} のこの操作は行えません",
     "your role does not allow this step on {key}"},
    {"disaster.survey_empty", "調査結果が1件もありません", "no survey entries"},
    {"disaster.before_declared", "災害の発生日時（{at}）より前です",
     "is before the disaster happened ({at})"},
    {"disaster.before_asked", "依頼した日時（{at}）より前です",
     "is before the request was made ({at})"},
    {"disaster.nothing_to_change", "変更する項目（state、answer、eta）がありません",
     "nothing to change (state, answer, eta)"},
    {"disaster.vendor_request_not_found", "{key} にベンダー依頼 {id} はありません",
     "no vendor request {id} in {key}"},
    {"disaster_kind.earthquake", "地震", "earthquake"},
    {"disaster_kind.flood", "水害", "flood"},
    {"disaster_kind.fire", "火災", "fire"},
    {"disaster_kind.power_outage", "停電", "power outage"},
    {"disaster_kind.pandemic", "感染症", "pandemic"},
    {"disaster_kind.other", "その他", "other"},
    {"disaster_state.declared", "宣言中", "declared"},
    {"disaster_state.recovering", "復旧中", "recovering"},
    {"disaster_state.closed", "終了", "closed"},
    // cli/disaster_commands.cpp.
    {"cli.no_disasters", "災害はありません", "no disasters"},
    {"cli.disaster_line", "{key}  {state|disaster_state}  {kind|disaster_kind}  {title}",
     "{key}  {state|disaster_state}  {kind|disaster_kind}  {title}"},
    {"cli.disaster_cell", "{item|survey_item}: {status|survey_status}",
     "{item|survey_item}: {status|survey_status}"},
    {"cli.disaster_outlook", "  {system}  {status|survey_status}  復旧目処 {eta}  {note}",
     "  {system}  {status|survey_status}  back by {eta}  {note}"},
    {"cli.disaster_plan_version",
     "復旧計画 第{id}版: 計画済み {planned} 件、計画できないもの {unplanned} 件",
     "recovery plan version {id}: {planned} planned, {unplanned} cannot be planned"},
    {"cli.disaster_declared", "宣言: {by}（{at}）  被災拠点: {sites}",
     "declared by {by} ({at}); sites: {sites}"},
    {"cli.disaster_survey_heading",
     "被害状況（部門 × 項目）:", "damage survey (department × item):"},
    {"cli.disaster_unknown", "  未確認の項目が {count} 件あります",
     "  {count} cells still unknown"},
    {"cli.disaster_staff_heading", "要員（行動計画の役割）:", "staff (action-plan roles):"},
    {"cli.disaster_staff", "  {department}: 現在稼働できる {available} 名 / {people} 名",
     "  {department}: {available} of {people} can work now"},
    {"cli.disaster_role", "    {title}: {person}", "    {title}: {person}"},
    {"cli.disaster_role_unfilled", "    {title}: 担当者なし", "    {title}: unfilled"},
    {"cli.disaster_outlook_heading", "復旧していないシステム:", "systems not back:"},
    {"cli.disaster_vendor", "ベンダー依頼 {id}: {vendor}（{state|vendor_state}、到着見込み {eta}）",
     "vendor request {id}: {vendor} ({state|vendor_state}, arrives {eta})"},
    {"cli.disaster_exemption", "適用除外: {rule}（{scope}、{until} まで）",
     "exemption: {rule} ({scope}, until {until})"},
    {"cli.rollcall_choose", "--can-work か --cannot-work のどちらかを指定してください",
     "give either --can-work or --cannot-work"},
    // G5.2.2, G5.2.3: the messages of a declared disaster.
    {"notice.disaster.title", "[{key}] 大規模災害の宣言: {title}",
     "[{key}] Large-scale disaster declared: {title}"},
    {"notice.disaster.body",
     "{by} さんが大規模災害を宣言しました（{at}）。\n\n件名: {title}\n種別: "
     "{kind|disaster_kind}\n被災拠点: {sites}\n\n{summary}",
     "{by} declared a large-scale disaster ({at}).\n\nDisaster: {title}\nKind: "
     "{kind|disaster_kind}\nSites: {sites}\n\n{summary}"},
    {"notice.roll_call.title", "[{key}] 要員の稼働確認のお願い: {title}",
     "[{key}] Roll call: who of your department can work? {title}"},
    {"notice.roll_call.body",
     "部門長の皆さまへ\n大規模災害「{title}」（{kind|disaster_kind}、{at}）が宣言されました。\n"
     "部門の要員それぞれについて、稼働できるか、いつから、1日何時間、どこで（事務所・自宅・代替"
     "拠点）を記録してください。安否確認は別の手順で行います。",
     "To department heads:\nA large-scale disaster, {title} ({kind|disaster_kind}, {at}), has "
     "been declared.\nFor each person of your department, record whether they can work, from "
     "when, how many hours a day and where (office, home, alternate site). Employees' safety is "
     "checked by its own procedure."},
});

}  // namespace

std::span<const CatalogEntry> RecoveryMessages() { return kRecovery; }

}  // namespace sokuo
