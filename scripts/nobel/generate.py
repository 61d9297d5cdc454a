#!/usr/bin/env python3
"""Builds dictionaries/people/nobel-laureates.tsv from the Nobel Prize API's prize list (CC0).

    python3 scripts/nobel/generate.py --prizes FILE --commit SHA

Run it through generate.sh, which extracts prizes.json from a pinned snapshot of
FefeTroanes/nobel-prizes-api: a copy of the Nobel Prize API (v1) prize list up to the 2024
prizes, one record per prize with its year, category and laureates (id, firstname, surname).

Laureates with no surname are left out: the source gives organisations that way, and also a
few people ("Aung San Suu Kyi", "Le Duc Tho") whom it cannot tell apart from them.
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402

TARGET = "people/nobel-laureates.tsv"
CATEGORY = {
    "physics": "Physics", "chemistry": "Chemistry", "medicine": "Physiology or Medicine",
    "literature": "Literature", "peace": "Peace", "economics": "Economic Sciences",
}
INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
SUFFIX = {"Jr.", "Jr", "Sr.", "II", "III", "IV"}
# Chinese and Korean laureates whom the source files given-name-first ("Xiaobo Liu") while the
# English press writes the surname first ("Liu Xiaobo"): Han Kang, Liu Xiaobo, Gao Xingjian,
# Tu Youyou (laureate ids of the Nobel Prize API).
SURNAME_FIRST = {"1042", "855", "734", "918"}
TITLE = {"Sir", "Lord", "Lady", "Dame", "Baron", "Dr.", "Dr"}


def key(name):
    return re.sub(r"[\W_]+", "", kgxdict.fold(name))


def good_name(name):
    toks = name.split()
    return (
        len(toks) >= 2
        and kgxdict.is_full_name(name)
        and not INITIAL.match(toks[0])
        and not INITIAL.match(toks[-1])
        and not re.search(r"[0-9,()\"]", name)
    )


def forms_of(first, surname):
    """('Hendrik A.', 'Lorentz') -> ['Hendrik Lorentz', 'Hendrik A. Lorentz']: the press form
    (given names without initials, suffixes and titles dropped) first, then the full form."""
    first_toks = [t for t in first.replace(",", " ").split() if t not in TITLE]
    sur_toks = [t for t in surname.replace(",", " ").split() if t not in SUFFIX]
    full = " ".join(first_toks + sur_toks)
    plain_first = [t for t in first_toks if not INITIAL.match(t)]
    if not plain_first and len(first_toks) > 1:
        plain_first = first_toks
    press = " ".join(plain_first[:1] + [t for t in plain_first[1:]] + sur_toks)
    # "Barry Sharpless" (K. Barry Sharpless): a leading initial goes
    return [press, full]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prizes", required=True)
    ap.add_argument("--commit", required=True)
    args = ap.parse_args()

    known = kgxdict.known_before(TARGET)
    words = kgxdict.english_words()
    with open(args.prizes, encoding="utf-8") as f:
        prizes = json.load(f)

    people = {}  # laureate id -> {first, surname, prizes: [(year, category)]}
    no_surname = 0
    for record in prizes.values():
        year, category = record["year"], record["category"]
        if category not in CATEGORY:
            sys.exit(f"unknown category {category!r}")
        for laureate in record.get("laureates", []):
            if not laureate.get("surname"):
                no_surname += 1
                continue
            person = people.setdefault(laureate["id"], {
                "first": laureate.get("firstname", ""), "surname": laureate["surname"],
                "prizes": []})
            person["prizes"].append((year, category))

    rows, taken = [], set(known.ids)
    stats = {"known": 0, "bad name": 0}
    for lid, person in sorted(people.items(), key=lambda p: (-len(p[1]["prizes"]), int(p[0]))):
        if lid in SURNAME_FIRST:
            forms = [f"{person['surname']} {person['first']}"]
        else:
            forms = [f for f in forms_of(person["first"], person["surname"]) if good_name(f)]
        if not forms:
            stats["bad name"] += 1
            continue
        name, aliases, seen = forms[0], [], {key(forms[0])}
        for form in forms[1:]:
            if key(form) not in seen:
                seen.add(key(form))
                aliases.append(form)
        if any(known.has_name(n) for n in [name] + aliases):
            stats["known"] += 1
            continue
        prize_list = sorted(person["prizes"])
        categories = []
        for _year, category in prize_list:
            if CATEGORY[category] not in categories:
                categories.append(CATEGORY[category])
        years = sorted({y for y, _c in prize_list})
        attributes = {
            "role": "Nobel laureate in " + " and ".join(categories),
            "years": years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}",
            "nobel": lid,
            "prominence": len(prize_list),
        }
        entity_id = kgxdict.unique_id(kgxdict.slug(name), taken)
        rows.append(kgxdict.flagged_row(entity_id, "person", name, aliases, attributes, words))

    header = [
        "nobel-laureates.tsv: Nobel Prize laureates, people only (bulk, generated)",
        f"generated by scripts/nobel/generate.sh from FefeTroanes/nobel-prizes-api@{args.commit} "
        "(prizes.json: the Nobel Prize API v1 prize list, 1901-2024; data CC0-1.0 from Nobel Prize "
        "Outreach; the repository itself has no licence file and only the data file is used); "
        "do not edit by hand",
        "attribution (courtesy, CC0 asks none): Nobel Prize data from nobelprize.org, "
        "Nobel Prize Outreach",
        "regenerate: bash scripts/nobel/generate.sh /path/to/nobel-prizes-api.git",
        "prominence: the number of Nobel Prizes the person received (1, or 2 for Bardeen, Curie, "
        "Pauling, Sanger, Sharpless)",
        "names: first name(s) without initials, then surname ('Hendrik Lorentz'); the source's "
        "full form ('Hendrik A. Lorentz') as an alias; laureates with no surname (organisations) "
        "are left out; four Chinese and Korean laureates are written surname first ('Liu Xiaobo'); role: the prize category; years: the award year(s); nobel: the laureate "
        "id of the Nobel Prize API",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes (role, years, nobel, prominence)",
    ]
    kgxdict.write_dictionary(TARGET, header, rows)
    print(
        f"nobel: {len(rows)} people; left out: {stats['known']} already known, "
        f"{stats['bad name']} bad names, {no_surname} prize shares with no surname",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
