#!/usr/bin/env python3
"""Builds dictionaries/people/athletes-chadwick.tsv (Major League Baseball players and managers)
from a git snapshot of chadwickbureau/register at a pinned commit. Run through generate.sh.

Kept: people who played in MLB in 1995 or later, people who managed an MLB team in 1995 or
later, and earlier players with an MLB career of at least 15 seasons. Prominence is the length
of the MLB career in seasons (last season - first season + 1, playing and managing combined).
"""

import argparse
import csv
import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402


# kgx folds a few letters that Unicode does not decompose (src/text/fold.rs); kgxdict.fold does
# not, so names are compared with this stronger fold ("Stig Tøfting" = "Stig Tofting").
BASE_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h",
                              "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def kfold(text):
    return kgxdict.fold(kgxdict.fold(text).translate(BASE_LETTERS))


def kslug(text):
    return kgxdict.slug(kfold(text))


def known_names(known):
    return {kfold(n) for n in known.names}

RECENT = 1995
OLD_ERA_MIN_SEASONS = 15


def year(value):
    return int(value) if value and value.isdigit() else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--commit", required=True)
    args = ap.parse_args()
    words = kgxdict.english_words()
    target = "people/athletes-chadwick.tsv"
    known = kgxdict.known_before(target)
    knames = known_names(known)

    people = []
    for part in "0123456789abcdef":
        data = subprocess.run(
            ["git", "--git-dir", args.git_dir, "show", f"{args.commit}:data/people-{part}.csv"],
            check=True, capture_output=True,
        ).stdout.decode("utf-8")
        people.extend(csv.DictReader(io.StringIO(data)))

    rows, taken, seen_wd = [], set(), set()
    skipped_known = 0
    def career(r):
        ys = [year(r[k]) for k in ("mlb_played_first", "mlb_played_last",
                                   "mlb_managed_first", "mlb_managed_last")]
        ys = [y for y in ys if y is not None]
        return (max(ys) - min(ys) + 1) if ys else 0

    # the longest career first, so it gets the plain slug as id when names are shared
    for p in sorted(people, key=lambda r: (-career(r), r["key_uuid"])):
        pf, pl = year(p["mlb_played_first"]), year(p["mlb_played_last"])
        mf, ml = year(p["mlb_managed_first"]), year(p["mlb_managed_last"])
        played = pl is not None and pf is not None
        managed = ml is not None and mf is not None
        if not played and not managed:
            continue
        span_years = [y for y in (pf, pl, mf, ml) if y is not None]
        first, last = min(span_years), max(span_years)
        seasons = last - first + 1
        recent = (played and pl >= RECENT) or (managed and ml >= RECENT)
        if not recent and not (played and pl - pf + 1 >= OLD_ERA_MIN_SEASONS):
            continue
        first_name, last_name = p["name_first"].strip(), p["name_last"].strip()
        if not first_name or not last_name:
            continue
        suffix = p["name_suffix"].strip()
        name = f"{first_name} {last_name}" + (f" {suffix}" if suffix else "")
        names = [name]
        given = p["name_given"].strip()
        if given and given != first_name:
            full = f"{given} {last_name}" + (f" {suffix}" if suffix else "")
            names.append(full)
        names = [n for n in names if kgxdict.is_full_name(n)]
        if not names or names[0] != name:
            continue
        if any((kfold(n) in knames) for n in names):
            skipped_known += 1
            continue
        wd = p["key_wikidata"].strip()
        if wd in known.wikidata:
            skipped_known += 1
            continue
        if wd:
            if wd in seen_wd:
                continue
            seen_wd.add(wd)
        if played and managed and ml >= RECENT:
            role = "baseball player and manager"
        elif played:
            role = "baseball player"
        else:
            role = "baseball manager"
        base = kslug(name)
        eid = base if base not in taken and base not in known.ids else (
            kgxdict.unique_id(f"{base}-{wd.lower()}" if wd else base, taken | known.ids))
        taken.add(eid)
        aliases = [kgxdict.flag_common_words(n, words) for n in names[1:]
                   if kfold(n) != kfold(name)]
        rows.append((eid, "person", kgxdict.flag_common_words(name, words), aliases, {
            "wikidata": wd,
            "role": role,
            "years": f"{first}-{last}" if first != last else str(first),
            "prominence": seasons,
        }))
    kgxdict.write_dictionary(target, [
        "athletes-chadwick.tsv: Major League Baseball players and managers (MLB career reaching 1995 or later,",
        "and earlier players with 15+ MLB seasons).",
        f"generated by scripts/chadwick/generate.sh from chadwickbureau/register@{args.commit} (ODC-By 1.0); do not edit by hand",
        "Attribution: contains information from the Chadwick Baseball Bureau Register",
        "(https://github.com/chadwickbureau/register), made available under the Open Data Commons",
        "Attribution License (http://opendatacommons.org/licenses/by/1.0/).",
        "regenerate: bash scripts/chadwick/generate.sh /path/to/register.git (a clone holding that commit)",
        "prominence: MLB career length in seasons (last - first season + 1, playing and managing combined).",
        "years: first and last MLB season (played or managed). aliases: the given names the register",
        "lists with the surname (\"Zachary Harrison Wheeler\"). No country: the register has none.",
        "left out: names or Wikidata ids already defined by a file listed earlier in builtin.list.",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes",
    ], rows)
    print(f"chadwick: {len(rows)} written, {skipped_known} already known", file=sys.stderr)


if __name__ == "__main__":
    main()
