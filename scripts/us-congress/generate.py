#!/usr/bin/env python3
"""Builds dictionaries/people/us-congress.tsv from unitedstates/congress-legislators (CC0).

    python3 scripts/us-congress/generate.py --current FILE --historical FILE \
        --commit SHA --export-commit SHA

Run it through generate.sh, which extracts the two input files from a pinned snapshot.

Inputs
  legislators-current.yaml (main branch): every sitting member with all terms and ids.
      Python's standard library has no YAML parser, so read_yaml() below is a small, strict
      reader for exactly the subset this file uses (block mappings and lists, plain and quoted
      scalars); anything else stops the run rather than being misread.
  legislators-historical.csv (gh-pages branch, the project's own CSV export of the same main
      commit): former members.  The historical YAML is too large for the snapshot this project
      reads, so only the CSV (one row per member: name parts and the LAST term's type, state
      and party; no dates, no Wikidata id) is available.  Former members born before 1920 (or
      with no birth date) are left out: they are rarely in the news and their common names
      would shadow more recent people.
"""

import argparse
import csv
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402

TARGET = "people/us-congress.tsv"
MIN_BIRTH_YEAR_HISTORICAL = 1920


# --- a strict reader for the YAML subset of legislators-current.yaml -------------------------

class YamlError(Exception):
    pass


def _scalar(text, lineno):
    text = text.strip()
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise YamlError(f"line {lineno}: unterminated quoted scalar")
        inner = text[1:-1]
        if re.search(r"(?<!')'(?!')", inner.replace("''", "")):
            raise YamlError(f"line {lineno}: stray quote")
        return inner.replace("''", "'")
    if text.startswith('"'):
        if not text.endswith('"') or len(text) < 2:
            raise YamlError(f"line {lineno}: unterminated quoted scalar")
        inner = text[1:-1]
        if "\\" in inner:
            raise YamlError(f"line {lineno}: escapes are not supported")
        return inner
    if text[:1] in ("[", "{", "|", ">", "&", "*", "!", "%", "@", "`"):
        raise YamlError(f"line {lineno}: unsupported YAML construct: {text!r}")
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    return text


KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$")


def read_yaml(text):
    """Parses block-style YAML made of mappings, lists and one-line scalars."""
    lines = []
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise YamlError(f"line {n}: tab indentation")
        indent = len(raw) - len(raw.lstrip(" "))
        lines.append((n, indent, raw.strip()))
    pos = 0

    def block(indent):
        nonlocal pos
        n, ind, content = lines[pos]
        if ind != indent:
            raise YamlError(f"line {n}: unexpected indentation")
        if content == "-" or content.startswith("- "):
            return seq(indent)
        return mapping(indent)

    def seq(indent):
        nonlocal pos
        items = []
        while pos < len(lines):
            n, ind, content = lines[pos]
            if ind < indent:
                break
            if ind > indent:
                raise YamlError(f"line {n}: unexpected indentation")
            if not (content == "-" or content.startswith("- ")):
                break  # the next key of a mapping whose list sits at the key's own indent
            rest = content[2:] if content != "-" else ""
            if rest and KEY.match(rest):
                # "- key: value" opens a mapping whose keys sit at indent + 2.
                lines[pos] = (n, indent + 2, rest)
                items.append(mapping(indent + 2))
            elif rest:
                items.append(_scalar(rest, n))
                pos += 1
            else:
                pos += 1
                items.append(block(lines[pos][1]))
        return items

    def mapping(indent):
        nonlocal pos
        result = {}
        while pos < len(lines):
            n, ind, content = lines[pos]
            if ind < indent:
                break
            if ind > indent:
                raise YamlError(f"line {n}: unexpected indentation")
            if content.startswith("- "):
                break
            m = KEY.match(content)
            if not m:
                raise YamlError(f"line {n}: expected 'key: value'")
            key, value = m.group(1), m.group(2)
            if key in result:
                raise YamlError(f"line {n}: duplicate key {key}")
            pos += 1
            if value is None or value == "":
                if pos < len(lines) and (
                    lines[pos][1] > indent
                    or (lines[pos][1] == indent and lines[pos][2].startswith("- "))
                ):
                    result[key] = block(lines[pos][1])
                else:
                    result[key] = None
            else:
                result[key] = _scalar(value, n)
        return result

    data = block(0)
    if pos != len(lines):
        raise YamlError(f"line {lines[pos][0]}: trailing content")
    return data


