#!/usr/bin/env bash
# scripts/chadwick/generate.sh: (re)build dictionaries/people/athletes-chadwick.tsv from the
# Chadwick Baseball Bureau Register (ODC-By 1.0).
#
#   bash scripts/chadwick/generate.sh REGISTER_GIT_DIR
#
# REGISTER_GIT_DIR is a clone (bare or not) of https://github.com/chadwickbureau/register holding
# the pinned commit below (2025-12-14; later snapshots lack people-a/d/f.csv of 4 MiB or more in
# some mirrors, so this one is pinned). Nothing is fetched. The output is deterministic.
set -euo pipefail

COMMIT=f2dd67c00a7cdf739e8a47fbec7f96780b731d34

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/chadwick/generate.sh REGISTER_GIT_DIR" >&2
  exit 2
fi
git_dir="$1"
if [ -d "$git_dir/.git" ]; then git_dir="$git_dir/.git"; fi
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$git_dir" "$COMMIT" chadwickbureau/register
for part in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do
  if ! git --git-dir "$git_dir" cat-file -e "$COMMIT:data/people-$part.csv" 2>/dev/null; then
    echo "generate.sh: data/people-$part.csv is missing at $COMMIT in $git_dir (incomplete clone?)" >&2
    exit 1
  fi
done
python3 "$here/generate.py" --git-dir "$git_dir" --commit "$COMMIT"
