#!/bin/sh
# A small year made by bench/year_gen.cpp (the data of the scale benchmarks) is what sokuo itself
# accepts: the journal verifies with every evidence file, and the incidents are there in every
# state the generator leaves them in.
#   year_gen_test.sh SOKUO_YEAR_GEN SOKUO
set -eu
gen=$1
sokuo=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export SOKUO_LANG=en
"$gen" "$dir/data" 2000 40 200
"$sokuo" --data "$dir/data" journal verify
head=$("$sokuo" --data "$dir/data" journal head | awk '{print $1}')
[ "$head" -ge 2000 ] || { echo "journal head $head: fewer than the 2000 entries asked for" >&2; exit 1; }
"$sokuo" --data "$dir/data" --json incident list --limit 500 >"$dir/list.json"
/usr/bin/python3 - "$dir/list.json" <<'PY'
import collections, json, sys
page = json.load(open(sys.argv[1]))
states = collections.Counter(i["state"] for i in page["items"])
print("incidents by state:", dict(states))
# One in ten dismissed at triage (4), the newest 5 % (2) still open, the rest closed.
assert page["total"] == 40, page["total"]
assert states["closed"] == 34 and states["dismissed"] == 4, states
assert states["triaged"] == 1 and states["convened"] == 1, states
PY
"$sokuo" --data "$dir/data" --json disaster list >"$dir/disasters.json"
grep -q '"closed"' "$dir/disasters.json" || { echo "no closed disaster" >&2; exit 1; }
