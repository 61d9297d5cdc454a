#!/usr/bin/env python3
"""Builds dictionaries/people/legislators.tsv and dictionaries/organizations/parties.tsv
from the EveryPolitician data (everypolitician/everypolitician-data, CC0).

    python3 scripts/everypolitician/generate.py --git-dir DIR --commit SHA

Run it through generate.sh, which checks that the pinned commit is in DIR.

What is read, per legislature listed in countries.json:
  term-*.csv           one row per member and legislative period (id, name, sort_name, group)
  names.csv            every name variant EveryPolitician knows for a person id
  ep-popolo-v1.0.json  when present (files of 4 MiB or more are missing from the snapshot this
                       project reads, e.g. the Bundestag's): Wikidata ids, given/family names,
                       other_names by language, parties with Wikidata ids.
The legislatures of the United States are skipped: scripts/us-congress/ covers Congress from its
own, more complete source (people/us-congress.tsv is loaded first).

People are merged across legislatures when they share a Wikidata id, or a folded name within
one country (only where that name belongs to a single person id in each legislature).
Standard library only; reads the git directory with `git cat-file --batch`.
"""

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402

PEOPLE = "people/legislators.tsv"
PARTIES = "organizations/parties.tsv"
SNAPSHOT_YEAR = "2015"
MAX_ALIASES = 24

# Countries whose names the English press writes family name first: no reordering there.
FAMILY_NAME_FIRST = {"CN", "TW", "HK", "MO", "KP", "KR", "VN", "KH", "SG", "MY", "MM", "ID",
                     "LA", "BT", "MN", "JP"}
# Disputed or dependent territories with their own legislature: no country attribute rather
# than a contested one.
NO_COUNTRY = {"Abkhazia", "Nagorno-Karabakh", "Somaliland", "Transnistria", "South Ossetia"}
SKIP_COUNTRIES = {"United States of America"}
# Legislatures whose source lists every name family name first ("Adamopoulos Georgios",
# "AISSAOUI ABDELHAMID"): the last word, the given name, goes first.
FAMILY_FIRST_SOURCES = {"Greece/Parliament", "Algeria/Majlis"}
# ... and those whose first word is the family name ("ZOURE JEAN CELESTIN").
FAMILY_NAME_FIRST_WORD = {"Burkina-Faso/Assembly"}
# A member of a devolved legislature may also have sat at Westminster: same person.
MERGE_COUNTRY = {"scotland": "united-kingdom", "wales": "united-kingdom",
                 "northern-ireland": "united-kingdom", "greenland": "denmark",
                 "faroe-islands": "denmark"}


