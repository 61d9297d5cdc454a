#!/usr/bin/env bash
# scripts/f1db/generate.sh: (re)build dictionaries/people/athletes-f1db.tsv and
# dictionaries/organizations/clubs-f1db.tsv from F1DB (CC BY 4.0).
#
#   bash scripts/f1db/generate.sh F1DB_GIT_DIR
#
# F1DB_GIT_DIR is a clone (bare or not) of https://github.com/f1db/f1db holding the pinned
# commit below; nothing is fetched. The output is deterministic (sorted, no timestamps).
set -euo pipefail

COMMIT=6a5845b840e68d53400f3e8db97b55c3ad2fab52

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/f1db/generate.sh F1DB_GIT_DIR" >&2
  exit 2
fi
git_dir="$1"
if [ -d "$git_dir/.git" ]; then git_dir="$git_dir/.git"; fi
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$git_dir" "$COMMIT" f1db/f1db
python3 "$here/generate.py" --git-dir "$git_dir" --commit "$COMMIT"
