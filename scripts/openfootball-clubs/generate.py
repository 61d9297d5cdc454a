#!/usr/bin/env python3
"""Builds dictionaries/organizations/clubs-openfootball.tsv (football clubs) from the
<continent>/<country>/<code>.clubs.txt files of openfootball/clubs at a pinned commit.

A club line is `Name, [founded,] [@ Stadium,] City`; the `| Alias | Alias` lines under it are its
other names. Kept as names: the club's name, its listed names of two or more words that are not
abbreviations (no `.`, no all-capital word), and the name without a trailing FC/AFC/CF/SC/F.C.
("Manchester United FC" -> "Manchester United") plus the F.C. spelling of an FC name. Left out:
one-word names (Arsenal, Barcelona: curated files handle those), reserve teams (`ii)`), names
that are a city, names shared by two clubs here, and names defined by an earlier file.
"""

import argparse
import os
import re
import string
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402


CODES = {"eng": "england", "sco": "scotland", "wal": "wales", "nir": "northern-ireland",
         "kos": "kosovo"}
SUFFIX = re.compile(r"^(.+?)\s+(?:A\.?F\.?C\.?|F\.?C\.?|C\.?F\.?|S\.?C\.?)$")
CITIES = {"new york city", "mexico city", "kansas city", "salt lake city", "panama city",
          "guatemala city", "quebec city", "kuwait city", "cebu city", "davao city",
          "ho chi minh city", "hong kong", "san jose", "los angeles", "new york", "rio de janeiro",
          "buenos aires", "sao paulo", "la paz", "san salvador", "costa rica", "san marino",
          "san francisco", "san diego", "san antonio", "las vegas", "new orleans", "st louis",
          "santo domingo", "san juan", "tel aviv", "abu dhabi", "kuala lumpur", "cape town"}


def without_sponsor(name):
    """The name without the sponsor the source marks `$$Sponsor$$` ("$$Hella$$ Dornbirner SV")."""
    return re.sub(r"\$\$[^$]*\$\$", " ", name)


