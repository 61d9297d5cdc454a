#!/usr/bin/env bash
# scripts/nyse-listings/generate.sh: (re)build dictionaries/organizations/companies-nyse.tsv.
#
#   bash scripts/nyse-listings/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/datasets/nyse-other-listings
# containing the pinned commit below. The script reads data/other-listed.csv at that commit, fetches
# the pinned first-name/surname lists (scripts/company-names/fetch-names.sh) into target/, and runs
# generate.py. Output is deterministic: run it twice and compare bytes.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
COMMIT=e08f184e20a73d596f9288e0bf28bd09aa577a48

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${1:?usage: generate.sh SNAPSHOT_GIT_DIR (git dir of datasets/nyse-other-listings)}"
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" datasets/nyse-other-listings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:data/other-listed.csv" >"$tmp/other-listed.csv"
names="$(bash "$root/scripts/company-names/fetch-names.sh" "$root/target/kgx-dict-sources")"
python3 "$here/generate.py" --data "$tmp/other-listed.csv" --names "$names" --commit "$COMMIT"