class Git:
    def __init__(self, git_dir):
        self.proc = subprocess.Popen(
            ["git", "-C", git_dir, "cat-file", "--batch"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )

    def read(self, spec):
        self.proc.stdin.write((spec + "\n").encode())
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode().split()
        if len(header) < 3 or header[1] == "missing":
            return None
        size = int(header[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)
        return data.decode("utf-8")


# --- names --------------------------------------------------------------------------------

TITLES = [
    # longest first; matched case-insensitively at the start of a name, with or without a dot
    "right honourable", "rt hon", "rt. hon", "the hon", "hon", "honourable", "honorable",
    "dato' sri", "dato sri", "datuk seri", "datuk sri", "dato' seri", "dato seri", "tan sri",
    "datuk", "dato'", "dato", "datin paduka", "datin", "tun", "toh puan", "puan sri", "puan",
    "tuan", "encik", "yb", "ybhg", "haji", "hajjah", "hj", "hjh", "alhaji", "alhaja", "chief",
    "sir", "dame", "dr", "dr.-ing", "drs", "prof", "professor", "mr", "mrs", "ms", "miss", "mme",
    "mlle", "m", "sen", "senator", "rep", "deputy", "engr", "eng", "ing", "arch", "barr", "barrister",
    "atty", "adv", "advocate", "rev", "reverend", "pastor", "bishop", "sheikh", "shaikh", "sheik",
    "col", "gen", "lt", "capt", "maj", "brig", "amb", "ambassador", "justice", "mag", "dipl.-ing",
    "ir", "h", "dra", "lic", "licda", "lcda", "lcdo", "abg", "pehin", "awang", "dayang",
    "pengiran", "begawan", "yang berhormat", "pr", "dott", "on", "hon'ble", "shri", "smt",
    "kumari", "sri", "thiru", "tmt", "ustaz", "ustazah", "deputado", "deputada", "diputado",
    "diputada", "député", "députée", "alhaj", "alhagi", "al-haj", "al-hajj", "hajji", "alh",
]
TITLE_RE = re.compile(
    r"^(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")\.?(?:\s+|(?<=\.))", re.IGNORECASE,
)
POSTNOMINAL_RE = re.compile(
    r"(?:,?\s+(?:MP|M\.P\.|QC|KC|SC|OBE|CBE|MBE|KBE|DBE|CMG|PC|MLA|MHA|MNA|MPP|TD|MSP|AM|"
    r"PhD|Ph\.D\.|MD|JP|OAM|AO|AC|ONZM|CNZM|QSO|KNZM|DCNZM|MHK|SPK|LLB|FRCS))+\.?$"
)
MOJIBAKE = re.compile(r"Ã.|Â|â€|Å\W|Ð.|\ufffd|&[a-z]+;|\\")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
ALNUM = re.compile(r"[^\W\d_]")

# One-character title words that start a name only as honorifics, e.g. Indonesian "H." (Haji)
# are handled by TITLE_RE; "M." (Monsieur) too, so a given name abbreviated to an initial
# ("M. Smith") loses it and is then rejected as a single word: a precision choice.


def script_of(ch):
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else ""


def scripts(text):
    return {script_of(c) for c in text if c.isalpha()}


NONLATIN_TITLE_RE = re.compile(
    r"^(?:मा\.|माननीय|डा\.|डा\b|د\s*\.|م\s*\.|أ\s*\.|الدكتورة?|الشيخة?|المهندسة?|السيدة?|"
    r"اللواء|العميد|الحاج|الحاجة)\s*"
)


def strip_titles(name):
    name = " ".join(name.split())
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()  # "Adolf Ahrens (Bremen)"
    name = re.sub(r"\s*\[[^\]]*\]\s*", " ", name).strip()
    # "MAHIOUS NEE GHLAMALLAH FATMA": the maiden name is not part of how she is named
    name = re.sub(r"\s+(?:n[ée]e|[ée]pouse|[ée]p\.)\s+\S+", "", name, flags=re.IGNORECASE)
    for _ in range(4):
        new = NONLATIN_TITLE_RE.sub("", TITLE_RE.sub("", name).strip()).strip()
        if new == name:
            break
        name = new
    name = POSTNOMINAL_RE.sub("", name).strip()
    return name.strip(" ,;-")


def is_caps_word(token):
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def uncaps(name):
    """`ЧЕТИН ХЮСЕИН КАЗАК` -> `Четин Хюсеин Казак`, `АБЫТОВ Алмасбек` -> `Абытов Алмасбек`:
    capitals written for emphasis (the word order is left as it is)."""
    return fix_caps(name)


def title_word(token):
    return "-".join(p[:1].upper() + p[1:].lower() if p else p for p in token.split("-"))


def reorder(name, sort_name, given, family, country_code):
    """`Given Family` where the source makes the order clear; otherwise the name unchanged."""
    tokens = name.split()
    if len(tokens) < 2:
        return name
    # "Surname, Given"
    if name.count(",") == 1:
        family_part, given_part = [p.strip() for p in name.split(",")]
        if family_part and given_part and not re.match(r"^(jr|sr|ii|iii|iv)\.?$", given_part, re.I):
            return f"{given_part} {family_part}"
    # sort_name "Ioan ADAM" for name "Adam Ioan": the capitals mark the family name.
    sort_tokens = (sort_name or "").rstrip("!").split()
    if (len(sort_tokens) == len(tokens) and tokens_key(sort_name) == tokens_key(name)
            and any(is_caps_word(t) and len(t) >= 3 and not ROMAN.match(t) for t in sort_tokens)
            and not all(is_caps_word(t) or ROMAN.match(t) for t in sort_tokens)):
        family_ = [t for t in sort_tokens if is_caps_word(t) and not ROMAN.match(t)]
        given_ = [t for t in sort_tokens if t not in family_]
        return fix_caps(patronymic_order(" ".join(given_ + family_)))
    caps = [is_caps_word(t) for t in tokens]
    if all(caps):
        return " ".join(title_word(t) for t in tokens)
    # "MERKEL Angela" (family names in capitals first) or "Angela MERKEL"
    if caps[0] and not all(caps):
        n = 0
        while n < len(tokens) and caps[n]:
            n += 1
        if all(not c for c in caps[n:]):
            return patronymic_order(" ".join(tokens[n:] + [title_word(t) for t in tokens[:n]]))
    if caps[-1] and not caps[0]:
        n = len(tokens)
        while n > 0 and caps[n - 1]:
            n -= 1
        if all(not c for c in caps[:n]):
            return " ".join(tokens[:n] + [title_word(t) for t in tokens[n:]])
    if country_code in FAMILY_NAME_FIRST:
        return name
    if given and family and name == f"{family} {given}":
        return f"{given} {family}"
    if given and not family and name.endswith(" " + given) and not name.startswith(given + " "):
        return f"{given} {name[: -len(given) - 1]}"
    if sort_name and sort_name.count(",") == 1:
        family_part, given_part = [p.strip() for p in sort_name.rstrip("!").split(",")]
        if family_part and given_part and name == f"{family_part} {given_part}":
            return f"{given_part} {family_part}"
    # "Arapbaev Azamat Abdullazhanovich": family name, given name, patronymic.
    return fix_caps(patronymic_order(name))


def patronymic_order(name):
    """`Arapbaev Azamat Abdullazhanovich` (family, given, patronymic) -> `Azamat Arapbaev`."""
    tokens = name.split()
    if len(tokens) == 3 and PATRONYMIC.search(tokens[2]) and not PATRONYMIC.search(tokens[0]):
        return f"{tokens[1]} {tokens[0]}"
    if len(tokens) == 3 and PATRONYMIC.search(tokens[1]) and not PATRONYMIC.search(tokens[2]):
        return f"{tokens[0]} {tokens[2]}"  # "Azamat Abdullazhanovich Arapbaev"
    return name


PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ович|евич|овна|евна|овіч|евіч|івна|ївна)$")
ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)\.?,?$")


