#!/usr/bin/env bash
# The dependency rule of docs/architecture.md: each layer includes only the layers src/layers.txt
# allows (the build enforces the same table with include roots), and core/ (and detect/) stay
# pure. Test files may include what their test needs.
set -u
src=${1:?usage: layering_test.sh SRC_DIR}
# src/layers.txt: "layer: the layers it may use"; the build reads the same table.
declare -A allowed=()
while IFS= read -r line; do
  [[ $line =~ ^([a-z]+):(.*)$ ]] || continue
  allowed[${BASH_REMATCH[1]}]="${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
done <"$src/layers.txt"
status=0
for dir in "$src"/*/; do
  layer=$(basename "$dir")
  if [ -z "${allowed[$layer]+x}" ]; then
    echo "layering: $layer/ is not a known layer; add it to src/layers.txt and docs/architecture.md"
    status=1
    continue
  fi
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include *"([a-z_]+)\/.*/\1/' <<<"$line")
    if [[ " ${allowed[$layer]} " != *" $inc "* ]]; then
      echo "layering: $file includes $inc/, which $layer/ may not use"
      status=1
    fi
  done < <(grep -rHE '#include *"[a-z_]+/' "$dir" --include='*.h' --include='*.cpp' | grep -v '_test\.cpp:')
done
# core/ and detect/ stay pure: no I/O, no clock reads, no threads; core/ reads no JSON or YAML
# either. detect/ reads one text format, Sigma's YAML rules, and only in sigma.cpp (the way
# orgfile/ reads the organization file): text in, rules or positioned problems out.
for pure in core detect; do
  [ -d "$src/$pure" ] || continue
  bad=$(grep -rnE '#include *[<"](httplib\.h|sqlite3\.h|curl/|pqxx|fstream|thread|nlohmann/|yaml-cpp/|spdlog/)|system_clock::now|steady_clock::now' \
        "$src/$pure" --include='*.h' --include='*.cpp' | grep -v '_test\.cpp:' |
        grep -v '^[^:]*/detect/sigma\.cpp:[0-9]*:#include <yaml-cpp/yaml\.h>$')
  if [ -n "$bad" ]; then
    echo "layering: $pure/ must stay pure (no I/O, no clock reads, no threads, no JSON/YAML):"
    echo "$bad"
    status=1
  fi
done
[ $status -eq 0 ] && echo "layering: ok"
exit $status
