#!/usr/bin/env python3
"""Check examples/multilingual/expected.tsv (or another EXPECTED.tsv) against the articles in the
news/ folder beside it (heldout/expected.tsv: heldout/news/).

For every line `file<TAB>surface<TAB>entity` (comments and blank lines skipped):

* the file must exist under news/ and be named `<event>-<lang>.txt`;
* the surface must occur in the file after the end of the previous match in the same
  file (sequential substring search), so the lines must be in text order;
* outside Chinese, the match must be a whole word: no letter right after it, and no letter
  right before it except the Arabic one-letter particles و ف ب ل ك glued to a name;
* the entity must be `?name` or an id defined in the kgx dictionaries (../../dictionaries).

Errors are printed with their line number and make the exit status 1. Then the script
prints the mentions per language (and per file), the `?` entities, and notes: places where
a surface annotated somewhere in the same language occurs again in a file without being
covered by an annotation. A note is not an error (the pipeline name "Турецкий поток" is
not Turkey), but each one is worth a look: it is usually a forgotten mention.

Python 3 standard library only. Usage: python3 check_annotations.py [expected.tsv]
"""

import os
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
NEWS = os.path.join(HERE, "news")
DICTIONARIES = os.path.normpath(os.path.join(HERE, "..", "..", "dictionaries"))
LANGS = ("en", "ru", "zh", "ar", "tr")
ARABIC_PARTICLES = set("وفبلك")


def is_letter(ch):
    """A letter or a combining mark of any script (Arabic diacritics included)."""
    return unicodedata.category(ch)[0] in ("L", "M")


def lang_of(name):
    stem = name[:-4] if name.endswith(".txt") else name
    return stem.rsplit("-", 1)[-1]


def dictionary_ids():
    """Every entity id defined by a .tsv file under dictionaries/ (discover/ holds no entities)."""
    ids = set()
    if not os.path.isdir(DICTIONARIES):
        return None
    for root, dirs, files in os.walk(DICTIONARIES):
        dirs[:] = [d for d in dirs if d != "discover"]
        for name in files:
            if not name.endswith(".tsv"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("#") or not line.strip():
                        continue
                    ids.add(line.split("\t", 1)[0])
    return ids


def boundary_problem(text, start, end, lang):
    """None when the match [start, end) is a whole word, else a short reason."""
    if lang == "zh":
        return None
    if end < len(text) and is_letter(text[end]):
        return "glued to the letter %r after it" % text[end]
    i = start
    if lang == "ar":
        # at most two glued particles: و + ب, ف + ل ...
        while i > 0 and start - i < 2 and text[i - 1] in ARABIC_PARTICLES:
            i -= 1
    if i > 0 and is_letter(text[i - 1]):
        return "glued to the letter %r before it" % text[start - 1]
    return None


def main(argv):
    global NEWS
    path = argv[1] if len(argv) > 1 else os.path.join(HERE, "expected.tsv")
    NEWS = os.path.join(os.path.dirname(os.path.abspath(path)), "news")
    errors = []
    texts = {}
    position = {}                      # file -> end of the previous match
    spans = defaultdict(list)          # file -> [(start, end)]
    rows = []                          # (file, surface, entity)
    lost = {}                          # file -> lines not found after its first such error
    ids = dictionary_ids()
    if ids is None:
        print("warning: %s not found, entity ids not checked" % DICTIONARIES, file=sys.stderr)

    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3 or not all(cols):
                errors.append("%d: expected 3 non-empty tab-separated columns: %r" % (lineno, line))
                continue
            name, surface, entity = cols
            lang = lang_of(name)
            if lang not in LANGS:
                errors.append("%d: %s: unknown language %r" % (lineno, name, lang))
                continue
            if name not in texts:
                full = os.path.join(NEWS, name)
                if not os.path.isfile(full):
                    errors.append("%d: no such article: news/%s" % (lineno, name))
                    texts[name] = None
                    continue
                with open(full, encoding="utf-8") as t:
                    texts[name] = t.read()
                position[name] = 0
            text = texts[name]
            if text is None:
                continue
            if entity.startswith("?"):
                if len(entity) < 2:
                    errors.append("%d: `?` needs a readable name after it" % lineno)
            elif ids is not None and entity not in ids:
                errors.append("%d: %s: entity id %r is in no dictionary" % (lineno, name, entity))
            start = text.find(surface, position[name])
            if start < 0:
                if name in lost:
                    lost[name] += 1   # the search has run ahead of the text: one error is enough
                    continue
                lost[name] = 0
                where = "anywhere" if surface not in text else "after the previous match"
                errors.append("%d: %s: surface %r not found %s" % (lineno, name, surface, where))
                continue
            end = start + len(surface)
            problem = boundary_problem(text, start, end, lang)
            if problem:
                errors.append("%d: %s: %r at offset %d is %s (out of order, or a wrong surface?)"
                              % (lineno, name, surface, start, problem))
            position[name] = end
            spans[name].append((start, end))
            rows.append((name, surface, entity))

    for name, more in sorted(lost.items()):
        if more:
            errors.append("%s: %d more lines not found after that (probably the same cause)" % (name, more))
    for name in sorted(n for n in os.listdir(NEWS) if n.endswith(".txt")):
        if name not in texts:
            errors.append("news/%s has no annotation" % name)

    # Notes: surfaces of the same language that occur again where no annotation covers them.
    surfaces_by_lang = defaultdict(set)
    for name, surface, _ in rows:
        surfaces_by_lang[lang_of(name)].add(surface)
    notes = []
    for name, text in sorted(texts.items()):
        if text is None:
            continue
        lang = lang_of(name)
        covered = spans[name]
        for surface in sorted(surfaces_by_lang[lang]):
            start = text.find(surface)
            while start >= 0:
                end = start + len(surface)
                inside = any(s <= start and end <= e for s, e in covered)
                if not inside and boundary_problem(text, start, end, lang) is None:
                    line_no = text.count("\n", 0, start) + 1
                    context = text[max(0, start - 15):end + 15].replace("\n", " ")
                    notes.append("%s:%d: %r not annotated here: ...%s..." % (name, line_no, surface, context))
                start = text.find(surface, start + 1)

    # Report.
    per_lang = Counter(lang_of(n) for n, _, _ in rows)
    per_file = Counter(n for n, _, _ in rows)
    unknown_lines = Counter(lang_of(n) for n, _, e in rows if e.startswith("?"))
    unknown = sorted({e for _, _, e in rows if e.startswith("?")})
    entities_per_lang = defaultdict(set)
    for n, _, e in rows:
        entities_per_lang[lang_of(n)].add(e)

    print("mentions per language (of them `?`; distinct entities):")
    for lang in LANGS:
        print("  %s  %4d  (%d ?; %d entities)" % (lang, per_lang[lang], unknown_lines[lang],
                                                 len(entities_per_lang[lang])))
    print("  all %4d  (%d ?; %d entities)" % (len(rows), sum(unknown_lines.values()),
                                             len({e for _, _, e in rows})))
    print("mentions per file:")
    for name in sorted(per_file):
        print("  %-24s %3d" % (name, per_file[name]))
    print("`?` entities (%d): %s" % (len(unknown), "; ".join(unknown)))
    if notes:
        print("notes (%d): annotated surfaces found again without an annotation:" % len(notes))
        for n in notes:
            print("  " + n)
    if errors:
        print("ERRORS (%d):" % len(errors))
        for e in errors:
            print("  " + e)
        return 1
    print("OK: every surface found in order")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
