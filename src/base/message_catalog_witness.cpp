// Messages of the journal's witnesses (G4.4.3, app/witness.h): the organization file's
// `notifications.witnesses`, the head receipts sent to them (codec/head_receipt.h), and
// `journal verify --against`, which checks the journal against the receipts kept outside.
#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

// clang-format off
const CatalogEntry kWitness[] = {
    // The organization file.
    {"term.webhook", "Webhook", "webhook"},
    {"org.witness_file_absolute", "証人のファイル「{path}」は絶対パス（/ で始まる）で指定してください",
     "the witness file '{path}' must be an absolute path (starting with /)"},
    {"org.witness_role", "証人の役割「{role}」はありません（使えるもの: {roles}）",
     "no witness role '{role}' (use one of: {roles})"},
    {"org.witness_no_email",
     "証人にメールで送る設定ですが notifications.email がありません（設定するか email: false にしてください）",
     "witnesses are emailed but notifications.email is not configured (configure it, or set email: false)"},
    {"org.witness_nowhere", "証人の送り先がありません（file、webhooks、email のいずれかを指定してください）",
     "the witnesses name nowhere to send the head (give a file, webhooks or email)"},

    // What the witnesses receive.
    {"witness.title", "sokuo ジャーナルの最新エントリ {seq}（{reason}）",
     "sokuo journal head {seq} ({reason})"},
    {"witness.body",
     "sokuo のジャーナルの最新エントリです。sokuo の外に保管してください。`sokuo journal verify --against FILE` がこの記録とジャーナルを照合し、切り詰めや書き換えを見つけます。",
     "The head of sokuo's journal. Keep it outside sokuo: `sokuo journal verify --against FILE` "
     "checks the journal against it and finds a truncation or a rewrite."},
    {"ui.msg_witness_file", "証人のファイル", "witness file"},
    {"action.journal.witness", "最新エントリを証人へ送信", "head sent to the witnesses"},
    {"notify.no_witness_file", "組織ファイルに証人のファイルが設定されていません",
     "the organization file names no witness file"},
    {"journal.no_witnesses",
     "組織ファイルに証人（notifications.witnesses）が設定されていません",
     "the organization file configures no witnesses (notifications.witnesses)"},

    // Reading receipts.
    {"receipt.unreadable", "{file} の {count} 行が最新エントリの記録として読めません",
     "{count} line(s) of {file} are not head receipts"},
    {"receipt.none", "{file} に最新エントリの記録が一つもありません",
     "{file} holds no head receipt"},
    {"receipt.line_too_long", "行が長すぎます（{max} バイトまで）",
     "the line is too long (at most {max} bytes)"},
    {"receipt.not_json", "JSON として読めません", "not JSON"},
    {"receipt.not_receipt", "最新エントリの記録ではありません（\"sokuo\": \"journal.head\" がありません）",
     "not a head receipt (no \"sokuo\": \"journal.head\")"},
    {"receipt.bad_seq", "seq は 1 以上の整数にしてください", "seq must be a whole number from 1"},
    {"receipt.bad_hash", "hash は 16 進数 64 桁（小文字）にしてください",
     "hash must be 64 lower-case hex digits"},
    {"receipt.bad_at", "at は RFC 3339 の日時にしてください", "at must be an RFC 3339 time"},
    {"receipt.bad_text", "{field} は文字列にしてください", "{field} must be a string"},

    // Checking the journal against them.
    {"journal.witness_truncated",
     "エントリ {seq}: {at} に証人へ送った最新エントリ（{reason}）がジャーナルにありません。ジャーナルはエントリ {head} までしかなく、末尾が切り詰められています",
     "entry {seq}: the head sent to the witnesses at {at} ({reason}) is not in the journal, "
     "which ends at entry {head}: its tail was truncated"},
    {"journal.witness_rewritten",
     "エントリ {seq}: {at} に証人へ送ったハッシュ {sent}（{reason}）と違います（今は {found}）。その時点までの記録が書き換えられています",
     "entry {seq}: its hash is {found}, not the {sent} sent to the witnesses at {at} ({reason}): "
     "the record up to it was rewritten"},
    {"cli.witness_checked",
     "証人の記録 {count} 件と照合しました（最新: エントリ {seq} {hash}、{at}、{reason}）",
     "checked against {count} witness receipt(s) (newest: entry {seq} {hash}, {at}, {reason})"},
    {"cli.witness_failed", "ジャーナルが証人に送った最新エントリ {count} 件と一致しません",
     "the journal does not hold {count} head(s) sent to the witnesses"},
    {"cli.witness_delivery", "{channel} {recipient}: {status}", "{channel} {recipient}: {status}"},
};
// clang-format on

}  // namespace

std::span<const CatalogEntry> WitnessMessages() { return kWitness; }

}  // namespace sokuo
