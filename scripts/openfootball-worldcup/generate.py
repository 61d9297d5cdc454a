#!/usr/bin/env python3
"""Builds dictionaries/people/athletes-openfootball.tsv (footballers and head coaches named in
FIFA World Cup squads) from a git snapshot of openfootball/worldcup at a pinned commit.

Sources in the repository: <year>--<host>/squads/<code>-<country>.txt (1930-2014, names as
written, caps before the tournament after `##`) and more/<year>_squads.txt (1930-2026, surnames
in capitals, head coaches as `MG`). The per-team files are preferred for the spelling; the
capitalised surnames of more/ are turned into ordinary case ("Kalidou KOULIBALY" -> "Kalidou
Koulibaly"). Kept: everyone in a squad of 1994 or later, and earlier players with 50+ caps.
One-word names (NEYMAR, TITE) are never entries.
"""

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402


RECENT = 1994
OLD_ERA_MIN_CAPS = 50
# national teams that one player may have played for under two names (merge key only)
LINEAGE = {"west-germany": "germany", "yugoslavia": "serbia", "serbia-and-montenegro": "serbia",
           "czechoslovakia": "czechia", "soviet-union": "russia", "zaire": "dr-congo"}
TEAM_LINE = re.compile(r"^\s*(?:\(\s*\d+\)|-)\s+(GK|DF|MF|FW)\s+(.+?)\s*(?:##\s*(\S+)?.*)?$")
MORE_LINE = re.compile(r"^\s*(?:\d+|-),\s*(.+?),\s*(GK|DF|MF|FW|MG),")


def git_show(git_dir, commit, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def ls(git_dir, commit):
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", commit],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(out.splitlines())


def is_caps_word(token):
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def case_word(token):
    """KOULIBALY -> Koulibaly, O'BRIEN -> O'Brien, BEN-YEDDER -> Ben-Yedder, McKENZIE -> McKenzie."""
    if not is_caps_word(token):
        m = re.match(r"^([A-Z][a-z]+)([A-Z]{2,}.*)$", token)  # McKENZIE, DeANDRE
        if m:
            return m.group(1) + case_word(m.group(2))
        return token
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), token.lower())


