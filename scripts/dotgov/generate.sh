#!/usr/bin/env bash
# scripts/dotgov/generate.sh: (re)build dictionaries/organizations/government-us-agencies.tsv.
#
#   bash scripts/dotgov/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/cisagov/dotgov-data
# containing the pinned commit below; the script reads agencies-and-subs.csv at that
# commit and runs generate.py. Output is deterministic: run it twice and compare bytes.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
COMMIT=4ee64196503d34bcaff8b508444b0f7552f97d71

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${1:?usage: generate.sh SNAPSHOT_GIT_DIR (git dir of cisagov/dotgov-data)}"
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" cisagov/dotgov-data
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:agencies-and-subs.csv" >"$tmp/agencies-and-subs.csv"
python3 "$here/generate.py" --data "$tmp/agencies-and-subs.csv" --commit "$COMMIT"