def good_alias(name):
    if not kgxdict.is_full_name(name) or kgxdict.FORBIDDEN.search(name) or "." in name or re.search(r"[?()\[\]/]", name):
        return False
    if any(len(w) >= 2 and w.isupper() and w not in ("FC", "AFC", "CF", "SC", "AC", "AS", "SV",
                                                     "FK", "SK", "CD", "CA", "SL", "AEK", "PSV")
           for w in name.split()):
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--commit", required=True)
    args = ap.parse_args()
    table = kgxdict.countries()
    words = kgxdict.english_words()
    out = subprocess.run(["git", "--git-dir", args.git_dir, "ls-tree", "-r", "--name-only",
                          args.commit], check=True, capture_output=True).stdout.decode("utf-8")
    files = sorted(p for p in out.splitlines() if re.search(r"/[a-z]+\.clubs\.txt$", p)
                   and p.count("/") == 2)
    clubs = []
    for path in files:
        code = path.rsplit("/", 1)[1].split(".")[0]
        country = CODES.get(code) or (table.get(code.upper(), "") if len(code) == 2 else "")
        text = subprocess.run(["git", "--git-dir", args.git_dir, "show", f"{args.commit}:{path}"],
                              check=True, capture_output=True).stdout.decode("utf-8")
        current = None
        for raw in text.splitlines():
            line = raw.split("#")[0].rstrip()
            if not line.strip():
                continue
            stripped = line.strip()
            if stripped.startswith("|"):
                if current is not None:
                    for a in stripped.split("|"):
                        a = without_sponsor(re.sub(r"\[[a-z]+\]", "", a)).strip()
                        if a:
                            current["aliases"].append(" ".join(a.replace("\u2212", "-").split()))
                continue
            if line[0].isspace() or stripped.startswith("=") or re.match(r"^[ivx]+\)", stripped):
                current = None
                continue
            parts = [p.strip() for p in stripped.split(",")]
            inline = [a.strip() for a in parts[0].split("|")]
            name = without_sponsor(re.sub(r"\s*\(.*?\)\s*", " ", inline[0])).strip()
            city = ""
            for p in parts[1:]:
                if p and not p.startswith("@") and not p.isdigit():
                    city = re.sub(r"\(.*?\)|›.*", "", p).strip()
                    break
            current = {"name": " ".join(name.split()),
                       "aliases": [" ".join(without_sponsor(a).split()) for a in inline[1:] if a],
                       "country": country,
                       "city": city, "path": path}
            clubs.append(current)

    target = "organizations/clubs-openfootball.tsv"
    known = kgxdict.known_before(target)
    knames = known.names
    # Every town a club in the source plays in: a name that is one of them names the town too.
    cities = CITIES | kgxdict.REGIONS | {kgxdict.fold(c["city"]) for c in clubs if c["city"]}
    candidates = []
    for c in clubs:
        names = [c["name"]] + c["aliases"]
        extra = []
        for n in names:
            m = SUFFIX.match(n)
            if m:
                extra.append(m.group(1))
                if re.search(r"\bFC$", n) and good_alias(n):
                    extra.append(n[:-2] + "F.C.")
        out_names = []
        for n in names + extra:
            f = kgxdict.fold(n)
            if n in extra and n.endswith("F.C."):
                ok = kgxdict.is_full_name(n)
            else:
                ok = good_alias(n)
            if not ok or f in cities or f in table:
                continue
            if f not in [kgxdict.fold(x) for x in out_names]:
                out_names.append(n)
        # names cut off in the source ("FK Arsenal Tiv" beside "FK Arsenal Tivat") are dropped
        out_names = [n for n in out_names if not any(
            o != n and o.startswith(n) and o[len(n)].isalpha() for o in names + extra)]
        candidates.append((c, out_names))
    count = defaultdict(set)
    for i, (c, ns) in enumerate(candidates):
        for n in ns:
            count[kgxdict.fold(n)].add(i)
    rows, taken = [], set()
    for i, (c, ns) in enumerate(candidates):
        # A club one of whose full names is already defined (curated) is left to that file; a
        # short name it is not listed under ("Bayer" of Bayer 04 Leverkusen, the company's
        # name) does not count.
        if any(kgxdict.fold(n) in knames for n in [c["name"]] + ns):
            continue
        ns = [n for n in ns if len(count[kgxdict.fold(n)]) == 1]
        if not ns:
            continue
        name = ns[0]
        eid = kgxdict.unique_id(kgxdict.slug(kgxdict.fold(name)), taken | known.ids)
        taken.add(eid)
        # "York City" inside "New York City" names the town: block it there.
        blocks = sorted({"!" + string.capwords(place) for n in ns for place in cities
                         if place.startswith(kgxdict.fold(n) + " ") or place.endswith(" " + kgxdict.fold(n))})
        rows.append((eid, "organization", kgxdict.flag_common_words(name, words),
                     [kgxdict.flag_common_words(n, words) for n in ns[1:]] + blocks, {
                         "country": c["country"],
                         "kind": "football club",
                         "prominence": 1 + len(c["aliases"]),
                     }))
    kgxdict.write_dictionary(target, [
        "clubs-openfootball.tsv: football clubs of openfootball/clubs (football.db).",
        f"generated by scripts/openfootball-clubs/generate.sh from openfootball/clubs@{args.commit} (CC0 1.0, public domain); do not edit by hand",
        "Source: football.db / openfootball (https://github.com/openfootball/clubs), dedicated to the public domain.",
        "regenerate: bash scripts/openfootball-clubs/generate.sh /path/to/clubs.git (a clone holding that commit)",
        "prominence: 1 + the number of other names the source lists for the club (a proxy: the source",
        "has no match or season counts; well-covered clubs have more names).",
        "names: two or more words only; no abbreviations, no city or state names, none shared by two clubs;",
        "an alias inside a longer place name (\"York City\" in \"New York City\") is blocked there (!).",
        "a club with any of its full names already defined by an earlier file is left out.",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes",
    ], rows)


if __name__ == "__main__":
    main()
