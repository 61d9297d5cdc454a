#!/usr/bin/env bash
# scripts/openfootball-clubs/generate.sh: (re)build dictionaries/organizations/clubs-openfootball.tsv
# from openfootball/clubs (CC0 1.0).
#
#   bash scripts/openfootball-clubs/generate.sh CLUBS_GIT_DIR
#
# CLUBS_GIT_DIR is a clone (bare or not) of https://github.com/openfootball/clubs holding the pinned
# commit below; nothing is fetched. The output is deterministic (sorted, no timestamps).
set -euo pipefail

COMMIT=ae3800227c449447b3a337fc0aac79a8f02f4c8b

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/openfootball-clubs/generate.sh CLUBS_GIT_DIR" >&2
  exit 2
fi
git_dir="$1"
if [ -d "$git_dir/.git" ]; then git_dir="$git_dir/.git"; fi
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$git_dir" "$COMMIT" openfootball/clubs
python3 "$here/generate.py" --git-dir "$git_dir" --commit "$COMMIT"
