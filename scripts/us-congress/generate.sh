#!/usr/bin/env bash
# scripts/us-congress/generate.sh: (re)build dictionaries/people/us-congress.tsv.
#
#   bash scripts/us-congress/generate.sh SNAPSHOT_GIT_DIR
#
# SNAPSHOT_GIT_DIR is a git directory (bare is fine) of github.com/unitedstates/congress-legislators
# that contains the two commits pinned below. The script
#   1. checks that both commits exist there (a clear error otherwise);
#   2. extracts legislators-current.yaml from the main-branch commit and
#      legislators-historical.csv from the gh-pages commit (the project's own CSV export of that
#      same main commit: the historical YAML and JSON are too large for the snapshot we read);
#   3. runs generate.py (Python 3.9+, standard library only: a small strict YAML reader is built
#      in, so nothing is installed) and writes the file atomically.
# The output is deterministic (sorted rows, no timestamps): running it again must give the same bytes.
# Data licence: CC0-1.0 (LICENSE in the repository).
set -euo pipefail

COMMIT=dfa9622263dd4c8d08636926e498f1845704d7eb         # main, 2026-06-15
EXPORT_COMMIT=61c9ce6a4b093e76e1244a53ada21d8d30981f42  # gh-pages "update to main @ dfa9622…"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: bash scripts/us-congress/generate.sh SNAPSHOT_GIT_DIR" >&2
  exit 2
fi
src="$1"
command -v python3 >/dev/null || { echo "generate.sh: python3 not found" >&2; exit 1; }
# shellcheck source=../lib/snapshot.sh
source "$here/../lib/snapshot.sh"
for c in "$COMMIT" "$EXPORT_COMMIT"; do
  require_commit "$src" "$c" unitedstates/congress-legislators
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$src" show "$COMMIT:legislators-current.yaml" >"$tmp/current.yaml" \
  || { echo "generate.sh: cannot read legislators-current.yaml at $COMMIT" >&2; exit 1; }
git -C "$src" show "$EXPORT_COMMIT:legislators-historical.csv" >"$tmp/historical.csv" \
  || { echo "generate.sh: cannot read legislators-historical.csv at $EXPORT_COMMIT" >&2; exit 1; }

python3 "$here/generate.py" --current "$tmp/current.yaml" --historical "$tmp/historical.csv" \
  --commit "$COMMIT" --export-commit "$EXPORT_COMMIT"