def fix_caps(name):
    """`EFFIOM Willie NDEP OROCK` -> `Effiom Willie Ndep Orock`: capitals only for emphasis
    (also `CHolpon`, a transliterated `Ч`, -> `Cholpon`)."""
    return " ".join(
        title_word(t) if (is_caps_word(t) and not ROMAN.match(t))
        or re.match(r"^[A-Z]{2}[a-z]{2,}$", t) else t
        for t in name.split()
    )


def good_name(name):
    """A full name that looks like a real one."""
    if not kgxdict.is_full_name(name):
        return False
    if len(name) < 4 or len(name) > 60 or len(name.split()) > 7:
        return False
    if re.search(r"[0-9@?!#*+=|;:_<>{}\[\]\"/\\]", name) or MOJIBAKE.search(name):
        return False
    if not ALNUM.match(name[0]):
        return False
    letters = scripts(name)
    if len(letters) > 1:  # mixed scripts: garbled
        return False
    if "MYANMAR" in letters:  # the source's Burmese is Zawgyi-encoded, not Unicode
        return False
    if LATIN.search(name) and not any(c.isupper() for c in name):
        return False
    if LATIN.search(name) and is_caps_word(name.replace(" ", "")):
        return False  # still all capitals
    tokens = name.split()
    if all(len(t.rstrip(".")) <= 1 for t in tokens[:-1]) and len(tokens) == 2:
        return False  # "J. Smith"
    if re.search(r"(?i)\b(unknown|vacant|n/a|tbd|member|deputy|senator|minister)\b", name):
        return False
    return True


LETTERS = str.maketrans({"ʻ": "", "ʼ": "", "ı": "i", "ł": "l", "ø": "o", "œ": "oe", "æ": "ae", "ß": "ss",
                        "đ": "d", "ħ": "h", "ŀ": "l", "þ": "th", "ð": "d"})


def key(name):
    """Folded and without punctuation, for comparing names (`Yılmaz` = `Yilmaz`)."""
    return re.sub(r"[\W_]+", "", kgxdict.fold(name).translate(LETTERS))


def tokens_key(name):
    return tuple(sorted(re.findall(r"[^\W_]+", kgxdict.fold(name))))


# --- parties ------------------------------------------------------------------------------

PLACEHOLDER = re.compile(
    r"^(?:independ\w*|ind[eé]pendants?|independien\w*|independente?s?|unknown|none|ohne\b.*|"
    r"non\b.*|non-\w.*|n/a|-+|\.+|misto\b.*|mixed group|grupo mixto|vacant|speaker|"
    r"independent (?:candidates?|aspirants?|members?|within\b.*|conservatives?|labour|"
    r"ulster unionists?|unionists?|mps?)|unaffiliated|nonpartisan|non[- ]partisan|"
    r"no party|sans [eé]tiquette|parteilos\w*|fraktionslos\w*|bez\b.*|other|others|"
    r"non-constituency member of parliament|otros(?: movimientos)?|otro|aucun\b.*|sans\b.*|"
    r"sin (?:bancada|partido|bloque)\b.*|pa grup\b.*|bez\w*\b.*|nezavis\w*|nez[aá]visl\w*|"
    r"indep\.?|ind[eé]p\.?|ind\.?|senza\b.*|f[aă]r[aă] .*|t a|divers\b.*|autres?|others?|"
    r"anexartit\w*|anexartit\w* dimokratik\w* vouleft\w*|persons? with disabilit\w*|disabled|youth|women|workers|army|military|"
    r"defen[cs]e services|armed forces|appointed|nominated|ex[- ]officio|government|opposition|"
    r"majority|minority|chiefs?|traditional leaders?|nominated\b.*|s)$",
    re.IGNORECASE,
)
# Where the "group" column holds something other than parties (Somalia: clans).
NO_PARTIES = {"Somalia", "Iran"}  # Iran: combinations of electoral lists
GROUP_PREFIX = re.compile(r"^(?:the\s+)?(?:parl[ia]*mentary\s+)?group\s+of\s+(?:the\s+)?|^the\s+|"
                          r"^klub\s+(?:parlamentarny|poselski)\s+|^(?:poslaneck[yý]\s+)?klub\s+|"
                          r"^grupi\s+(?:parlamentar\s+)?i\s+",
                          re.IGNORECASE)
