#!/usr/bin/env bash
# scripts/countries/generate.sh: (re)build dictionaries/countries.tsv.
#
#   bash scripts/countries/generate.sh [OUT]
#
# OUT defaults to dictionaries/countries.tsv in the repository root; the script works from any
# directory. It
#   1. installs the npm package world-countries at the version pinned below into a temporary
#      directory (nothing is written to the repository: no package.json, no lock file), and checks
#      the checksum of its countries.json, so a given version always yields the same data;
#   2. runs generate.mjs (node 20+, no dependencies) on that data plus the hand-curated
#      overlay.tsv beside this script and dictionaries/english-words.txt (used to filter the
#      names in other languages taken from the package's translations);
#   3. writes OUT atomically (temporary file in OUT's directory, then mv).
# The output is deterministic (sorted, no timestamps), so the committed countries.tsv can be
# checked by running this script and comparing bytes.
#
# Why a package plus an overlay: world-countries (ODbL-1.0) has the full, maintained list of
# countries and territories with ISO codes, official names, alternative spellings and demonyms;
# overlay.tsv holds what it lacks or gets wrong for news text (press names, plurals, safe
# abbreviations, ambiguity markers, Wikidata ids, historical states). Changing the pinned version
# means updating WORLD_COUNTRIES_SHA256 and reviewing the diff of countries.tsv.
set -euo pipefail

WORLD_COUNTRIES_VERSION=5.1.0
WORLD_COUNTRIES_SHA256=359431fb9475666dfad1ea5e72e53521cef40520f65eecd08e02ba569eb8491b

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/dictionaries/countries.tsv}"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool not found (node 20+ with npm is needed)" >&2; exit 1; }
done

tmp="$(mktemp -d)"
out_tmp=""
cleanup() {
  rm -rf "$tmp"
  if [ -n "$out_tmp" ]; then rm -f "$out_tmp"; fi
}
trap cleanup EXIT

# --prefix keeps the install inside $tmp; --no-save and the flags after it keep npm quiet and
# free of side effects (no audit/fund requests, no install scripts).
if ! npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund \
  --ignore-scripts --loglevel=error "world-countries@$WORLD_COUNTRIES_VERSION" >"$tmp/npm.log" 2>&1; then
  cat "$tmp/npm.log" >&2
  echo "generate.sh: npm install world-countries@$WORLD_COUNTRIES_VERSION failed" >&2
  exit 1
fi

data="$tmp/node_modules/world-countries/countries.json"
sum="$(node -e 'const c=require("crypto");process.stdout.write(c.createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$data")"
if [ "$sum" != "$WORLD_COUNTRIES_SHA256" ]; then
  echo "generate.sh: unexpected checksum of world-countries@$WORLD_COUNTRIES_VERSION countries.json: $sum" >&2
  exit 1
fi

node "$here/generate.mjs" \
  --data "$data" \
  --overlay "$here/overlay.tsv" \
  --words "$root/dictionaries/english-words.txt" \
  --version "$WORLD_COUNTRIES_VERSION" >"$tmp/countries.tsv"

out_dir="$(dirname "$out")"
mkdir -p "$out_dir"
out_tmp="$(mktemp "$out_dir/.countries.tsv.XXXXXX")"
cat "$tmp/countries.tsv" >"$out_tmp"
chmod 644 "$out_tmp"
mv -f "$out_tmp" "$out"
out_tmp=""
echo "generate.sh: wrote $out" >&2