# --- names ----------------------------------------------------------------------------------

INITIAL = re.compile(r"^[A-Z]\.$")


def join(*parts):
    return " ".join(p for p in parts if p)


def press_name(first, middle, last, nickname, official):
    """The name as the press writes it: nickname or first name, then the surname.

    official_full ("Charles E. Schumer", "Eric A. \"Rick\" Crawford") is the member's own
    choice; its middle initials and suffix are dropped, a quoted nickname replaces the first
    name."""
    if nickname:
        return join(nickname, last)
    if official:
        m = re.search(r'"([^"]+)"', official)
        if m:
            return join(m.group(1), last)
        tokens = official.replace(",", " ").split()
        tokens = [t for t in tokens if t not in ("Jr.", "Sr.", "II", "III", "IV", "Jr", "Sr")]
        if len(tokens) >= 2:
            kept = [tokens[0]] + [t for t in tokens[1:-1] if not INITIAL.match(t)] + [tokens[-1]]
            return " ".join(kept)
    if nickname:
        return join(nickname, last)
    return join(first, last)


def name_forms(first, middle, last, suffix, nickname, official):
    forms = []
    if official:
        forms.append(" ".join(re.sub(r'"[^"]+"', " ", official).split()))
    forms.append(join(first, last))
    if nickname:
        forms.append(join(nickname, last))
    if middle:
        forms.append(join(first, middle, last))
    if suffix:
        forms.append(join(first, last) + (", " if False else " ") + suffix)
        if nickname:
            forms.append(join(nickname, last, suffix))
    return forms


def key(name):
    """Folded, without punctuation: `Kaiali’i` and `Kaialiʻi` are one name."""
    return re.sub(r"[\W_ʻʼ]+", "", kgxdict.fold(name))


def good_name(name):
    if INITIAL.match(name.split()[0]) and len(name.split()) == 2:
        return False  # "A. McEachin": an initial and a surname is not a full name
    return (
        kgxdict.is_full_name(name)
        and any(c.isupper() for c in name)
        and not re.search(r"[0-9@?]", name)
    )


ROLE = {"sen": "U.S. Senator", "rep": "U.S. Representative"}
DELEGATE = {"DC", "GU", "VI", "AS", "MP", "DK", "OL", "PI"}


def role_for(kind, state):
    if kind == "rep" and state == "PR":
        return "Resident Commissioner of Puerto Rico"
    if kind == "rep" and state in DELEGATE:
        return "Delegate to the U.S. House of Representatives"
    return ROLE[kind]