SMALL = {"de", "des", "du", "la", "le", "les", "da", "do", "dos", "das", "e", "et", "y", "of",
         "the", "and", "for", "pour", "del", "di", "der", "und", "für", "van", "von", "en", "el",
         "a", "al", "per", "i", "och", "og", "na", "za", "dla", "pro", "para", "por"}


def party_title(name):
    words = name.split()
    if len(words) < 2 or not all(
        is_caps_word(w) or sum(c.isalpha() for c in w) <= 1 for w in words
    ) or not any(is_caps_word(w) for w in words):
        return name
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in SMALL else title_word(w))
    return " ".join(out)


def party_forms(raw):
    """(name, [aliases]) of a party label, or None for a placeholder."""
    raw = GROUP_PREFIX.sub("", " ".join(raw.split()))
    if not raw or PLACEHOLDER.match(kgxdict.fold(raw)):
        return None
    aliases = []
    m = re.match(r"^(.*?)\s*\(([^()]+)\)$", raw)
    name = raw
    if m:
        outer, inner = m.group(1).strip(), m.group(2).strip()
        if re.fullmatch(r"[A-ZÀ-Ý0-9&'.-]{2,}", inner):
            name, aliases = outer, [inner]
        elif len(inner.split()) >= 2 and LATIN.search(inner):
            name, aliases = inner, [outer]  # "ANEXARTITOI ELLINES (Independent Hellenes)"
        else:
            name = outer
    if not name or PLACEHOLDER.match(kgxdict.fold(name)):
        return None
    if re.fullmatch(r"[A-ZÀ-Ý]{2,}(?:[-/][A-ZÀ-Ý]{2,})?", name):
        aliases.insert(0, name)  # an acronym alone: keep it as an alias candidate too
    name = party_title(name)
    aliases = [party_title(a) if len(a.split()) > 1 else a for a in aliases]
    return name, aliases


def party_ok(name):
    if "MYANMAR" in scripts(name) or len(scripts(name)) > 1:
        return False
    if re.search(r"[0-9@?!#*+=|;<>{}\[\]\"\\]", name) or MOJIBAKE.search(name):
        return False
    if not ALNUM.match(name[0]):
        return False
    if LATIN.search(name) and not any(c.isupper() for c in name):
        return False
    if re.search(r"(?i)\b(independents?|unknown|vacant)\b", name) and len(name.split()) <= 2:
        return False
    return True


# A party's acronym of three letters or fewer is more often something else in the news ("ABC",
# Lesotho's All Basotho Convention, beside the broadcaster).
MIN_ACRONYM = 4


def is_acronym(name):
    return re.fullmatch(r"[A-ZÀ-Ý]{3,}", name) is not None


# --- reading ------------------------------------------------------------------------------

def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def year(text):
    m = re.match(r"^(\d{4})", text or "")
    return m.group(1) if m else None


