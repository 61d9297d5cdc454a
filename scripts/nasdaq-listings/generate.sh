#!/usr/bin/env bash
# scripts/nasdaq-listings/generate.sh: (re)build dictionaries/organizations/companies-nasdaq.tsv.
#
#   bash scripts/nasdaq-listings/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/datasets/nasdaq-listings
# containing the pinned commit below. The script reads data/nasdaq-listed-symbols.csv at that commit, fetches
# the pinned first-name/surname lists (scripts/company-names/fetch-names.sh) into target/, and runs
# generate.py. Output is deterministic: run it twice and compare bytes.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
COMMIT=31d3809cc090d5a535ecc3db2b26904cbb2ac84d

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${1:?usage: generate.sh SNAPSHOT_GIT_DIR (git dir of datasets/nasdaq-listings)}"
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" datasets/nasdaq-listings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:data/nasdaq-listed-symbols.csv" >"$tmp/nasdaq-listed-symbols.csv"
names="$(bash "$root/scripts/company-names/fetch-names.sh" "$root/target/kgx-dict-sources")"
python3 "$here/generate.py" --data "$tmp/nasdaq-listed-symbols.csv" --names "$names" --commit "$COMMIT"
