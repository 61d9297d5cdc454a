#!/usr/bin/env bash
# scripts/openstates/generate.sh: (re)build dictionaries/people/us-state-officials.tsv.
#
#   bash scripts/openstates/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/openstates/people that
# contains the commit pinned below. The script checks that the commit is there, extracts its
# data/ folder to a temporary directory and runs generate.py (Python 3.9+, standard library
# only), which writes the file atomically. The output is deterministic (sorted rows, no
# timestamps): running it again gives the same bytes.
# Data licence: CC0-1.0 (LICENSE in the repository).
set -euo pipefail

COMMIT=934bf09a94a35351baf872c70e778a4367c8266e  # main, 2026-08-05

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/openstates/generate.sh SNAPSHOT_GIT_DIR" >&2
  exit 2
fi
src="$1"
command -v python3 >/dev/null || { echo "generate.sh: python3 not found" >&2; exit 1; }
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" openstates/people
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" archive "$COMMIT" data | tar -x -C "$tmp" \
  || { echo "generate.sh: cannot extract data/ at $COMMIT" >&2; exit 1; }
python3 "$here/generate.py" --data "$tmp/data" --commit "$COMMIT"
