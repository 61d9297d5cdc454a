"""Shared helpers for the dictionary generators under scripts/.

Every generator turns one pinned open-data source into one TSV file under dictionaries/,
in the format described in dictionaries/README.md. This module holds what they all need:

- the load order of the built-in files (dictionaries/builtin.list) and the entities that the
  files listed *before* a given file already define, so a bulk source never duplicates or
  shadows a curated entry (same Wikidata id, or same folded name);
- name folding (case, accents, spacing) as kgx folds names, and slugs for ids;
- the precision rules for bulk entries (full names only, common-word names case-sensitive);
- a deterministic, atomic TSV writer.

Standard library only, so a generator runs on any machine with Python 3.9+.
"""

import os
import re
import sys
import tempfile
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DICTIONARIES = os.path.join(REPO, "dictionaries")


def builtin_list():
    """The built-in dictionary files, relative to dictionaries/, in load order."""
    with open(os.path.join(DICTIONARIES, "builtin.list"), encoding="utf-8") as f:
        return [
            line.strip()
            for line in f
            if line.strip() and not line.lstrip().startswith("#")
        ]


# Letters kgx reads as a base letter with a mark, which Unicode does not decompose
# (the same table as src/text/fold.rs).
BASE_LETTERS = str.maketrans({
    "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
    "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h", "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th",
})


def fold(text):
    """Folds a name for comparison: no accents, no case, single spaces, straight quotes."""
    text = unicodedata.normalize("NFKD", text.translate(BASE_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def slug(text):
    """A lowercase ASCII id fragment: `Recep Tayyip Erdoğan` -> `recep-tayyip-erdogan`."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def read_entries(path):
    """Yields (id, type, name, aliases, attributes) of a dictionary file; aliases keep flags."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (5 - len(cols))
            aliases = [a for a in cols[3].split("|") if a]
            attributes = dict(
                pair.split("=", 1) for pair in cols[4].split(";") if "=" in pair
            )
            yield cols[0], cols[1], cols[2], aliases, attributes


class Known:
    """What the dictionaries listed before one file already define."""

    def __init__(self, before):
        self.ids = set()
        self.wikidata = set()
        self.names = set()
        self.squashed = set()
        for rel in before:
            for entity_id, _kind, name, aliases, attributes in read_entries(
                os.path.join(DICTIONARIES, rel)
            ):
                self.ids.add(entity_id)
                if "wikidata" in attributes:
                    self.wikidata.add(attributes["wikidata"])
                for alias in [name] + aliases:
                    if not alias.startswith("!"):
                        self.names.add(fold(alias.lstrip("^=")))
                        self.squashed.add(squash(alias.lstrip("^=")))

    def has_name(self, name):
        """Whether an earlier file has `name`, also spaced or punctuated otherwise
        ("JP Morgan Chase" beside "JPMorgan Chase")."""
        return fold(name) in self.names or squash(name) in self.squashed


def squash(name):
    """A folded name without spaces or punctuation (letters of any script stay)."""
    return re.sub(r"[\W_]+", "", fold(name)) or fold(name)


def known_before(target):
    """The entities of every built-in file listed before `target` (relative to dictionaries/).

    A generator's own file must already be in builtin.list: that is where it is loaded from."""
    order = builtin_list()
    if target not in order:
        sys.exit(f"{target} is not listed in dictionaries/builtin.list")
    return Known(order[: order.index(target)])


def english_words():
    """The common English words kgx's dictionary check uses (dictionaries/english-words.txt)."""
    with open(os.path.join(DICTIONARIES, "english-words.txt"), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def countries():
    """Maps ISO codes and folded country names and demonyms to kgx country ids."""
    table = {}
    for entity_id, _kind, name, aliases, attributes in read_entries(
        os.path.join(DICTIONARIES, "countries.tsv")
    ):
        for key in ("iso2", "iso3"):
            if key in attributes:
                table.setdefault(attributes[key].upper(), entity_id)
        for alias in [name] + aliases:
            if not alias.startswith("!"):
                table.setdefault(fold(alias.lstrip("^=")), entity_id)
    return table


# States and provinces whose names clubs, companies and universities borrow ("North Carolina FC"):
# a bulk alias that is one of them names the place, not the entity.
REGIONS = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
    "district of columbia", "puerto rico", "alberta", "british columbia", "manitoba",
    "new brunswick", "newfoundland and labrador", "nova scotia", "ontario",
    "prince edward island", "quebec", "saskatchewan", "new south wales", "queensland",
    "south australia", "tasmania", "western australia", "northern territory",
    "australian capital territory", "western sydney", "greater manchester", "west yorkshire",
    "south yorkshire", "west midlands", "east anglia",
}

WORD = re.compile(r"[^\W_]+")


def is_full_name(name):
    """A bulk alias must be at least two words: a lone surname or mononym is never added (nor
    its possessive: "Campbell's" is one word)."""
    return len(WORD.findall(re.sub(r"['\u2019]s\b", "", name))) >= 2


def flag_common_words(name, words):
    """`=Name` (same case only) when the name starts with a common English word or an initial
    ("Will Power", "In Chun Shon", "T. J. Ford"): in lowercase prose such a word is the word, and
    "will power" or "in chun" is no name. kgx also skips a lowercase word that starts only
    such names at no cost, so the flag keeps a large dictionary fast too."""
    tokens = WORD.findall(fold(name))
    if tokens and (tokens[0] in words or is_initial(tokens[0])):
        return "=" + name
    return name


def is_initial(token):
    """A single letter: an initial ("T. J. Ford"), which the press writes as a capital; in
    lowercase text it is "a", "s" of "'s", "t" of "don't"."""
    return len(token) == 1 and token.isalpha()


def flagged_row(entity_id, kind, name, aliases, attributes, words):
    """A dictionary row whose name and aliases carry the common-word flag (`flag_common_words`)."""
    return (entity_id, kind, flag_common_words(name, words),
            [flag_common_words(a, words) for a in aliases], attributes)


def all_common_words(name, words):
    """Whether every word of the name is a common English word ("Green Party")."""
    tokens = WORD.findall(fold(name))
    return bool(tokens) and all(t in words for t in tokens)


FORBIDDEN = re.compile(r"[\t|\r\n;]")


def clean(text):
    """One line of text with single spaces; refuses characters the TSV format reserves."""
    text = " ".join(text.split())
    if FORBIDDEN.search(text):
        raise ValueError(f"field has a reserved character: {text!r}")
    return text


def unique_id(base, taken):
    """`base`, or `base-2`, `base-3` … whichever is not in `taken`; records the choice."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def write_dictionary(target, header, rows):
    """Writes dictionaries/<target>: `header` lines (without '# '), then rows sorted by id.

    rows: (id, type, name, [aliases], {attributes}); attributes are written sorted by key.
    The file is written to a temporary file and renamed, so a failed run leaves the old one."""
    path = os.path.join(DICTIONARIES, target)
    lines = ["# " + h if h else "#" for h in header]
    seen = set()
    for entity_id, kind, name, aliases, attributes in sorted(rows, key=lambda r: r[0]):
        if entity_id in seen:
            raise ValueError(f"duplicate id {entity_id}")
        seen.add(entity_id)
        unique_aliases = []
        for alias in aliases:
            if alias != name and alias not in unique_aliases:
                unique_aliases.append(clean(alias))
        attrs = ";".join(f"{k}={clean(str(v))}" for k, v in sorted(attributes.items()) if v != "")
        lines.append("\t".join([entity_id, kind, clean(name), "|".join(unique_aliases), attrs]))
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".gen-")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    print(f"wrote {path}: {len(seen)} entities", file=sys.stderr)
