// Messages of what sokuo prints for paper: the emergency binder (report/binder.cpp).
#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

// clang-format off
const CatalogEntry kReport[] = {
    {"binder.title", "{company} 緊急時バインダー", "{company} emergency binder"},
    {"binder.how_to_use",
     "sokuo に接続できないときに使う紙の控えです。最新の版を印刷して、情報システム部と委員会の手元に置いてください。"
     "被害調査票と安否確認票は手書きで記入し、復旧後に sokuo に入力します。",
     "The paper copy for when sokuo cannot be reached. Print the newest one and keep it with the IS "
     "department and the committee. Fill in the damage survey and the roll call by hand, and enter "
     "them into sokuo once it is back."},
    {"binder.committee", "1. 情報セキュリティ委員会", "1. Information Security Committee"},
    {"binder.role", "役割", "Role"},
    {"binder.name", "氏名", "Name"},
    {"binder.department", "所属", "Department"},
    {"binder.phone", "電話", "Phone"},
    {"binder.email", "メール", "Email"},
    {"binder.chair", "委員長", "Chair"},
    {"binder.member", "委員", "Member"},
    {"binder.deputy", "{of}の代理（{n}）", "Deputy {n} of the {of}"},
    {"binder.contact_tree", "2. 連絡網", "2. Contact tree"},
    {"binder.contact_tree_help",
     "利用部門は情報システム部に連絡し、情報システム部はセキュリティ統括会議長に委員会の招集を依頼します（G3）。"
     "本人に連絡がつかないときは代理に順に連絡します。",
     "A user department calls the IS department; the IS department asks the steering council chair "
     "to convene the committee (G3). When someone cannot be reached, call their deputies in order."},
    {"binder.deputies", "代理（順に）", "Deputies, in order"},
    {"binder.head", "部門長", "Head"},
    {"binder.contacts", "3. 外部連絡先", "3. Outside contacts"},
    {"binder.kind", "種別", "Kind"},
    {"binder.reach", "連絡方法", "How to reach"},
    {"binder.contract", "契約・備考", "Contract, notes"},
    {"binder.contract_line", "契約 {number}・対応時間 {hours}・範囲 {coverage}・期限 {expires}",
     "contract {number}, hours {hours}, covers {coverage}, until {expires}"},
    {"binder.contact_kind.customer", "顧客", "customer"},
    {"binder.contact_kind.partner", "取引先", "partner"},
    {"binder.contact_kind.police", "警察", "police"},
    {"binder.contact_kind.csirt", "CSIRT（JPCERT/CC 等）", "CSIRT (JPCERT/CC…)"},
    {"binder.contact_kind.ipa", "IPA", "IPA"},
    {"binder.contact_kind.regulator", "監督官庁（個人情報保護委員会 等）", "regulator (PPC…)"},
    {"binder.contact_kind.authority", "官公庁", "public authority"},
    {"binder.contact_kind.vendor", "ベンダー", "vendor"},
    {"binder.contact_kind.insurer", "保険会社", "insurer"},
    {"binder.contact_kind.press", "報道機関", "press"},
    {"binder.contact_kind.other", "その他", "other"},
    {"binder.systems", "4. 情報システム（復旧の順）", "4. Systems, in the order they come back"},
    {"binder.system", "システム（所管）", "System (owner)"},
    {"binder.depends_on", "依存先", "Depends on"},
    {"binder.rto", "目標復旧時間", "RTO"},
    {"binder.backup", "バックアップ", "Backup"},
    {"binder.alternate", "代替拠点・冗長化", "Alternate site, redundancy"},
    {"binder.workaround", "代替手段・縮退運転", "Workaround, degraded mode"},
    {"binder.vendor", "ベンダー", "Vendor"},
    {"binder.hours", "{n} 時間", "{n} h"},
    {"binder.last_verified", "復元確認 {date}", "restore tested {date}"},
    {"binder.damage_survey", "5. 被害調査票", "5. Damage survey"},
    {"binder.damage_survey_help",
     "システムごとに状態に○をつけ、被害の内容、確認した人と日時を書いてください（G5.2.4）。",
     "For each system circle its state and write the damage, who checked and when (G5.2.4)."},
    {"binder.state", "状態", "State"},
    {"binder.damage", "被害の内容", "Damage"},
    {"binder.checked_by", "確認者", "Checked by"},
    {"binder.checked_at", "日時", "When"},
    {"binder.state_choices", "稼働・縮退・停止・不明", "up / degraded / down / unknown"},
    {"binder.roll_call", "6. 安否確認票", "6. Roll call"},
    {"binder.roll_call_help",
     "一人ずつ安否と出勤の可否に○をつけ、確認した日時を書いてください（G5.2.3）。",
     "For each person circle whether they are safe and can work, and write when (G5.2.3)."},
    {"binder.safety", "安否", "Safe?"},
    {"binder.can_work", "出勤", "Can work?"},
    {"binder.safety_choices", "無事・負傷・不明", "safe / injured / unknown"},
    {"binder.work_choices", "可・在宅・不可", "yes / from home / no"},
};
// clang-format on

}  // namespace

std::span<const CatalogEntry> ReportMessages() { return kReport; }

}  // namespace sokuo
