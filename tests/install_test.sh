#!/usr/bin/env bash
# `cmake --install` into a DESTDIR with a PREFIX: the binary and the example organization land
# where the README says, and the installed binary runs.
# Usage: install_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

DESTDIR="$dest" cmake --install "$build" --prefix /opt/sokuo-test >/dev/null
for f in bin/sokuo share/sokuo/examples/org.yaml; do
  if [ ! -f "$dest/opt/sokuo-test/$f" ]; then
    echo "install: $f is missing under DESTDIR/PREFIX; installed:" >&2
    (cd "$dest" && find . -type f) >&2
    exit 1
  fi
done
out=$("$dest/opt/sokuo-test/bin/sokuo" --version)
if [ "$out" != "sokuo $version" ]; then
  echo "install: the installed sokuo says '$out', not 'sokuo $version'" >&2
  exit 1
fi
"$dest/opt/sokuo-test/bin/sokuo" org validate "$dest/opt/sokuo-test/share/sokuo/examples/org.yaml"
echo "install: ok"