def legislature_role(name, country):
    generic = {"national", "assembly", "house", "of", "representatives", "senate", "parliament",
               "chamber", "deputies", "congress", "council", "legislative", "people's", "peoples",
               "the", "federal", "supreme", "grand", "general", "states", "lower", "upper",
               "house", "assembleia", "asamblea", "assemblée", "nationale", "nacional", "chief",
               "pleas", "legislature", "lagting", "parlament", "parlamento", "majlis", "commons",
               "nationale", "assemblée", "kamer", "sénat", "senado", "cámara", "diputados"}
    words = [w.lower() for w in name.replace("’", "'").split()]
    role = f"Member of the {name}"
    if all(w in generic for w in words) and country:
        role += f" of {country}"
    return role


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--commit", required=True)
    args = ap.parse_args()
    git = Git(args.git_dir)
    commit = args.commit

    countries_table = kgxdict.countries()
    words = kgxdict.english_words()
    index = json.loads(git.read(f"{commit}:countries.json"))

    persons = {}  # (legislature slug, ep id) -> record
    parties = {}  # (legislature slug, group id) -> record
    stats = Counter()

    for country in sorted(index, key=lambda c: c["slug"]):
        if country["name"] in SKIP_COUNTRIES:
            stats["legislatures skipped (US Congress)"] += len(country["legislatures"])
            continue
        code = country["code"].upper()
        if country["name"] in NO_COUNTRY:
            country_id = None
        else:
            country_id = (
                countries_table.get(kgxdict.fold(country["country"]))
                or countries_table.get(kgxdict.fold(country["name"]))
                or countries_table.get(code)
                or (countries_table.get(code.split("-")[0]) if code.startswith("GB-") else None)
            )
        for leg in sorted(country["legislatures"], key=lambda l: l["slug"]):
            lkey = f"{country['slug']}/{leg['slug']}"
            role = legislature_role(leg["name"], country["name"])
            periods = {p["id"].split("/", 1)[-1]: p for p in leg["legislative_periods"]}
            popolo_text = git.read(f"{commit}:{leg['popolo']}") if leg.get("popolo") else None
            popolo = json.loads(popolo_text) if popolo_text else None
            stats["legislatures with popolo" if popolo else "legislatures from CSV only"] += 1
            pinfo, org_wikidata = {}, {}
            if popolo:
                for p in popolo.get("persons", []):
                    pinfo[p["id"]] = p
                for o in popolo.get("organizations", []):
                    if o.get("classification") == "party":
                        for ident in o.get("identifiers", []) or []:
                            if ident.get("scheme") == "wikidata":
                                org_wikidata[o["id"].split("/", 1)[-1]] = ident["identifier"]
            names_text = git.read(f"{commit}:{leg['names']}") if leg.get("names") else None
            variants = defaultdict(list)
            for row in read_csv(names_text or "name,id\n"):
                variants[row["id"]].append(row["name"])
            for period_id, period in sorted(periods.items()):
                text = git.read(f"{commit}:{period['csv']}")
                if text is None:
                    stats["term files missing"] += 1
                    continue
                for row in read_csv(text):
                    pid = row["id"]
                    rec = persons.setdefault((lkey, pid), {
                        "legislature": lkey, "ep_id": pid, "country": country_id,
                        "country_name": country["name"], "code": code, "role": role,
                        "names": [], "sort_names": [], "terms": set(), "starts": [], "ends": [],
                        "groups": [],
                    })
                    rec["names"].append(row["name"])
                    if row.get("sort_name"):
                        rec["sort_names"].append(row["sort_name"])
                    rec["terms"].add((lkey, period_id))
                    start = year(row.get("start_date")) or year(period.get("start_date"))
                    end = year(row.get("end_date")) or year(period.get("end_date"))
                    if start:
                        rec["starts"].append(start)
                    rec["ends"].append(end or SNAPSHOT_YEAR)
                    order = (period.get("start_date") or "", period_id)
                    group_id = row.get("group_id") or row.get("group") or ""
                    rec["groups"].append((order, row.get("group", ""), group_id))
                    if row.get("group") and country["name"] not in NO_PARTIES:
                        party = parties.setdefault((lkey, group_id), {
                            "labels": Counter(), "members": set(), "country": country_id,
                            "wikidata": org_wikidata.get(group_id), "terms": set(),
                        })
                        party["labels"][row["group"]] += 1
                        party["members"].add(pid)
                        party["terms"].add((lkey, period_id))
            for (lk, pid), rec in persons.items():
                if lk != lkey:
                    continue
                rec["variants"] = variants.get(pid, [])
                p = pinfo.get(pid, {})
                rec["wikidata"] = next(
                    (i["identifier"] for i in p.get("identifiers", []) or []
                     if i.get("scheme") == "wikidata"), None)
                rec["given"] = p.get("given_name")
                rec["family"] = p.get("family_name")
                rec["popolo_name"] = p.get("name")
                rec["other_names"] = [
                    (o.get("lang") or "", o.get("name") or "") for o in p.get("other_names", []) or []
                ]

    # --- canonical names and aliases per record ---
    for rec in persons.values():
        code = rec["code"]
        sort_name = rec["sort_names"][-1] if rec["sort_names"] else ""
        source_names = [rec.get("popolo_name")] if rec.get("popolo_name") else []
        source_names += list(reversed(rec["names"]))  # the latest term's form first
        fixed = []
        for n in source_names:
            n = strip_titles(n)
            if rec["legislature"] in FAMILY_FIRST_SOURCES and "," not in n and len(n.split()) >= 2:
                words_ = uncaps(re.sub(r"\s+-\s+", "-", n)).split()
                n = " ".join(words_[-1:] + words_[:-1])
            elif rec["legislature"] in FAMILY_NAME_FIRST_WORD and "," not in n and len(n.split()) >= 2:
                words_ = uncaps(n).split()
                n = " ".join(words_[1:] + words_[:1])
            n = reorder(n, sort_name, rec.get("given"), rec.get("family"), code)
            n = strip_titles(n)
            fixed.append(n)
        english = [patronymic_order(strip_titles(n)) for lang, n in rec["other_names"]
                   if lang in ("en", "en-gb", "en-ca", "en-us", "en-au")]
        english = [n for n in english if good_name(n) and scripts(n) == {"LATIN"}]
        canonical = None
        if english:
            src_tokens = set(re.findall(r"[^\W_]+", kgxdict.fold(" ".join(fixed))))
            for n in english:
                shares = set(re.findall(r"[^\W_]+", kgxdict.fold(n))) & src_tokens
                if shares or rec.get("wikidata"):
                    canonical = n
                    break
        if canonical is None:
            latin = [n for n in fixed if good_name(n) and scripts(n) == {"LATIN"}]
            others = [n for n in fixed if good_name(n)]
            canonical = (latin or others or [None])[0]
        rec["canonical"] = canonical
        rec["source_forms"] = [
            uncaps(n) for n in fixed + [strip_titles(v) for v in rec["variants"]]
            if good_name(uncaps(n))
        ]
        if canonical is None:
            continue
        forms = fixed + [strip_titles(n) for _, n in rec["other_names"]]
        forms += [strip_titles(n) for n in rec["variants"]]
        forms = [uncaps(n) for n in forms]
        aliases, seen = [], {key(canonical)}
        canon_tokens = tokens_key(canonical)
        for n in forms:
            n = " ".join(n.split())
            if not good_name(n) or key(n) in seen:
                continue
            if tokens_key(n) == canon_tokens:
                stats["aliases dropped: reordered canonical"] += 1
                continue
            if "," in n:  # "Маоате, Терепаи": a list form, not how a text names someone
                continue
            seen.add(key(n))
            aliases.append(n)
        rec["aliases"] = aliases

    # --- merge records of one person ---
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_wikidata, by_name = defaultdict(list), defaultdict(list)
    for k, rec in sorted(persons.items()):
        if rec["canonical"] is None:
            continue
        find(k)
        if rec.get("wikidata"):
            by_wikidata[rec["wikidata"]].append(k)
        country_key = MERGE_COUNTRY.get(rec["country"], rec["country"]) or rec["country_name"]
        for n in {rec["canonical"]} | set(rec["source_forms"]):
            by_name[(country_key, key(n))].append(k)
    for ks in by_wikidata.values():
        for k in ks[1:]:
            union(ks[0], k)
    # Same folded name in the same country: one person, unless they have different Wikidata
    # ids. EveryPolitician's ids of 2015 are per term in some legislatures (Bulgaria, Cameroon)
    # and repeated within a term in others (Nigeria), so this also joins those.
    group_wd = defaultdict(set)
    for k, rec in persons.items():
        if rec["canonical"] is None:
            continue
        if rec.get("wikidata"):
            group_wd[find(k)].add(rec["wikidata"])
    for name_key, ks in sorted(by_name.items()):
        for k in ks[1:]:
            ra, rb = find(ks[0]), find(k)
            if ra == rb:
                continue
            wa, wb = group_wd[ra], group_wd[rb]
            if wa and wb and wa != wb:
                continue
            union(ra, rb)
            root = find(ra)
            group_wd[root] = wa | wb
    groups = defaultdict(list)
    for k in sorted(persons):
        if persons[k]["canonical"] is None:
            stats["people dropped: no usable full name"] += 1
            continue
        groups[find(k)].append(k)

    # --- parties ---
    party_records = {}  # merged key -> record
    party_label = {}  # (legislature, group id) -> kept party name
    pparent = {}

    def pfind(x):
        while pparent.setdefault(x, x) != x:
            x = pparent[x]
        return x

    pforms = {}
    for pk, party in sorted(parties.items()):
        label = sorted(party["labels"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        forms = party_forms(label)
        if forms is None or not party_ok(forms[0]):
            stats["party labels dropped: placeholder or garbled"] += 1
            continue
        pforms[pk] = forms
    by_wd, by_nm = defaultdict(list), defaultdict(list)
    for pk in sorted(pforms):
        pfind(pk)
        if parties[pk]["wikidata"]:
            by_wd[parties[pk]["wikidata"]].append(pk)
        country_key = MERGE_COUNTRY.get(parties[pk]["country"], parties[pk]["country"])
        by_nm[(country_key or pk[0].split("/")[0], key(pforms[pk][0]))].append(pk)
    for ks in list(by_wd.values()) + list(by_nm.values()):
        for k in ks[1:]:
            ra, rb = pfind(ks[0]), pfind(k)
            if ra != rb:
                pparent[max(ra, rb)] = min(ra, rb)
    pgroups = defaultdict(list)
    for pk in sorted(pforms):
        pgroups[pfind(pk)].append(pk)
    for root, pks in pgroups.items():
        best = max(pks, key=lambda pk: (len(parties[pk]["members"]), pk))
        name, aliases = pforms[best]
        for pk in pks:
            for a in [pforms[pk][0]] + pforms[pk][1]:
                if a not in aliases and a != name:
                    aliases.append(a)
        members = set()
        for pk in pks:
            members |= {(pk[0], m) for m in parties[pk]["members"]}
        party_records[root] = {
            "name": name, "aliases": aliases, "country": parties[best]["country"],
            "wikidata": next((parties[pk]["wikidata"] for pk in pks if parties[pk]["wikidata"]), None),
            "members": len(members),
        }
        for pk in pks:
            party_label[pk] = name

    # --- people rows ---
    known = kgxdict.known_before(PEOPLE)
    taken = set(known.ids)
    merged = []
    for root, ks in groups.items():
        recs = [persons[k] for k in ks]
        terms = set().union(*(r["terms"] for r in recs))
        latest = max(recs, key=lambda r: (max(g[0] for g in r["groups"]), r["legislature"]))
        # The canonical name: an English one from Wikidata labels if any record has one.
        canonical = latest["canonical"]
        for r in recs:
            if scripts(canonical) != {"LATIN"} and scripts(r["canonical"]) == {"LATIN"}:
                canonical = r["canonical"]
        aliases, seen = [], {key(canonical)}
        canon_tokens = tokens_key(canonical)
        for r in recs:
            for a in [r["canonical"]] + r["aliases"]:
                if key(a) in seen or tokens_key(a) == canon_tokens:
                    continue
                seen.add(key(a))
                aliases.append(a)
        # Latin-script aliases first, then the others; at most MAX_ALIASES.
        aliases = sorted(aliases, key=lambda a: (scripts(a) != {"LATIN"}, 0))[:MAX_ALIASES]
        wikidata = next((r["wikidata"] for r in recs if r.get("wikidata")), None)
        starts = [y for r in recs for y in r["starts"]]
        ends = [y for r in recs for y in r["ends"]]
        years = ""
        if starts:
            first, last = min(starts), max(ends + starts)
            years = first if first == last else f"{first}-{last}"
        order, group, group_id = max(latest["groups"])
        party = party_label.get((latest["legislature"], group_id), "")
        merged.append((canonical, aliases, {
            "wikidata": wikidata or "",
            "country": latest["country"] or "",
            "role": latest["role"],
            "years": years,
            "party": party if party and 3 <= len(party) <= 60 else "",
            "prominence": len(terms),
        }, ks))

    rows = []
    for canonical, aliases, attributes, ks in sorted(
        merged, key=lambda m: (-m[2]["prominence"], m[0], m[3][0])
    ):
        if attributes["wikidata"] and attributes["wikidata"] in known.wikidata:
            stats["people dropped: Wikidata id already known"] += 1
            continue
        if any(known.has_name(n) for n in [canonical] + aliases):
            stats["people dropped: name already known"] += 1
            continue
        base = kgxdict.slug(canonical) or next(
            (kgxdict.slug(a) for a in aliases if kgxdict.slug(a)),
            f"{attributes['country'] or 'x'}-person")
        if attributes["wikidata"]:
            entity_id = f"{base}-{attributes['wikidata'].lower()}"
            if entity_id in taken:
                entity_id = kgxdict.unique_id(entity_id, taken)
            else:
                taken.add(entity_id)
        else:
            entity_id = kgxdict.unique_id(base, taken)
        rows.append(kgxdict.flagged_row(entity_id, "person", canonical, aliases, attributes, words))
    people_header = [
        "legislators.tsv: members of national and regional legislatures worldwide (bulk, generated)",
        f"generated by scripts/everypolitician/generate.sh from everypolitician/everypolitician-data@{commit} "
        "(CC0-1.0, as EveryPolitician publishes its data); do not edit by hand",
        "source: https://github.com/everypolitician/everypolitician-data (a snapshot of November 2015)",
        "regenerate: bash scripts/everypolitician/generate.sh /path/to/everypolitician-data.git",
        "prominence: the number of distinct legislative periods (terms) the person sat in, counted over",
        "  every legislature EveryPolitician lists (term-*.csv files)",
        f"years: first-last year of those terms; an open term ends at {SNAPSHOT_YEAR}, the snapshot's year",
        "United States Congress members are left out here: see us-congress.tsv",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes "
        "(wikidata, country, role, years, party, prominence)",
    ]
    kgxdict.write_dictionary(PEOPLE, people_header, rows)
    people_count = len(rows)

    # --- party rows ---
    known_p = kgxdict.known_before(PARTIES)
    taken = set(known_p.ids)
    acronyms = Counter()
    for rec in party_records.values():
        for a in {a for a in [rec["name"]] + rec["aliases"] if is_acronym(a)}:
            acronyms[a] += 1
    rows = []
    for root, rec in sorted(party_records.items(), key=lambda kv: (-kv[1]["members"], kv[1]["name"], kv[0])):
        name, aliases = rec["name"], []
        for a in rec["aliases"]:
            if is_acronym(a):
                if (acronyms[a] > 1 or a.lower() in words or known_p.has_name(a)
                        or len(a) < MIN_ACRONYM):
                    stats["party acronyms dropped: shared, common word or known"] += 1
                    continue
                aliases.append(a)
            elif kgxdict.is_full_name(a) and len(a.split()) > 1 and party_ok(a):
                aliases.append(a)
        if len(name.split()) == 1 and scripts(name) != {"LATIN"}:
            stats["parties dropped: one-word name shared or common"] += 1
            continue
        if len(name.split()) == 1:
            if rec["members"] < (20 if len(name) <= 4 else 10) or (
                is_acronym(name) and (acronyms[name] > 1 or len(name) < MIN_ACRONYM)
            ):
                # a bare word or short acronym of a small party ("UPM", "Mizrahi") is more often
                # something else
                stats["parties dropped: one-word name shared or common"] += 1
                continue
            if kgxdict.fold(name) in words or len(name) < 3 or known_p.has_name(name):
                stats["parties dropped: one-word name shared or common"] += 1
                continue
            # a one-word name is kept case-sensitive ("Fidesz", "SYRIZA")
            display = name if is_acronym(name) else "=" + name
        else:
            display = kgxdict.flag_common_words(name, words)
            if kgxdict.all_common_words(name, words):
                # "Green Party", "Independence Party": common words only name a kind of party,
                # and other countries' parties of that kind ("Scottish Green Party") contain it
                stats["parties dropped: name of common words only"] += 1
                continue
        if rec["wikidata"] and rec["wikidata"] in known_p.wikidata:
            stats["parties dropped: Wikidata id already known"] += 1
            continue
        if any(known_p.has_name(n) for n in [name] + aliases):
            stats["parties dropped: name already known"] += 1
            continue
        base = kgxdict.slug(name) or next(
            (kgxdict.slug(a) for a in aliases if kgxdict.slug(a)), f"{rec['country'] or 'x'}-party")
        entity_id = kgxdict.unique_id(base, taken)
        rows.append((
            entity_id, "organization", display,
            [a if is_acronym(a) else kgxdict.flag_common_words(a, words) for a in aliases],
            {"wikidata": rec["wikidata"] or "", "country": rec["country"] or "", "kind": "party",
             "prominence": rec["members"]},
        ))
    party_header = [
        "parties.tsv: political parties with seats in national and regional legislatures (bulk, generated)",
        f"generated by scripts/everypolitician/generate.sh from everypolitician/everypolitician-data@{commit} "
        "(CC0-1.0, as EveryPolitician publishes its data); do not edit by hand",
        "source: https://github.com/everypolitician/everypolitician-data (a snapshot of November 2015)",
        "regenerate: bash scripts/everypolitician/generate.sh /path/to/everypolitician-data.git",
        "prominence: the number of distinct legislators who sat for the party (term-*.csv group column)",
        "names are the parties' own labels in the source (often in the local language); placeholders",
        "  (Independent, unknown, non-attached, mixed groups) and names of common English words only",
        "  (\"Green Party\": a kind of party, not one) are left out; a one-word name is",
        "  case-sensitive (=); an all-capitals acronym only when it has four letters or more and no",
        "  other party here shares it",
        "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes (wikidata, country, kind, prominence)",
    ]
    kgxdict.write_dictionary(PARTIES, party_header, rows)
    for k, v in sorted(stats.items()):
        print(f"everypolitician: {k}: {v}", file=sys.stderr)
    print(f"everypolitician: {people_count} people, {len(rows)} parties", file=sys.stderr)


if __name__ == "__main__":
    main()
