// Messages of the evidence of an incident (G4.4.3): intake, custody, the legal hold, disposal and
// the archive for an agency (app/incident_evidence.cpp, platform/archive.cpp).
#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

// clang-format off
const CatalogEntry kEvidence[] = {
    {"evidence.no_vault", "証拠の保管場所が設定されていません", "no evidence vault is configured"},
    {"evidence.empty_file", "ファイルが空です", "the file is empty"},
    {"evidence.too_large", "ファイルが大きすぎます（上限 {max} バイト）",
     "the file is too large (at most {max} bytes)"},
    {"evidence.already_disposed", "証拠 {id} は {at} に廃棄済みです",
     "evidence {id} was disposed of at {at}"},
    {"evidence.incident_open", "{key} は対応中です。証拠はクローズ後まで廃棄できません",
     "{key} is still open: its evidence is kept until it is closed"},
    {"evidence.on_hold", "訴訟ホールド中のため廃棄できません（{reason}）",
     "under a legal hold, nothing is disposed of ({reason})"},
    {"evidence.not_returned", "{to} に引き渡したまま返却されていません",
     "handed over to {to} and not yet returned"},
    {"evidence.disposal_reason", "廃棄の理由を書いてください", "give the reason for disposal"},
    {"evidence.handover_to", "引き渡し先を書いてください", "name who receives it"},
    {"evidence.export_to", "提出先（受け取る機関や人）を書いてください",
     "name who receives the export (an agency or a person)"},
    {"evidence.nothing_to_export", "{key} には書き出せる証拠がありません",
     "{key} has no evidence to export"},
    {"evidence.custody_action", "記録できる保管の記録は引き渡しと返却です",
     "the custody steps to record are handed_over and returned"},
    {"evidence.not_held", "証拠 {id} は引き渡されていません", "evidence {id} is not handed over"},
    {"evidence.already_held", "証拠 {id} は {to} に引き渡し中です",
     "evidence {id} is already with {to}"},
    {"evidence.disposed", "証拠 {id} は廃棄済みです（記録とハッシュは残っています）",
     "evidence {id} was disposed of (its record and hash remain)"},
    {"incident.hold_reason", "ホールドの理由を書いてください", "give the reason for the hold"},
    {"incident.no_hold", "{key} に訴訟ホールドはありません", "{key} has no legal hold"},
    {"incident.already_held", "{key} はすでに訴訟ホールド中です",
     "{key} is already under a legal hold"},
    {"evidence.not_found", "{key} に証拠 {id} はありません", "no evidence {id} in {key}"},
    {"archive.content_changed", "{name} の内容が記録と一致しないため、アーカイブを作りませんでした",
     "{name} does not match its record: no archive was written"},
};
// clang-format on

}  // namespace

std::span<const CatalogEntry> EvidenceMessages() { return kEvidence; }

}  // namespace sokuo
