#!/usr/bin/env bash
# scripts/sp500/generate.sh: (re)build dictionaries/organizations/companies-sp500.tsv.
#
#   bash scripts/sp500/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/datasets/s-and-p-500-companies
# containing the pinned commit below. The script reads data/constituents.csv at that commit, fetches
# the pinned first-name/surname lists (scripts/company-names/fetch-names.sh) into target/, and runs
# generate.py. Output is deterministic: run it twice and compare bytes.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
COMMIT=56509dd80619e4d8e1410c2260d68ddd3eab6068

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${1:?usage: generate.sh SNAPSHOT_GIT_DIR (git dir of datasets/s-and-p-500-companies)}"
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" datasets/s-and-p-500-companies
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:data/constituents.csv" >"$tmp/constituents.csv"
names="$(bash "$root/scripts/company-names/fetch-names.sh" "$root/target/kgx-dict-sources")"
python3 "$here/generate.py" --data "$tmp/constituents.csv" --names "$names" --commit "$COMMIT"
