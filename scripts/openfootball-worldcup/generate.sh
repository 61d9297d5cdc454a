#!/usr/bin/env bash
# scripts/openfootball-worldcup/generate.sh: (re)build dictionaries/people/athletes-openfootball.tsv
# from openfootball/worldcup (CC0 1.0).
#
#   bash scripts/openfootball-worldcup/generate.sh WORLDCUP_GIT_DIR
#
# WORLDCUP_GIT_DIR is a clone (bare or not) of https://github.com/openfootball/worldcup holding the pinned
# commit below; nothing is fetched. The output is deterministic (sorted, no timestamps).
set -euo pipefail

COMMIT=bd46a148289f9930da66c140d4d7d2325e95d387

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/openfootball-worldcup/generate.sh WORLDCUP_GIT_DIR" >&2
  exit 2
fi
git_dir="$1"
if [ -d "$git_dir/.git" ]; then git_dir="$git_dir/.git"; fi
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$git_dir" "$COMMIT" openfootball/worldcup
python3 "$here/generate.py" --git-dir "$git_dir" --commit "$COMMIT"
