#!/usr/bin/env python3
"""Builds dictionaries/people/us-state-officials.tsv from openstates/people (CC0-1.0).

    python3 scripts/openstates/generate.py --data DIR --commit SHA

Run it through generate.sh, which extracts data/ from a pinned snapshot of the repository.

Input: one YAML file per person under data/<state>/{legislature,executive,municipalities,retired}/
(state legislators, statewide elected officials, mayors, and former state legislators).
data/us/ (members of Congress) is left out: people/us-congress.tsv covers them.

Python's standard library has no YAML parser, so read_person() below reads exactly the subset
these files use for the fields kept here (top-level scalars; lists of one-level mappings);
block scalars (biographies) are skipped, and any other construct in a kept field stops the run.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402

TARGET = "people/us-state-officials.tsv"

STATES = {
    "al": "Alabama", "ak": "Alaska", "az": "Arizona", "ar": "Arkansas", "ca": "California",
    "co": "Colorado", "ct": "Connecticut", "de": "Delaware", "fl": "Florida", "ga": "Georgia",
    "hi": "Hawaii", "id": "Idaho", "il": "Illinois", "in": "Indiana", "ia": "Iowa",
    "ks": "Kansas", "ky": "Kentucky", "la": "Louisiana", "me": "Maine", "md": "Maryland",
    "ma": "Massachusetts", "mi": "Michigan", "mn": "Minnesota", "ms": "Mississippi",
    "mo": "Missouri", "mt": "Montana", "ne": "Nebraska", "nv": "Nevada", "nh": "New Hampshire",
    "nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina",
    "nd": "North Dakota", "oh": "Ohio", "ok": "Oklahoma", "or": "Oregon", "pa": "Pennsylvania",
    "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota", "tn": "Tennessee",
    "tx": "Texas", "ut": "Utah", "vt": "Vermont", "va": "Virginia", "wa": "Washington",
    "wv": "West Virginia", "wi": "Wisconsin", "wy": "Wyoming", "dc": "the District of Columbia",
    "pr": "Puerto Rico",
}
LOWER = {"ca": "State Assembly", "ny": "State Assembly", "nv": "Assembly", "wi": "State Assembly",
         "nj": "General Assembly", "md": "House of Delegates", "va": "House of Delegates",
         "wv": "House of Delegates", "pr": "House of Representatives"}
UPPER = {"pr": "Senate"}
EXECUTIVE = {
    "governor": "Governor of {}",
    "lt_governor": "Lieutenant Governor of {}",
    "secretary of state": "Secretary of State of {}",
    "attorney general": "Attorney General of {}",
    "chief election officer": "Chief Election Officer of {}",
    "treasurer": "Treasurer of {}",
    "auditor": "Auditor of {}",
}
DIRS = ("executive", "legislature", "municipalities", "retired")


# --- a reader for the YAML subset of one person file ------------------------------------------

class YamlError(Exception):
    pass


def scalar(text, where):
    text = text.strip()
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'"):
            raise YamlError(f"{where}: unterminated quoted scalar")
        return text[1:-1].replace("''", "'")
    if text.startswith('"'):
        if len(text) < 2 or not text.endswith('"'):
            raise YamlError(f"{where}: unterminated quoted scalar")
        inner = text[1:-1]

        def unescape(m):
            c = m.group(1)
            if c[0] in "xuU":
                return chr(int(c[1:], 16))
            return {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0"}[c]

        return re.sub(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[nt\"\\/0])",
                      unescape, inner)
    if text[:1] in ("[", "{", "&", "*", "!", "%", "@", "`", "|", ">"):
        raise YamlError(f"{where}: unsupported YAML construct {text!r}")
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    return text


KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_ -]*):(?: (.*))?$")
SCALARS = ("name", "given_name", "family_name", "middle_name", "suffix", "birth_date",
           "death_date")
LISTS = ("roles", "other_names", "party")


def read_person(path):
    """The kept fields of one person file: scalars as str, LISTS as lists of dicts of str."""
    person = {}
    top = None       # the current top-level key
    item = None      # the current list item (a dict) of a kept list
    skipping = False  # inside a top-level block scalar
    list_indent = None  # the indent of the current kept list's "- " lines (0 or 2)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        content = raw.strip()
        if indent == 0 and not content.startswith("- "):
            skipping = False
            m = KEY.match(content)
            if not m:
                raise YamlError(f"{where}: expected 'key: value'")
            top, value = m.group(1), m.group(2)
            item = None
            list_indent = None
            if value and value[:1] in ("|", ">"):
                skipping = True
                if top in SCALARS or top in LISTS:
                    raise YamlError(f"{where}: block scalar in a kept field")
                continue
            if top in SCALARS:
                if not value:
                    raise YamlError(f"{where}: empty {top}")
                person[top] = scalar(value, where)
            elif top in LISTS:
                if value and value != "[]":
                    raise YamlError(f"{where}: inline list")
                person[top] = []
            continue
        if skipping or top not in LISTS:
            continue
        if content.startswith("- "):
            if list_indent is None:
                list_indent = indent
            if indent == list_indent:
                item = {}
                person[top].append(item)
                content = content[2:]
                indent += 2
        if item is None:
            raise YamlError(f"{where}: list expected under {top}")
        if indent != list_indent + 2:
            continue  # nested deeper than the kept fields
        m = KEY.match(content)
        if not m:
            raise YamlError(f"{where}: expected 'key: value'")
        key, value = m.group(1), m.group(2)
        if value is None or value == "":
            continue  # a nested mapping or list: not kept
        if value[:1] in ("|", ">"):
            raise YamlError(f"{where}: block scalar in a kept list")
        if key in item:
            raise YamlError(f"{where}: duplicate key {key}")
        item[key] = scalar(value, where)
    return person


# --- names ------------------------------------------------------------------------------------

INITIAL = re.compile(r"^(?:[A-Z]\.?)+$|^(?:[A-Z]\.)+[A-Z]?$")
SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "esq", "esq.", "m.d.", "md",
          "ph.d.", "phd", "d.d.s.", "dds", "cpa", "ret.", "(ret.)", "rn", "dvm"}
HONORIFIC = {"dr", "dr.", "rev", "rev.", "hon", "hon.", "rep", "rep.", "sen", "sen.", "mr", "mr.",
             "mrs", "mrs.", "ms", "ms.", "sir", "dame", "judge", "senator", "representative",
             "delegate", "del.", "assemblyman", "assemblywoman", "mayor", "gov.", "governor",
             "col.", "lt.", "gen.", "maj.", "capt."}
NICK = re.compile(r'["“]([^"”]+)["”]|\(([^()]+)\)|(?<= )\'([^\' ]+)\'(?= )')


def tokens_of(name):
    return name.replace(",", " ").split()


def strip_titles(tokens):
    while tokens and tokens[0].casefold() in HONORIFIC:
        tokens = tokens[1:]
    while tokens and tokens[-1].casefold() in SUFFIX:
        tokens = tokens[:-1]
    return tokens


def is_initial(token):
    return bool(INITIAL.match(token)) and len(token.replace(".", "")) <= 3


def good_name(name):
    toks = name.split()
    if len(toks) < 2 or not kgxdict.is_full_name(name):
        return False
    if all(is_initial(t) for t in toks[:-1]):
        return False  # "A. Bird", "W. T. Mayhall": initials and a surname are not a full name
    if is_initial(toks[-1]):
        return False
    if re.search(r"[0-9@?/\\\"“”()]", name) or "," in name:
        return False
    if is_initial(toks[0]):
        return False  # "A. Alvarez Conde": the press writes the given name
    if toks[0][:1].islower() or toks[0].casefold() in SUFFIX:
        return False  # "de la Cruz", "Jr. Love": a surname alone
    if any(len(t) >= 2 and t.isupper() and not is_initial(t) for t in toks):
        return False  # "GRIFFIN of Levant", "Anne GRAHAM": roll-call forms
    if any(t in ("of", "Of") for t in toks):
        return False
    return any(c.isupper() for c in name) and not name.isupper() or len(name) > 3


def press_name(raw, given, family):
    """'William R. "Bobby" Outten' -> 'Bobby Outten'; 'Van R. Johnson II' -> 'Van Johnson';
    'A. Nino Vitale' -> 'Nino Vitale'."""
    m = NICK.search(raw)
    if m and family:
        nick = next(x for x in m.groups() if x).strip()
        if len(nick.split()) == 1:
            return f"{nick} {family}"
    plain = NICK.sub(" ", raw)
    toks = strip_titles(tokens_of(plain))
    if not toks:
        return ""
    if len(toks) >= 2:
        first, middle, last = toks[0], toks[1:-1], toks[-1]
        if family and plain.rstrip(" ,.").endswith(family) is False:
            pass
        kept_middle = [t for t in middle if not is_initial(t)]
        if is_initial(first) and kept_middle:
            # "A. Nino Vitale": the press uses the middle name
            first, kept_middle = kept_middle[0], kept_middle[1:]
        toks = [first] + kept_middle + [last]
    return " ".join(toks)


def name_forms(raw, given, family, middle, suffix, others):
    forms = []
    plain = " ".join(NICK.sub(" ", raw).replace(",", " ").split())
    forms.append(" ".join(strip_titles(plain.split())))
    m = NICK.search(raw)
    if m and family:
        forms.append(f"{next(x for x in m.groups() if x).strip()} {family}")
    given = " ".join(NICK.sub(" ", " " + given + " ").split())
    if given and family:
        forms.append(f"{given} {family}")
        if middle:
            forms.append(f"{given} {middle} {family}")
    for other in others:
        text = other.get("name", "")
        if "," in text or NICK.search(text):
            continue
        forms.append(" ".join(strip_titles(text.split())))
    return forms


def key(name):
    """Folded, without punctuation: `O'Neil` and `O’Neil` are one name."""
    return re.sub(r"[\W_]+", "", kgxdict.fold(name))


# --- roles ------------------------------------------------------------------------------------

def state_of(jurisdiction):
    m = re.search(r"/(?:state|territory|district):([a-z]{2})(?:/|$)", jurisdiction)
    return m.group(1) if m else None


def role_label(role, places):
    kind, jur = role.get("type", ""), role.get("jurisdiction", "")
    st = state_of(jur)
    if st not in STATES:
        return None
    state = STATES[st]
    if kind == "lower":
        return f"Member of the {state} {LOWER.get(st, 'House of Representatives')}"
    if kind == "upper":
        return f"Member of the {state} {UPPER.get(st, 'State Senate')}"
    if kind == "legislature":
        if st == "dc":
            return "Member of the Council of the District of Columbia"
        return f"Member of the {state} Legislature"
    if kind in EXECUTIVE:
        return EXECUTIVE[kind].format(state)
    if kind == "mayor":
        place = places.get(jur)
        if not place:
            m = re.search(r"/(?:place|county):([a-z_]+)/", jur)
            if not m:
                return None
            place = m.group(1).replace("_", " ").title()
            if "/county:" in jur:
                place += " County"
        return f"Mayor of {place}, {state}"
    return None


def year(date):
    m = re.match(r"^(\d{4})", date or "")
    return m.group(1) if m else None


def read_places(path):
    """municipalities.yml: a list of {name, id}."""
    places = {}
    if not os.path.exists(path):
        return places
    name = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            m = re.match(r"^(- |  )(name|id): (.*)$", line)
            if not m:
                raise YamlError(f"{path}:{n}: unexpected line")
            value = scalar(m.group(3), f"{path}:{n}")
            if m.group(2) == "name":
                name = value
            else:
                places[value] = name
    return places


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="the data/ folder of openstates/people")
    ap.add_argument("--commit", required=True)
    args = ap.parse_args()

    known = kgxdict.known_before(TARGET)
    countries = kgxdict.countries()
    words = kgxdict.english_words()

    records = []  # one per person file
    stats = {"known": 0, "bad name": 0, "no role": 0, "merged": 0}
    for st in sorted(os.listdir(args.data)):
        if st not in STATES:
            continue
        places = read_places(os.path.join(args.data, st, "municipalities.yml"))
        for sub in DIRS:
            folder = os.path.join(args.data, st, sub)
            if not os.path.isdir(folder):
                continue
            for fname in sorted(os.listdir(folder)):
                if not fname.endswith(".yml"):
                    continue
                p = read_person(os.path.join(folder, fname))
                roles = [r for r in p.get("roles", []) if role_label(r, places)]
                if not roles:
                    stats["no role"] += 1
                    continue
                current = sub != "retired"
                pool = [r for r in roles if "end_date" not in r] if current else []
                # the office to show: statewide offices and mayors before seats, then the latest
                latest = max(pool or roles, key=lambda r: (r.get("type") in EXECUTIVE,
                                                           r.get("type") == "mayor",
                                                           r.get("end_date", "9999"),
                                                           r.get("start_date", "")))
                name = " ".join(press_name(
                    p["name"], p.get("given_name", ""), p.get("family_name", "")).split())
                forms = [" ".join(f.split()) for f in name_forms(
                    p["name"], p.get("given_name", ""), p.get("family_name", ""),
                    p.get("middle_name", ""), p.get("suffix", ""), p.get("other_names", []))]
                family = p.get("family_name", "")
                forms = [f for f in forms if not family or key(f) != key(family)]
                if family and key(name) == key(family):
                    name = ""  # "Diaz de la Portilla": the surname alone
                if not good_name(name):
                    name = next((f for f in forms if good_name(f)), name)
                if not good_name(name):
                    stats["bad name"] += 1
                    continue
                parties = [x.get("name", "") for x in p.get("party", []) if "end_date" not in x]
                records.append({
                    "file": f"{st}/{sub}/{fname}", "state": st, "current": current,
                    "label": role_label(latest, places), "roles": roles, "name": name,
                    "forms": [f for f in forms if good_name(f)],
                    "party": parties[0] if len(parties) == 1 else "",
                })

    # Open States sometimes keeps one person in two files (a mayor who was a legislator, a
    # legislator filed twice): records of one state that share a full name are merged.
    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first = {}
    for i, rec in enumerate(records):
        for form in [rec["name"]] + rec["forms"]:
            k = (rec["state"], key(form))
            if k in first:
                parent[find(i)] = find(first[k])
            else:
                first[k] = i
    # A file named by a surname alone ("Diaz de la Portilla") beside the full name ("Miguel
    # Diaz de la Portilla") in the same state is the same person.
    by_last = {}
    for i, rec in enumerate(records):
        by_last.setdefault((rec["state"], key(rec["name"].split()[-1])), []).append(i)
    for bucket in by_last.values():
        for i in bucket:
            short = " " + kgxdict.fold(records[i]["name"])
            for j in bucket:
                if i != j and kgxdict.fold(records[j]["name"]).endswith(short):
                    parent[find(i)] = find(j)
                    break
    groups = {}
    for i in range(len(records)):
        groups.setdefault(find(i), []).append(records[i])

    people = []
    for group in groups.values():
        stats["merged"] += len(group) - 1
        # the record to show: a current one, then the one with the most roles
        group.sort(key=lambda r: (not r["current"], -len(r["roles"]), r["file"]))
        main_rec = group[0]
        longest = max(group, key=lambda r: (len(r["name"].split()), r["file"]))
        name = main_rec["name"]
        if len(longest["name"].split()) > len(name.split()) and kgxdict.fold(
                longest["name"]).endswith(" " + kgxdict.fold(name)):
            name = longest["name"]  # the full name, not the surname alone
        roles = [r for rec in group for r in rec["roles"]]
        current = main_rec["current"]
        starts = [y for y in (year(r.get("start_date")) for r in roles) if y]
        ends = [y for y in (year(r.get("end_date")) for r in roles) if y]
        years = ""
        if starts and current:
            years = f"{min(starts)}-"
        elif starts and ends:
            years = min(starts) if min(starts) == max(ends) else f"{min(starts)}-{max(ends)}"
        st = main_rec["state"]
        attributes = {
            "country": countries["PR"] if st == "pr" else countries["US"],
            "role": main_rec["label"] if current else "former " + main_rec["label"],
            "years": years,
            "party": main_rec["party"],
            "prominence": len(roles),
        }
        forms = [f for rec in group for f in [rec["name"]] + rec["forms"]]
        people.append((main_rec["file"], name, forms, attributes))

    rows, taken = [], set(known.ids)
    for _file, name, forms, attributes in sorted(
        people, key=lambda p: (-p[3]["prominence"], p[0])
    ):
        aliases, seen = [], {key(name)}
        for form in forms:
            if kgxdict.fold(name).endswith(" " + kgxdict.fold(form)):
                continue  # "Diaz de la Portilla" beside "Miguel Diaz de la Portilla": a surname
            if key(form) not in seen:
                seen.add(key(form))
                aliases.append(form)
        if any(known.has_name(n) for n in [name] + aliases):
            stats["known"] += 1
            continue
        entity_id = kgxdict.unique_id(kgxdict.slug(name), taken)
        rows.append(kgxdict.flagged_row(entity_id, "person", name, aliases, attributes, words))

    header = [
        "us-state-officials.tsv: U.S. state legislators (current and former), statewide elected "
        "officials and mayors (bulk, generated)",
        f"generated by scripts/openstates/generate.sh from openstates/people@{args.commit} "
        "(CC0-1.0); do not edit by hand",
        "source: Open States, https://github.com/openstates/people (data/<state>/legislature, "
        "executive, municipalities, retired; data/us is left out: see people/us-congress.tsv)",
        "regenerate: bash scripts/openstates/generate.sh /path/to/openstates-people.git",
        "prominence: the number of role records (seats, offices, district changes) in the "
        "person's file(s), at least 1; files of one state that share a full name are merged",
        "role: the current office (a statewide office or mayoralty before a seat); 'former' + "
        "the last office for retired legislators; years: first recorded start year, '-' if "
        "serving",
        "names: the press form (nickname or first name, then surname; middle initials, "
        "honorifics and suffixes dropped); aliases: the full name, given+family name, and the "
        "source's other_names (comma, initial-first, all-caps and 'SURNAME of Town' roll-call "
        "forms left out)",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes "
        "(country, role, years, party, prominence)",
    ]
    kgxdict.write_dictionary(TARGET, header, rows)
    print(
        f"openstates: {len(rows)} people; left out: {stats['known']} already known, "
        f"{stats['bad name']} bad names, {stats['no role']} with no state role, "
        f"{stats['merged']} files merged into another of the same person",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
