#!/usr/bin/env bash
# Rebuilds osv-<ECOSYSTEM>.jsonl.gz from OSV export archives (<ECOSYSTEM>-all.zip, the layout of
# the OSV export's all.zip: one <ID>.json per advisory). Needs unzip, jq and gzip.
#   bash src/versioning/testdata/build-osv-fixtures.sh DIR_HOLDING_THE_ZIPS
set -euo pipefail
src=${1:?usage: build-osv-fixtures.sh DIR_HOLDING_<ECOSYSTEM>-all.zip}
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for eco in PyPI Go crates.io; do
  mkdir "$tmp/$eco"
  unzip -q "$src/$eco-all.zip" -d "$tmp/$eco"
  # One line per record, by file name: its id and, per affected entry, the package, the
  # non-GIT ranges (type and events) and the versions list. Nothing else is kept.
  find "$tmp/$eco" -name '*.json' | LC_ALL=C sort | xargs cat |
    jq -c '{id, affected: [.affected[]? | {package, ranges: [.ranges[]? | select(.type != "GIT") | {type, events}], versions} | with_entries(select(.value != null))]}' |
    gzip -9n > "$out/osv-$eco.jsonl.gz"
done
