#!/usr/bin/env bash
# scripts/given-names/generate.sh [OUT]: rebuilds dictionaries/discover/given-names.txt from the
# US Census first-name lists (PyPI package `names` 0.3.0, checksummed) and kgx's own dictionaries.
# Run it after the dictionaries change (scripts/regenerate.sh runs it last).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
census="$(bash "$here/../company-names/fetch-names.sh" "$tmp")"
python3 "$here/generate.py" "$census" "$@"
