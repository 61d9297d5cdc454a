#!/usr/bin/env bash
# scripts/nobel/generate.sh: (re)build dictionaries/people/nobel-laureates.tsv.
#
#   bash scripts/nobel/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/FefeTroanes/nobel-prizes-api
# that contains the commit pinned below. The script checks the commit and the sha256 of
# prizes.json (a copy of the Nobel Prize API v1 prize list, CC0 data of Nobel Prize Outreach),
# then runs generate.py (Python 3.9+, standard library only). The output is deterministic.
set -euo pipefail

COMMIT=15403fc09df6b2b2e23c3fef22cd6ff098f2c3aa  # 2024-12-12
SHA256=5f7494a4b57e578c110a7bad18b6e8f467c4b1353e83e8189b2db748c16c9e70

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/nobel/generate.sh SNAPSHOT_GIT_DIR" >&2
  exit 2
fi
src="$1"
command -v python3 >/dev/null || { echo "generate.sh: python3 not found" >&2; exit 1; }
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" FefeTroanes/nobel-prizes-api
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:prizes.json" >"$tmp/prizes.json" \
  || { echo "generate.sh: cannot read prizes.json at $COMMIT" >&2; exit 1; }
echo "$SHA256  $tmp/prizes.json" | sha256sum -c --quiet - \
  || { echo "generate.sh: prizes.json does not have the pinned sha256" >&2; exit 1; }
python3 "$here/generate.py" --prizes "$tmp/prizes.json" --commit "$COMMIT"
