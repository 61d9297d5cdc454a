#!/usr/bin/env bash
# scripts/nba-api/generate.sh: (re)build dictionaries/people/athletes-nba-api.tsv and
# dictionaries/organizations/clubs-nba-api.tsv from nba_api (MIT).
#
#   bash scripts/nba-api/generate.sh NBA_API_GIT_DIR
#
# NBA_API_GIT_DIR is a clone (bare or not) of https://github.com/swar/nba_api holding the pinned
# commit below; nothing is fetched. The output is deterministic (sorted, no timestamps).
set -euo pipefail

COMMIT=15eb0edeedb12671bb2b41367e3b9fa80941fc74

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/nba-api/generate.sh NBA_API_GIT_DIR" >&2
  exit 2
fi
git_dir="$1"
if [ -d "$git_dir/.git" ]; then git_dir="$git_dir/.git"; fi
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$git_dir" "$COMMIT" swar/nba_api
python3 "$here/generate.py" --git-dir "$git_dir" --commit "$COMMIT"
