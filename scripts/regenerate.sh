#!/usr/bin/env bash
# scripts/regenerate.sh: rebuild every generated built-in dictionary, in dependency order.
#
#   bash scripts/regenerate.sh SNAPSHOTS_DIR
#
# SNAPSHOTS_DIR holds one bare git snapshot per source repository, as SNAPSHOTS_DIR/OWNER+NAME/repo
# (each generator checks that its pinned commit is there). A generated file leaves out what the
# files listed before it in dictionaries/builtin.list define, so a file is final only once every
# file before it is: the generators run in list order, again and again, until a whole pass
# changes nothing (two passes when the committed files are already final).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
snapshots="${1:?usage: bash scripts/regenerate.sh SNAPSHOTS_DIR}"

# generator  source repository (OWNER+NAME under SNAPSHOTS_DIR), in the order of their first
# file in builtin.list.
generators=(
  "us-congress unitedstates+congress-legislators"
  "everypolitician tijmenb+everypolitician-data"
  "f1db f1db+f1db"
  "openfootball-worldcup openfootball+worldcup"
  "nba-api swar+nba_api"
  "chadwick chadwickbureau+register"
  "openfootball-clubs openfootball+clubs"
  "nobel FefeTroanes+nobel-prizes-api"
  "openstates openstates+people"
  "sp500 datasets+s-and-p-500-companies"
  "nasdaq-listings datasets+nasdaq-listings"
  "nyse-listings datasets+nyse-other-listings"
  "universities Hipo+university-domains-list"
  "dotgov cisagov+dotgov-data"
)

fingerprint() { cat "$root"/dictionaries/*/*.tsv | sha256sum; }
for pass in 1 2 3 4 5 6; do
  before="$(fingerprint)"
  for entry in "${generators[@]}"; do
    read -r generator repo <<<"$entry"
    bash "$root/scripts/$generator/generate.sh" "$snapshots/$repo/repo"
  done
  if [ "$(fingerprint)" = "$before" ]; then
    echo "regenerate: stable after pass $pass" >&2
    # Discovery's given names are read from the finished people files.
    bash "$root/scripts/given-names/generate.sh"
    exit 0
  fi
done
echo "regenerate: files still change after 6 passes" >&2
exit 1
