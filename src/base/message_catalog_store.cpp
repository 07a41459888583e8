// Messages of store/: the database (SQLite or PostgreSQL), copying a store, and the journal's
// verification (G4.4.3).
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kStore = std::to_array<CatalogEntry>({
    // The database (store/).
    {"store.busy",
     "データベースが使用中です（別の sokuo "
     "プロセスが書き込んでいます）。少し待ってからやり直してください",
     "the database is busy (another sokuo process is writing); try again in a moment"},
    {"store.unavailable",
     "データベース（PostgreSQL）に接続できないか、応答がありません。少し待ってからやり直してくださ"
     "い",
     "the database (PostgreSQL) cannot be reached or did not answer; try again in a moment"},
    {"store.read_only",
     "このサーバーは読み取り専用です（バックアップサイトのレプリカで、まだ昇格していません）。"
     "書き込みは主サイトで行うか、レプリカの昇格後に行ってください",
     "this server is read-only (a replica at the backup site, not yet promoted); write at the "
     "main site, or after the replica is promoted"},
    {"store.postgres_encoding",
     "PostgreSQL のデータベースの文字コードが {encoding} です。UTF8 のデータベースを使ってください",
     "the PostgreSQL database is in {encoding}; use a database in UTF8"},
    {"store.cannot_load", "このストアには記録を複製できません",
     "this store cannot take a copy of records"},
    {"store.copy_target_not_empty",
     "複製先に記録がすでにあります。空のデータベース（またはデータディレクトリ）を指定してください",
     "the copy's destination already holds records; give an empty database (or data "
     "directory)"},
    {"store.copy_source_changed",
     "複製中に複製元へ書き込みがありました（何も複製していません）。複製元の sokuo serve "
     "を止めてからやり直してください",
     "the source was written to during the copy (nothing was copied); stop the sokuo serve "
     "that writes it and copy again"},
    {"store.copied",
     "{from} から {to} へ複製しました: ジャーナルエントリ {entries} 件、行 {rows} 件、証拠ファイル "
     "{files} 件（{bytes} バイト）",
     "copied {from} to {to}: {entries} journal entries, {rows} rows, {files} evidence files "
     "({bytes} bytes)"},
    {"store.copy_verified",
     "複製元と複製先の両方でジャーナルを検証しました。ヘッドはどちらも {seq} {hash} です",
     "the journal verifies on both sides, with the same head {seq} {hash}"},
    {"store.copy_unverified", "{side} のジャーナル検証で {count} 件の問題が見つかりました",
     "the journal of {side} does not verify: {count} problems"},
    {"store.copy_heads_differ", "複製元のヘッド（{from}）と複製先のヘッド（{to}）が一致しません",
     "the source's head ({from}) and the copy's head ({to}) differ"},
    {"store.reference_missing",
     "書き込みが存在しない行を参照しています（他の書き込みは保存されます）",
     "the write refers to a row that is not there (the writes beside it are kept)"},
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
    {"store.upgrade_while_serving",
     "{dir} は sokuo serve（プロセス {pid}）が提供中です。データベースをこの sokuo の形（スキーマ "
     "{from} → "
     "{to}）に更新する前に、サーバーを止めてください（古いサーバーは新しい形を知らずに書き込み"
     "続けます）",
     "sokuo serve (process {pid}) is serving {dir}: stop it before this sokuo upgrades the "
     "database (schema {from} to {to}); an older server would go on writing without knowing the "
     "new schema"},
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
    {"journal.evidence_changed",
     "{key} の証拠 #{id}（{name}）のファイルが記録と一致しません（SHA-256 {sha256}）",
     "evidence #{id} of {key} ({name}) no longer matches its record (SHA-256 {sha256})"},
    {"journal.evidence_unreadable",
     "{key} の証拠 #{id}（{name}）のファイルがないか、読めません（SHA-256 {sha256}）",
     "evidence #{id} of {key} ({name}) is missing or cannot be read (SHA-256 {sha256})"},
    {"journal.row_withheld", "エントリ {seq}: 閲覧できないインシデントの行が記録と一致しません",
     "entry {seq}: a row of an incident you may not see does not match the journal"},
    {"journal.row_unwritten", "行 {row} はどのジャーナルエントリにも書き込まれていません",
     "row {row} was not written by any journal entry"},
    {"journal.row_replaced_altered",
     "エントリ {seq}: 行 {row} は、この変更の前に sokuo の外で改変されていました",
     "entry {seq}: row {row} had been altered outside sokuo before this entry changed it"},
    {"journal.checkpoint_malformed", "エントリ {seq}: チェックポイントの状態の記述が不正です",
     "entry {seq}: the checkpoint's state is malformed"},
    {"journal.checkpoint_mismatch",
     "エントリ {seq}: チェックポイントが記録した状態が、それまでのエントリの再生結果と一致しません",
     "entry {seq}: the state the checkpoint recorded does not match the replay of the entries "
     "before it"},
    {"journal.state_differs",
     "チェックポイント {seq} 以降に変更されていない行が、チェックポイントの状態と一致しません"
     "（sokuo の外で改変・追加・削除）",
     "rows that no entry changed since checkpoint {seq} differ from the checkpoint's state "
     "(altered, added or deleted outside sokuo; a full `journal verify` names them)"},
    {"journal.no_checkpoint", "エントリ {seq} 以前にチェックポイントがありません",
     "no checkpoint at or before entry {seq}"},
});

}  // namespace

std::span<const CatalogEntry> StoreMessages() { return kStore; }

}  // namespace sokuo
