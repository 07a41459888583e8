// The words of detection (detect/, G4.2.3): why a Sigma rule cannot be read or run. A part of the
// one catalog (message_catalog_parts.h).
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kDetect = std::to_array<CatalogEntry>({
    {"sigma.type.text", "文字列", "text"},
    {"sigma.type.list", "リスト", "a list"},
    {"sigma.type.value", "値", "a value"},
    {"sigma.type.map", "マップ", "a map"},
    {"sigma.type.bool", "true または false", "true or false"},
    {"sigma.yaml_error", "YAML として読めません: {detail}", "not valid YAML: {detail}"},
    {"sigma.not_a_map", "ルールはマップでなければなりません", "a rule must be a map"},
    {"sigma.missing", "{field} がありません", "{field} is missing"},
    {"sigma.wrong_type", "{field} は{expected|sigma.type}でなければなりません",
     "{field} must be {expected|sigma.type}"},
    {"sigma.level_unknown",
     "level '{level}' は informational、low、medium、high、critical のいずれかにしてください",
     "level '{level}' must be informational, low, medium, high or critical"},
    {"sigma.legacy_collection",
     "action: による旧形式のルール集は使えません。ルールごとに書き直してください",
     "legacy rule collections (action:) are not supported; write each rule out"},
    {"sigma.filter_unsupported", "フィルター文書（filter:）にはまだ対応していません",
     "filter documents (filter:) are not supported yet"},
    {"sigma.unknown_modifier", "{field} の修飾子 '{modifier}' は Sigma にありません",
     "'{modifier}' on {field} is not a Sigma modifier"},
    {"sigma.modifier_first", "{field}: 修飾子 {modifier} は最初に書く必要があります",
     "{field}: the {modifier} modifier must come first"},
    {"sigma.regex_flag_without_re", "{field}: {modifier} は re の後にだけ書けます",
     "{field}: {modifier} may only follow re"},
    {"sigma.empty_values", "{field} に値がありません", "{field} has no values"},
    {"sigma.null_in_list", "{field}: null は他の値と同じリストに入れられません",
     "{field}: null cannot share a list with other values"},
    {"sigma.exists_needs_field", "exists にはフィールド名が必要です", "exists needs a field"},
    {"sigma.exists_not_bool", "{field}: exists の値は true か false です",
     "{field}: exists takes true or false"},
    {"sigma.number_expected", "{field}: {modifier} の値 '{value}' は数値でなければなりません",
     "{field}: {modifier} needs a number, not '{value}'"},
    {"sigma.empty_selection", "検索条件 {name} が空です", "search identifier {name} is empty"},
    {"sigma.condition_empty", "condition が空です", "the condition is empty"},
    {"sigma.condition_aggregation",
     "condition の集計（| count() など）と timeframe は廃止されました。相関ルールを使ってください",
     "aggregations in the condition (| count() …) and timeframe are obsolete; use a correlation "
     "rule"},
    {"sigma.condition_unexpected", "condition の '{token}' が読めません",
     "unexpected '{token}' in the condition"},
    {"sigma.condition_too_deep", "condition の入れ子が深すぎます（{max} 段まで）",
     "the condition nests too deeply (at most {max} levels)"},
    {"sigma.rule_too_large", "ルールの値が多すぎます（{max} 個まで）",
     "the rule holds too many values (at most {max})"},
    {"sigma.too_many_variants",
     "値 '{value}' から作られる候補が多すぎます（{max} 個まで。windash、base64offset、expand "
     "の組み合わせ）",
     "value '{value}' makes too many variants (at most {max}; windash, base64offset and expand "
     "multiply)"},
    {"sigma.condition_end", "condition が途中で終わっています", "the condition ends too early"},
    {"sigma.condition_unknown_identifier", "condition の {name} という検索条件はありません",
     "the condition names {name}, which is not a search identifier"},
    {"sigma.condition_no_match", "condition の {pattern} に当てはまる検索条件がありません",
     "no search identifier matches {pattern} in the condition"},
    {"sigma.timespan_invalid", "timespan '{text}' が読めません（例: 90s、10m、1h、7d）",
     "timespan '{text}' is not valid (for example 90s, 10m, 1h, 7d)"},
    {"sigma.correlation_type_unknown",
     "相関の種類 '{type}' はありません（event_count、value_count、temporal、temporal_ordered、"
     "value_sum、value_avg）",
     "correlation type '{type}' is not one of event_count, value_count, temporal, "
     "temporal_ordered, value_sum, value_avg"},
    {"sigma.correlation_condition_invalid",
     "相関の condition '{key}' は gt、gte、lt、lte、eq、neq に数値を与えてください",
     "correlation condition '{key}': give gt, gte, lt, lte, eq or neq a number"},
    {"sigma.placeholder_unresolved", "プレースホルダー %{name}% の値が設定されていません",
     "placeholder %{name}% has no values configured"},
    {"sigma.wildcard_not_allowed", "{modifier} の値 '{value}' にワイルドカードは使えません",
     "{modifier} cannot take wildcards ('{value}')"},
    {"sigma.regex_invalid", "正規表現 '{pattern}' が使えません: {detail}",
     "regular expression '{pattern}' cannot be used: {detail}"},
    {"sigma.cidr_invalid", "'{value}' は IP ネットワーク（例: 10.0.0.0/8）ではありません",
     "'{value}' is not an IP network (for example 10.0.0.0/8)"},
    {"sigma.duplicate_id", "id {id} のルールが既にあります",
     "a rule with id {id} is already loaded"},
    {"sigma.duplicate_key",
     "キー {key} が同じ対応表に2回あります（片方が読み飛ばされるため、読み込みません）",
     "the key {key} is given twice in one map (one of them would be ignored)"},
    {"sigma.first_seen_correlation",
     "sokuo.first-seen は検知ルールに付けるタグです（相関ルールには使えません）",
     "sokuo.first-seen is for detection rules, not correlations"},
    {"sigma.first_seen_fields",
     "sokuo.first-seen のルールは fields に新しさを判断する項目（例: user, "
     "src_ip）を挙げてください",
     "a sokuo.first-seen rule lists in `fields` what makes a detection new (for example user, "
     "src_ip)"},
    {"sigma.rule_reference_unknown", "相関ルールが参照する {ref} というルールがありません",
     "the correlation refers to {ref}, which is not a loaded rule"},
    // sokuo rules check, sokuo hunt (cli/detect_commands.cpp).
    {"cli.rules_loaded", "{files} ファイルから {loaded} 件のルールを読み込みました",
     "Loaded {loaded} rules from {files} files"},
    {"cli.rules_not_loaded", "{count} 件のルールを読み込めませんでした",
     "{count} rules could not be loaded"},
    {"cli.rule_problem", "{where}  {title}: {why}", "{where}  {title}: {why}"},
    {"cli.bad_placeholder", "--placeholder は 名前=値,値 の形で指定してください: {value}",
     "--placeholder takes NAME=value,value: {value}"},
    {"cli.bad_logsource",
     "--logsource は category=…,product=…,service=… の形で指定してください: {value}",
     "--logsource takes category=…,product=…,service=…: {value}"},
    {"cli.hunt_no_rules", "使えるルールがありません", "no rule could be loaded"},
    {"cli.hunt_rules_skipped",
     "{count} 件のルールを読み込めなかったため使いません（理由は sokuo rules check "
     "で確認できます）",
     "{count} rules could not be loaded and are skipped (sokuo rules check tells why)"},
    {"cli.hunt_correlation", "{group}: {count} 件の記録（最初は {first}）",
     "{group}: {count} records (first at {first})"},
    {"alert.forbidden",
     "アラートを扱えるのは情報システム部門、委員会、管理者（閲覧は監査人も）です",
     "Alerts are for the IS department, the committee and administrators (the auditor reads "
     "them)"},
    {"alert.not_found", "アラート {key} はありません", "There is no alert {key}"},
    {"alert.already_decided", "アラート {key} は既に処理済みです（{state}）",
     "Alert {key} has already been handled ({state})"},
    {"alert.being_decided", "アラート {key} は他の人が処理中です。少し待って確認してください",
     "Someone else is handling alert {key} right now; look again in a moment"},
    {"ingest.media_type",
     "ログ行は text/plain か application/x-ndjson で送ってください（{type} は使えません）",
     "Send log lines as text/plain or application/x-ndjson, not {type}"},
    {"alert.incident_closed", "インシデント {key} は終了しているため、アラートを追加できません",
     "Incident {key} is closed: an alert cannot join it"},
    {"alert.reason_required", "却下する理由を書いてください", "Say why the alert is dismissed"},
    {"ingest.off", "このサーバーはログを取り込んでいません（ルールが読み込まれていません）",
     "This server does not take log lines (no rules are loaded)"},
    {"ingest.queue_full",
     "取り込み待ちの行が上限（{capacity} 行）に達したため、{lines} 行を受け付けませんでした。"
     "少し待って再送してください",
     "The queue of lines waiting for the rules is full ({capacity} lines): {lines} lines were "
     "refused; send them again shortly"},
    {"ingest.format_unknown", "形式 '{format}' は json、syslog、access、auto のいずれかです",
     "format '{format}' must be json, syslog, access or auto"},
    {"cli.hunt_nothing", "検出はありませんでした", "Nothing was detected"},
    {"cli.hunt_summary",
     "{files} ファイル {lines} 行を調べ、{rules} 件のルールで {findings} "
     "件を検出しました（{seconds} "
     "秒、毎秒 {rate} 行）",
     "Searched {lines} lines in {files} files: {findings} findings by {rules} rules ({seconds} s, "
     "{rate} lines/s)"},
    {"cli.hunt_progress", "{file}: {percent}%（{lines} 行）", "{file}: {percent}% ({lines} lines)"},
    // The syslog listener (platform/syslog_listener.cpp).
    {"syslog.bad_address",
     "syslog を受ける {protocol} のアドレス「{address}」が読めません。"
     "ホスト:ポートの形で、ホストは IP アドレスか localhost にしてください"
     "（例: 0.0.0.0:514、[::1]:514）",
     "cannot read the syslog {protocol} address '{address}': give HOST:PORT with an IP address or "
     "localhost, such as 0.0.0.0:514 or [::1]:514"},
    {"syslog.address_in_use",
     "{protocol} {address} はすでに別のプログラムが使っています。"
     "別のポートを指定するか、そのプログラムを止めてください"
     "（どのプログラムかは「ss -lunp」「ss -ltnp」で分かります）",
     "{protocol} {address} is already in use by another program: give another port, or stop that "
     "program (ss -lunp or ss -ltnp shows which one)"},
    {"syslog.cannot_listen", "{protocol} {address} で syslog を待ち受けできません: {reason}",
     "cannot listen for syslog on {protocol} {address}: {reason}"},
    {"syslog.start_once", "syslog の受信は一度だけ開始できます",
     "a syslog listener can be started only once"},
    {"syslog.cannot_start", "syslog の受信を開始できません: {reason}",
     "cannot start the syslog listener: {reason}"},
    // ClamAV's output (detect/clamav.cpp, G4.1.4, G4.2.5: the hosts' daily virus checks).
    {"clamav.one_problem", "ClamAV の出力に読めない行が 1 行あります",
     "1 line of the ClamAV output cannot be read"},
    {"clamav.problems", "ClamAV の出力に読めない行が {count} 行あります",
     "{count} lines of the ClamAV output cannot be read"},
    {"clamav.line_too_long",
     "{line} 行目が {max} バイトを超えています。ClamAV の出力ではありません",
     "line {line} is longer than {max} bytes: not ClamAV output"},
    {"clamav.nul_byte", "{line} 行目に NUL バイトがあります。ClamAV の出力ではありません",
     "line {line} holds a NUL byte: not ClamAV output"},
    {"clamav.bad_number",
     "{line} 行目: {field} の値「{value}」は 0 から 9223372036854775807 までの数ではありません",
     "line {line}: {field} '{value}' is not a number from 0 to 9223372036854775807"},
    {"clamav.bad_duration",
     "{line} 行目: Time の値「{value}」は「0.051 sec (0 m 0 s)」の形ではありません",
     "line {line}: Time '{value}' is not a duration such as '0.051 sec (0 m 0 s)'"},
    {"clamav.bad_date",
     "{line} 行目: {field} の値「{value}」は実在する日時（YYYY:MM:DD HH:MM:SS）ではありません",
     "line {line}: {field} '{value}' is not a real date and time (YYYY:MM:DD HH:MM:SS)"},
    {"clamav.bad_log_time",
     "{line} 行目: 「->」の前の時刻「{value}」は実在する日時ではありません"
     "（例: Fri Nov 27 10:00:01 2026）",
     "line {line}: the time '{value}' before '->' is not a real date and time (such as "
     "'Fri Nov 27 10:00:01 2026')"},
    {"clamav.duplicate_field", "{line} 行目: 検査結果の要約に {field} が 2 回あります",
     "line {line}: {field} appears twice in the scan summary"},
    {"clamav.second_summary",
     "{line} 行目: 2 つ目の検査結果の要約があります。clamscan の出力は 1 "
     "回の検査ごとに渡してください",
     "line {line}: a second scan summary; give the output of one clamscan run at a time"},
});

}  // namespace

std::span<const CatalogEntry> DetectMessages() { return kDetect; }

}  // namespace sokuo
