"""Company names as the press writes them, shared by the listing generators
(scripts/sp500, scripts/nasdaq-listings, scripts/nyse-listings).

- `press_forms(legal)` strips legal suffixes and share-class notes: "Exxon Mobil Corporation" ->
  base "Exxon Mobil", aliases "Exxon Mobil Corporation", "Exxon Mobil Corp.".
- `PersonNames` holds the common US first names and surnames (US Census 1990 lists shipped by
  the PyPI package `names` 0.3.0, MIT) plus every name word of the people in the dictionaries
  listed before the target file: a one-word company name that is also a person's name
  ("Cummins", "Allen") is never used on its own.
- `Builder` applies the bulk rules of dictionaries/README.md to one file's companies.

Standard library only.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import kgxdict  # noqa: E402

# Trailing legal-form words, longest first; matched case-sensitively after an optional comma.
LEGAL_SUFFIXES = [
    "S.A.B. de C.V.", "S.A. de C.V.", "SAB de CV", "S.p.A.", "S.p.A", "P.L.C.", "L.L.C.",
    "N.V.", "S.A.", "S.E.", "L.P.", "Incorporated", "Corporation", "Company", "Limited",
    "Corp.", "Corp", "Inc.", "Inc", "Co.", "Ltd.", "Ltd", "plc", "PLC", "Plc", "LLC", "LP",
    "NV", "SA", "AG", "SE", "ASA", "A/S", "AB", "Oyj", "Co",
]
SHORT = {"Corporation": "Corp.", "Company": "Co.", "Incorporated": "Inc.", "Limited": "Ltd."}
SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:&\s+)?)(" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r")$"
)
CLASS_RE = re.compile(r"\s*\(?\b(?:Class|Series) [A-Z]\b\)?\s*$")
WORD = re.compile(r"[^\W_]+")
# One-word company names that the news mostly uses for something else (only the legal forms are kept).
NOT_MONONYM = {"Stryker"}  # the Stryker armoured vehicle


def tidy(text):
    text = " ".join(text.replace("\u2013", "-").split()).strip(" ,")
    if text == text.upper() and len(re.findall(r"[A-Z]{4,}", text)) >= 2:  # "MUELLER WATER PRODUCTS"
        text = re.sub(r"[A-Z]{4,}", lambda m: m.group(0).capitalize(), text)
    return text


def press_forms(legal):
    """(base, aliases): the name without legal suffixes and a leading "The", and the legal forms."""
    legal = CLASS_RE.sub("", tidy(legal))
    if legal.endswith(" (The)"):  # "Cooper Companies (The)"
        legal = "The " + legal[: -len(" (The)")]
    aliases = [legal]
    base = legal
    suffix = None
    for _ in range(2):  # "Co., Ltd.", "Holdings Co. Ltd"
        m = SUFFIX_RE.search(base)
        if not m or not WORD.search(base[: m.start()]):
            break
        suffix = suffix or m.group(1)
        base = base[: m.start()].rstrip(" ,&")
    base = re.sub(r"\s*\((?:Cayman|Holdings|BVI|Bermuda|USA|US|DE|Delaware)\)$", "", base)
    if base.startswith("The ") and len(WORD.findall(base)) > 1:
        aliases.append(legal[4:])
        base = base[4:]
    if suffix and base != legal:
        plain = legal.replace(", ", " ", 1) if legal.count(",") == 1 else legal
        aliases.append(plain)
        if suffix in SHORT and base.count(" ") < 8:
            aliases.append(f"{base} {SHORT[suffix]}")
    return base, aliases


class PersonNames:
    """Common given names and surnames: a one-word company name must not be one of them."""

    def __init__(self, names_dir, before, top_surnames=10000):
        self.words = set()
        for fname, limit in (("dist.male.first", None), ("dist.female.first", None),
                             ("dist.all.last", top_surnames)):
            with open(os.path.join(names_dir, fname), encoding="ascii") as f:
                for i, line in enumerate(f):
                    if limit is not None and i >= limit:
                        break
                    if line.strip():
                        self.words.add(kgxdict.fold(line.split()[0]))
        for rel in before:
            for _id, kind, name, aliases, _a in kgxdict.read_entries(
                os.path.join(kgxdict.DICTIONARIES, rel)
            ):
                if kind != "person":
                    continue
                for alias in [name] + aliases:
                    if not alias.startswith("!"):
                        self.words.update(WORD.findall(kgxdict.fold(alias.lstrip("^="))))

    def __contains__(self, word):
        return kgxdict.fold(word) in self.words


class Builder:
    """Collects one file's companies and turns them into rows under the bulk rules."""

    def __init__(self, target, names_dir, strict_common=False, one_word_prominence=1):
        """strict_common: leave out two-word names made only of common words ("First Bank"),
        which obscure listings share with too many other bodies; the S&P 500 keeps them (=)."""
        self.target = target
        self.strict_common = strict_common
        # one-word names only for companies at least this prominent (the smaller listings are
        # too obscure for a mononym, even a case-sensitive one)
        self.one_word_prominence = one_word_prominence
        self.known = kgxdict.known_before(target)
        order = kgxdict.builtin_list()
        self.people = PersonNames(names_dir, order[: order.index(target)])
        # US ticker symbols are unique across the US exchanges: a company whose ticker an earlier
        # file has (the S&P 500's "Capital One" is NYSE's "Capital One Financial") is left out.
        self.known_tickers = set()
        for rel in order[: order.index(target)]:
            for _i, _k, _n, _a, attributes in kgxdict.read_entries(
                os.path.join(kgxdict.DICTIONARIES, rel)
            ):
                if "ticker" in attributes:
                    self.known_tickers.add(attributes["ticker"])
        self.words = kgxdict.english_words()
        self.items = []  # (prominence, legal, attributes)
        self.skipped = {"known": 0, "one-word": 0, "ambiguous": 0}

    def add(self, legal, attributes, prominence):
        self.items.append((prominence, tidy(legal), attributes))

    def one_word_ok(self, base):
        # "Campbell's" is one word: the surname in "Mr Campbell's label"
        words = WORD.findall(re.sub(r"['\u2019]s\b", "", base))
        if len(words) != 1:
            return False
        short_code = re.fullmatch(r"[0-9A-Z]{2,3}", words[0]) and re.search(r"\d", words[0])
        if len(words[0]) < 4 and not short_code:  # "3M" yes, "IT" no
            return False
        w = kgxdict.fold(words[0])
        if base in NOT_MONONYM:
            return False
        return w not in self.words and words[0] not in self.people and not w.isdigit()

    def entry(self, legal, prominence):
        """(name, aliases) for a legal name, or None when no safe name is left."""
        base, legal_forms = press_forms(legal)
        names = []
        if kgxdict.is_full_name(base):
            names.append(kgxdict.flag_common_words(base, self.words))
        elif prominence >= self.one_word_prominence and self.one_word_ok(base):
            names.append("=" + base)
        for form in legal_forms:
            if kgxdict.is_full_name(form):
                names.append(kgxdict.flag_common_words(form, self.words))
        seen, out = set(), []
        for n in names:
            key = n.lstrip("=")
            if key == key.lower():  # "argenx": the press capitalizes it, and `=` would miss that
                continue
            if self.strict_common and n.startswith("=") and len(WORD.findall(n)) == 2 and all(
                w in self.words for w in WORD.findall(kgxdict.fold(n))
            ):
                continue
            if key not in seen:
                seen.add(key)
                out.append(n)
        return out or None

    def rows(self):
        """Rows sorted by id; a name shared by two different companies of the file is dropped."""
        candidates = {}
        for prominence, legal, attributes in sorted(self.items, key=lambda x: (-x[0], x[1])):
            names = self.entry(legal, prominence)
            if names is None:
                self.skipped["one-word"] += 1
                continue
            key = kgxdict.fold(names[0].lstrip("="))
            if key in candidates:
                if candidates[key][1] != legal:
                    candidates[key][3] = True  # two companies, one press name
                continue
            candidates[key] = [names, legal, dict(attributes, prominence=prominence), False]
        owners = {}
        for key, (names, _legal, _attrs, _amb) in candidates.items():
            for n in names:
                owners.setdefault(kgxdict.fold(n.lstrip("=")), set()).add(key)
        rows, taken = [], set(self.known.ids)
        for key, (names, legal, attrs, ambiguous) in sorted(candidates.items()):
            folded = [kgxdict.fold(n.lstrip("=")) for n in names]
            if ambiguous or any(len(owners[f]) > 1 for f in folded):
                self.skipped["ambiguous"] += 1
                continue
            base, legal_forms = press_forms(legal)
            every_form = folded + [kgxdict.fold(n) for n in [base] + legal_forms]
            if attrs.get("ticker") in self.known_tickers or attrs.get("wikidata") in self.known.wikidata or any(
                self.known.has_name(f) for f in every_form
            ):
                self.skipped["known"] += 1
                continue
            entity_id = kgxdict.unique_id(kgxdict.slug(names[0].lstrip("=")), taken)
            rows.append((entity_id, "organization", names[0], names[1:], attrs))
        print(f"{self.target}: skipped {self.skipped}", file=sys.stderr)
        return rows


NOT_COMPANY = re.compile(
    r"\b(?:ETF|ETFs|ETN|ETNs|Fund|Funds|Portfolio|Municipal|Closed-End)\b"
    r"|\bAcquisition(?:s)?\b(?!.*\b(?:Holdings|Group)\b)"  # blank-check companies (SPACs)
    r"|\bTrust\s*$"  # unit or royalty trusts, grantor trusts
    r"|\bTrust,? (?:Series|Units)\b",
    re.I,
)
BANK_WORDS = {"Bank", "Bancorp", "Bancshares", "Bankshares", "Banc", "Bancorporation", "Banking", "Banco"}


def is_operating_company(legal):
    """False for funds, ETFs, trusts and blank-check (acquisition) companies."""
    return not NOT_COMPANY.search(legal)


def kind_of(legal):
    return "bank" if BANK_WORDS & set(WORD.findall(legal)) else "company"