PARTY = {"Democrat": "Democratic", "Republican": "Republican", "Independent": "Independent"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--current", required=True)
    ap.add_argument("--historical", required=True)
    ap.add_argument("--commit", required=True)
    ap.add_argument("--export-commit", required=True)
    args = ap.parse_args()

    known = kgxdict.known_before(TARGET)
    countries = kgxdict.countries()
    country = countries["US"]
    words = kgxdict.english_words()

    people = []  # (sort key, name, forms, attributes)
    with open(args.current, encoding="utf-8") as f:
        current = read_yaml(f.read())
    bioguides = set()
    for member in current:
        ids, name, terms = member["id"], member["name"], member["terms"]
        bioguides.add(ids["bioguide"])
        first, last = name["first"], name["last"]
        middle, suffix = name.get("middle"), name.get("suffix")
        nickname, official = name.get("nickname"), name.get("official_full")
        years = sorted({t["start"][:4] for t in terms} | {t["end"][:4] for t in terms})
        latest = max(terms, key=lambda t: t["start"])
        attributes = {
            "wikidata": ids.get("wikidata", ""),
            "country": country,
            "role": role_for(latest["type"], latest["state"]),
            "years": f"{years[0]}-",  # a sitting member
            "party": PARTY.get(latest.get("party", ""), latest.get("party", "")),
            "prominence": len(terms),
        }
        people.append((
            ids["bioguide"],
            press_name(first, middle, last, nickname, official),
            name_forms(first, middle, last, suffix, nickname, official),
            attributes,
        ))

    dropped_old = 0
    with open(args.historical, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["bioguide_id"] in bioguides:
                continue
            if row["birthday"][:4] < str(MIN_BIRTH_YEAR_HISTORICAL):
                dropped_old += 1
                continue
            first, last = row["first_name"], row["last_name"]
            middle, suffix, nickname = row["middle_name"], row["suffix"], row["nickname"]
            official = row["full_name"]
            role = role_for(row["type"], row["state"])
            attributes = {
                "country": country,
                "role": "former " + role,
                "party": PARTY.get(row["party"], row["party"]),
                "prominence": 1,
            }
            people.append((
                row["bioguide_id"],
                press_name(first, middle, last, nickname, official),
                name_forms(first, middle, last, suffix, nickname, official),
                attributes,
            ))

    rows, taken = [], set(known.ids)
    stats = {"known": 0, "bad name": 0}
    # Most terms first, so the better-known member of a shared name keeps the plain slug.
    for bioguide, name, forms, attributes in sorted(
        people, key=lambda p: (-p[3]["prominence"], p[0])
    ):
        name = " ".join(name.split())
        if not good_name(name):
            # "J. Smith": fall back to a fuller form ("John Quincy Smith") when there is one.
            name = next((" ".join(f.split()) for f in forms if good_name(" ".join(f.split()))), name)
        if not good_name(name):
            stats["bad name"] += 1
            continue
        aliases, seen = [], {key(name)}
        for form in forms:
            form = " ".join(form.split())
            if good_name(form) and key(form) not in seen:
                seen.add(key(form))
                aliases.append(form)
        if attributes.get("wikidata") in known.wikidata or any(
            known.has_name(n) for n in [name] + aliases
        ):
            stats["known"] += 1
            continue
        entity_id = kgxdict.unique_id(kgxdict.slug(name), taken)
        rows.append(kgxdict.flagged_row(entity_id, "person", name, aliases, attributes, words))

    header = [
        "us-congress.tsv: members of the United States Congress (bulk, generated)",
        f"generated by scripts/us-congress/generate.sh from unitedstates/congress-legislators@{args.commit} "
        f"(legislators-current.yaml) and @{args.export_commit} (gh-pages export legislators-historical.csv) "
        "(CC0-1.0); do not edit by hand",
        "source: https://github.com/unitedstates/congress-legislators",
        "regenerate: bash scripts/us-congress/generate.sh /path/to/congress-legislators.git",
        "prominence: sitting members: the number of terms in legislators-current.yaml (one per House",
        "  Congress or Senate term served); former members: 1, because the historical CSV export has",
        "  only each member's last term. Former members born before "
        f"{MIN_BIRTH_YEAR_HISTORICAL} are left out.",
        "years: sitting members: first year served and '-' (still serving); former members: none",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes "
        "(wikidata, country, role, years, party, prominence)",
    ]
    kgxdict.write_dictionary(TARGET, header, rows)
    print(
        f"us-congress: {len(rows)} people; left out: {stats['known']} already known, "
        f"{stats['bad name']} bad names, {dropped_old} former members born before "
        f"{MIN_BIRTH_YEAR_HISTORICAL}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
