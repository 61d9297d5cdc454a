#!/usr/bin/env bash
# scripts/universities/generate.sh: (re)build dictionaries/organizations/universities.tsv.
#
#   bash scripts/universities/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/Hipo/university-domains-list
# containing the pinned commit below; the script reads world_universities_and_domains.json at that
# commit and runs generate.py. Output is deterministic: run it twice and compare bytes.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
COMMIT=bb07faf064e1c68be9b26fb71de31f01e361f974

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${1:?usage: generate.sh SNAPSHOT_GIT_DIR (git dir of Hipo/university-domains-list)}"
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" Hipo/university-domains-list
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:world_universities_and_domains.json" >"$tmp/universities.json"
python3 "$here/generate.py" --data "$tmp/universities.json" --commit "$COMMIT"
