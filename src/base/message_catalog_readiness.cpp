// Messages of the readiness report (core/readiness.h, G3.3, G5.1, G5.2.2, G5.2.6b): for each gap
// what is wrong (readiness.<kind>) and what to do (readiness.fix_<kind>), and the words of the
// report's table (CLI) and page (web, ui.readiness_*).
#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

// clang-format off
const CatalogEntry kReadiness[] = {
    // What is wrong.
    {"readiness.no_action_plan", "緊急時行動計画の役割が一つも割り当てられていません",
     "no role of an emergency action plan is assigned"},
    {"readiness.no_deputy", "{role|ui.org_role}（{person}）に代理がいません",
     "{role|ui.org_role} ({person}) has no deputy"},
    {"readiness.no_backup", "バックアップがありません", "no backup"},
    {"readiness.backup_never_verified", "バックアップのリストアテストをした記録がありません",
     "the backup has no recorded restore test"},
    {"readiness.backup_stale", "最後のリストアテストは {day}（{days} 日前、基準は {limit} 日以内）です",
     "the last restore test was on {day} ({days} days ago; the limit is {limit} days)"},
    {"readiness.no_redundancy", "冗長化されていません", "not redundant"},
    {"readiness.no_alternate", "代替拠点も代替機（冗長構成）もありません",
     "neither an alternate site nor substitute (redundant) equipment"},
    {"readiness.no_vendor", "保守を頼めるベンダーが登録されていません", "no vendor to call for maintenance"},
    {"readiness.no_contract", "ベンダー「{vendor}」との保守契約が登録されていません",
     "no maintenance contract with '{vendor}'"},
    {"readiness.contract_expired", "「{vendor}」との保守契約は {day} で切れています",
     "the maintenance contract with '{vendor}' ended on {day}"},
    {"readiness.contract_expiring", "「{vendor}」との保守契約は {day} で切れます（あと {days} 日）",
     "the maintenance contract with '{vendor}' ends on {day} (in {days} days)"},
    {"readiness.contact_never_reviewed", "連絡先を確認した日が記録されていません",
     "no day of the last check is recorded"},
    {"readiness.contact_stale", "最後の確認は {day} です（{months} か月以上前）",
     "last checked on {day} (more than {months} months ago)"},
    {"readiness.no_rto", "目標復旧時間（RTO）が決まっていません", "no recovery time objective (RTO)"},
    {"readiness.no_workaround", "停止中に業務を続ける代替手段が決まっていません",
     "no workaround to keep the business going while it is down"},
    // What to do.
    {"readiness.fix_no_action_plan",
     "緊急時行動計画を作り、連絡責任者などの役割（roles の action_plan）を割り当ててください",
     "draw up the emergency action plan and assign its roles (action_plan in roles), a liaison "
     "first"},
    {"readiness.fix_no_deputy", "不在に備えて代理（deputies）を指名してください",
     "name deputies (deputies) for when the holder is away"},
    {"readiness.fix_no_backup", "バックアップの方法と頻度を決め、backup に記録してください",
     "set up a backup and record its method and frequency under backup"},
    {"readiness.fix_backup_not_verified",
     "リストアテストを行い、その日を backup.last_verified に記録してください",
     "run a restore test and record its day in backup.last_verified"},
    {"readiness.fix_no_redundancy", "冗長構成にし、その方法を redundancy に記録してください",
     "make it redundant and record how under redundancy"},
    {"readiness.fix_no_alternate",
     "代替機を用意するか代替拠点を決め、alternate_site または redundancy に記録してください",
     "prepare substitute equipment or a backup site and record it under alternate_site or "
     "redundancy"},
    {"readiness.fix_no_vendor", "保守ベンダーを決め、連絡先に登録して vendor に指定してください",
     "choose a maintenance vendor, add it to contacts and name it as vendor"},
    {"readiness.fix_no_contract", "保守契約を結び、ベンダーの contract に記録してください",
     "conclude a maintenance contract and record it under the vendor's contract"},
    {"readiness.fix_contract_expired", "保守契約を更新し、新しい満了日を記録してください",
     "renew the maintenance contract and record its new end"},
    {"readiness.fix_contract_expiring", "満了前に保守契約の更新を手配してください",
     "arrange the renewal before the contract ends"},
    {"readiness.fix_contact_not_reviewed",
     "電話番号や窓口がまだ有効か確かめ、確認した日を reviewed に記録してください",
     "check that the numbers and addresses still reach the right people and record the day in "
     "reviewed"},
    {"readiness.fix_no_rto", "業務部門と目標復旧時間を決め、rto_hours に記録してください",
     "agree a recovery time objective with the business and record it in rto_hours"},
    {"readiness.fix_no_workaround",
     "紙や電話など停止中の代替手段を決め、workaround に記録してください",
     "agree how the business works without it (paper, phone) and record it in workaround"},
    // The subject kinds.
    {"readiness.subject.system", "システム", "system"},
    {"readiness.subject.network", "ネットワーク", "network"},
    {"readiness.subject.department", "部門", "department"},
    {"readiness.subject.contact", "連絡先", "contact"},
    // The clauses' headings.
    {"readiness.clause.g3_3", "G3.3 業務部門の役割と緊急時行動計画",
     "G3.3 User departments' roles and emergency action plans"},
    {"readiness.clause.g5_1_1", "G5.1.1 バックアップ", "G5.1.1 Backups"},
    {"readiness.clause.g5_1_3", "G5.1.3 冗長化", "G5.1.3 Redundancy"},
    {"readiness.clause.g5_1_4", "G5.1.4 代替機・代替拠点", "G5.1.4 Substitute equipment and backup sites"},
    {"readiness.clause.g5_1_5", "G5.1.5 保守契約", "G5.1.5 Maintenance contracts"},
    {"readiness.clause.g5_2_2", "G5.2.2 連絡先", "G5.2.2 Contacts"},
    {"readiness.clause.g5_2_6b", "G5.2.6b 復旧計画の前提", "G5.2.6b What the recovery plan needs"},
    {"readiness.forbidden",
     "備えの点検を見られるのは情報システム部・委員会・管理者・監査担当です",
     "the readiness report is for the IS department, the committee, administrators and the "
     "auditor"},
    // The CLI's table.
    {"readiness.title", "備えの点検（{day}）", "Readiness ({day})"},
    {"readiness.none", "足りない備えはありません", "no gaps"},
    {"readiness.count_one", "{count} 件", "{count} gap"},
    {"readiness.count", "{count} 件", "{count} gaps"},
    {"readiness.col_subject", "対象", "subject"},
    {"readiness.col_problem", "問題", "problem"},
    {"readiness.col_action", "対応", "what to do"},
    // The web interface (pages/readiness.tsx, the dashboard).
    {"ui.nav_readiness", "備えの点検", "Readiness"},
    {"ui.readiness_title", "備えの点検（災害の前に）", "Readiness (before the disaster)"},
    {"ui.readiness_intro",
     "組織ファイルから、災害時に困ることを先に洗い出します。各項目に、もとになったガイドラインの条項と対応を示します。",
     "What the organization file shows, before a disaster, that will hurt during one: each gap "
     "with the guideline clause it comes from and what to do."},
    {"ui.readiness_as_of",
     "{day} 時点。基準: リストアテストは {days} 日以内、保守契約は満了 {warn} 日前から、連絡先の確認は {months} か月以内",
     "As of {day}. Limits: a restore test within {days} days, contracts named {warn} days before "
     "they end, contacts checked within {months} months"},
    {"ui.readiness_none", "足りない備えは見つかりませんでした", "No gaps found"},
    {"ui.readiness_dash", "備えの点検", "Readiness"},
    {"ui.readiness_all", "すべての項目と対応を見る", "All gaps and what to do"},
};
// clang-format on

}  // namespace

std::span<const CatalogEntry> ReadinessMessages() { return kReadiness; }

}  // namespace sokuo
