#!/usr/bin/env bash
# scripts/everypolitician/generate.sh: (re)build dictionaries/people/legislators.tsv and
# dictionaries/organizations/parties.tsv from EveryPolitician's data.
#
#   bash scripts/everypolitician/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/everypolitician/everypolitician-data
# that contains the commit pinned below (the data as of 2015-11-30). The script checks that the
# commit is there (a clear error otherwise), then runs generate.py (Python 3.9+, standard library
# only), which reads the files of that commit straight from git and writes both dictionaries
# atomically. The output is deterministic (sorted rows, no timestamps).
# Data licence: CC0-1.0, as EveryPolitician published its data (the repository itself has no
# licence file at this commit).
set -euo pipefail

COMMIT=0642e77ac8a13bcd8017b245825c3aba349d3e6a  # 2015-11-30

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/everypolitician/generate.sh SNAPSHOT_GIT_DIR" >&2
  exit 2
fi
src="$1"
command -v python3 >/dev/null || { echo "generate.sh: python3 not found" >&2; exit 1; }
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
require_commit "$src" "$COMMIT" everypolitician/everypolitician-data
python3 "$here/generate.py" --git-dir "$src" --commit "$COMMIT"