def ordinary_case(raw):
    """`Kalidou KOULIBALY` -> `Kalidou Koulibaly`; `BEN ROMDHANE Ali` -> `Ali Ben Romdhane`."""
    tokens = raw.split()
    caps = [is_caps_word(t) for t in tokens]
    if caps and caps[0] and not all(caps):
        k = caps.index(False)
        if all(caps[:k]) and not any(caps[k:]):  # surname first, given names after
            tokens = tokens[k:] + tokens[:k]
    return " ".join(case_word(t) for t in tokens)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--commit", required=True)
    args = ap.parse_args()
    table = kgxdict.countries()
    country_ids = set(table.values())
    words = kgxdict.english_words()

    def country_of(text, code=""):
        if kgxdict.fold(text) == "congo dr":
            return "dr-congo"
        slug_name = text.strip().lower().replace(" ", "-")
        if slug_name in country_ids:
            return slug_name
        got = table.get(kgxdict.fold(text.replace("-", " ")))
        if got:
            return got
        return table.get(code.upper(), "") if len(code) == 2 else ""

    # person key (folded name, country) -> facts
    people = defaultdict(lambda: {"spellings": {}, "cups": set(), "caps": 0, "roles": set(),
                                  "years": set()})
    for path in ls(args.git_dir, args.commit):
        m = re.match(r"^(\d{4})--[^/]+/squads/([a-z]+)-([a-z-]+)\.txt$", path)
        if not m:
            continue
        year, code, cname = int(m.group(1)), m.group(2), m.group(3)
        country = country_of(cname, code)
        for line in git_show(args.git_dir, args.commit, path).splitlines():
            t = TEAM_LINE.match(line)
            if not t:
                continue
            name = " ".join(t.group(2).split())
            caps = int(t.group(3).rstrip(",")) if t.group(3) and t.group(3).rstrip(",").isdigit() else 0
            p = people[(kgxdict.fold(name), country)]
            p["spellings"][year] = name
            p["cups"].add(year)
            p["caps"] = max(p["caps"], caps)
            p["roles"].add("player")
    team_file_years = {y for (_k, _c), p in people.items() for y in p["cups"]}
    for path in ls(args.git_dir, args.commit):
        m = re.match(r"^more/(\d{4})_squads\.txt$", path)
        if not m:
            continue
        year = int(m.group(1))
        country = ""
        for line in git_show(args.git_dir, args.commit, path).splitlines():
            if line.startswith("== "):
                country = country_of(line[3:].split("#")[0])
                continue
            t = MORE_LINE.match(line)
            if not t:
                continue
            raw, pos = t.group(1), t.group(2)
            role = "coach" if pos == "MG" else "player"
            if role == "coach":
                raw = re.sub(r"\s*\([A-Z]{3}\)\s*$", "", raw)  # nationality code, not kept
            name = ordinary_case(" ".join(raw.split()))
            key = (kgxdict.fold(name), country if role == "player" else "")
            if role == "coach":
                # a coach is keyed without country: he may coach a foreign team
                p = people[key]
                p["coach_years"] = p.get("coach_years", set()) | {year}
            elif year in team_file_years:
                continue  # the per-team files of that year have the players, better spelt
            else:
                p = people[key]
                p["cups"].add(year)
            p["spellings"].setdefault(-year, name)  # negative: used only if no per-team spelling
            p["roles"].add(role)

    target = "people/athletes-openfootball.tsv"
    known = kgxdict.known_before(target)
    knames = known.names
    rows, taken = [], set()
    skipped = 0
    # one person per name and national-team lineage (West Germany -> Germany ...); an entry
    # without a country (a coach, or a team the country list does not know) joins the only
    # same-name entry that has one
    groups = defaultdict(list)
    for (folded, country), p in sorted(people.items()):
        groups[folded].append((country, p))
    for folded, entries in sorted(groups.items()):
        merged = {}
        for country, p in entries:
            lineage = LINEAGE.get(country, country)
            m = merged.setdefault(lineage, {"spellings": {}, "cups": set(), "caps": 0,
                                            "roles": set(), "coach_years": set(), "countries": {}})
            for y, n in p["spellings"].items():
                m["spellings"].setdefault(y, n)
            m["cups"] |= p["cups"]
            m["coach_years"] |= p.get("coach_years", set())
            m["caps"] = max(m["caps"], p["caps"])
            m["roles"] |= p["roles"]
            if country:
                m["countries"][country] = max(p["cups"] | p.get("coach_years", set()) | {0})
        if "" in merged and len(merged) == 2:
            lone = merged.pop("")
            (other,) = merged.values()
            for y, n in lone["spellings"].items():
                other["spellings"].setdefault(y, n)
            other["cups"] |= lone["cups"]
            other["coach_years"] |= lone["coach_years"]
            other["roles"] |= lone["roles"]
        for _lineage, p in sorted(merged.items()):
            proper = [y for y in p["spellings"] if y > 0]
            name = p["spellings"][max(proper)] if proper else p["spellings"][min(p["spellings"])]
            years = sorted(p["cups"] | p["coach_years"])
            if not years:
                continue
            if max(years) < RECENT and p["caps"] < OLD_ERA_MIN_CAPS:
                continue
            if not kgxdict.is_full_name(name) or (kgxdict.fold(name) in knames):
                skipped += 1
                continue
            country = max(p["countries"], key=lambda c: (p["countries"][c], c)) if p["countries"] else ""
            is_player, is_coach = "player" in p["roles"], "coach" in p["roles"]
            role = ("footballer and football manager" if is_player and is_coach else
                    "football manager" if is_coach else "footballer")
            n_cups = len(p["cups"]) + len(p["coach_years"])
            eid = kgxdict.unique_id(kgxdict.slug(name), taken | known.ids)
            taken.add(eid)
            rows.append((eid, "person", kgxdict.flag_common_words(name, words), [], {
                "country": country,
                "role": role,
                "years": f"{years[0]}-{years[-1]}" if years[0] != years[-1] else str(years[0]),
                "prominence": max(1, p["caps"] + n_cups),
            }))
    kgxdict.write_dictionary(target, [
        "athletes-openfootball.tsv: footballers and head coaches in FIFA World Cup squads (1994-2026, and",
        "earlier players with 50+ caps).",
        f"generated by scripts/openfootball-worldcup/generate.sh from openfootball/worldcup@{args.commit} (CC0 1.0, public domain); do not edit by hand",
        "Source: football.db / openfootball (https://github.com/openfootball/worldcup), dedicated to the public domain.",
        "regenerate: bash scripts/openfootball-worldcup/generate.sh /path/to/worldcup.git (a clone holding that commit)",
        "prominence: the most international caps listed before a World Cup (per-team squad files, 1930-2014)",
        "+ the number of World Cup squads the person was in (as player or head coach).",
        "years: first and last World Cup squad. country: the national team (for a coach only, none).",
        "left out: one-word names and names already defined by a file listed earlier in builtin.list.",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes",
    ], rows)
    print(f"worldcup: {len(rows)} written, {skipped} skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
