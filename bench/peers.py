#!/usr/bin/env python3
"""The Python peers of bench/compare.sh: one dictionary matcher per run, timed in-process.

Usage:
    python bench/peers.py TOOL ALIASES_FILE CORPUS_FILE

TOOL is one of flashtext, spacy, pyahocorasick. ALIASES_FILE has one `alias<TAB>entity id` a
line (bench/compare.sh exports it from the files dictionaries/builtin.list names); CORPUS_FILE is one UTF-8 text file.

The whole corpus is read into memory first; reading is excluded from both timings. `build_s` is
the time to build the matcher from the alias list, `match_s` the time to find the matches in the
text (including whatever preparation the tool needs: lowercasing, splitting into paragraphs,
tokenising). Prints one JSON line:

    {"tool":...,"build_s":...,"match_s":...,"bytes":...,"matches":...}

where `bytes` is the corpus size in bytes (UTF-8, as on disk) and `matches` the number of
non-overlapping whole-word, case-insensitive matches. Each tool gets semantics as close to kgx's as
it allows:

- flashtext: KeywordProcessor(case_sensitive=False).extract_keywords(text). FlashText has its own
  word boundaries (letters, digits and `_` are word characters) and keeps the longest keyword at
  each position, scanning left to right.
- spacy: a blank English pipeline (spacy.blank("en")) tokenises the corpus one paragraph at a time
  (split on blank lines) with nlp.pipe; PhraseMatcher(nlp.vocab, attr="LOWER") holds one pattern
  list per entity, built with nlp.tokenizer.pipe; overlapping matches are reduced with
  spacy.util.filter_spans (longest first, then earliest). Whole words are token boundaries.
- pyahocorasick: an Automaton over the lowercased aliases; the text is lowercased and every
  (overlapping) match from Automaton.iter is kept if its neighbours are not alphanumeric, then
  leftmost-longest non-overlapping matches are chosen among those.
"""

import json
import sys
import time
from collections import defaultdict


def load_aliases(path):
    """(alias, entity id) pairs from the alias list, in file order."""
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            alias, _, entity = line.rstrip("\n").partition("\t")
            if alias:
                pairs.append((alias, entity))
    return pairs


def run_flashtext(aliases, text):
    from flashtext import KeywordProcessor

    start = time.perf_counter()
    processor = KeywordProcessor(case_sensitive=False)
    for alias, entity in aliases:
        processor.add_keyword(alias, entity)
    build_s = time.perf_counter() - start

    start = time.perf_counter()
    matches = len(processor.extract_keywords(text))
    match_s = time.perf_counter() - start
    return build_s, match_s, matches


def run_spacy(aliases, text):
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    # Loading the blank pipeline is part of the build: the matcher needs its vocab and tokenizer.
    start = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_entity = defaultdict(list)
    texts = [alias for alias, _ in aliases]
    for (_, entity), pattern in zip(aliases, nlp.tokenizer.pipe(texts, batch_size=1000)):
        by_entity[entity].append(pattern)
    for entity, patterns in by_entity.items():
        matcher.add(entity, patterns)
    build_s = time.perf_counter() - start

    start = time.perf_counter()
    paragraphs = (chunk for chunk in text.split("\n\n") if chunk.strip())
    matches = 0
    for doc in nlp.pipe(paragraphs, batch_size=1000):
        spans = matcher(doc, as_spans=True)
        matches += len(filter_spans(spans))
    match_s = time.perf_counter() - start
    return build_s, match_s, matches


def run_pyahocorasick(aliases, text):
    import ahocorasick

    start = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for alias, entity in aliases:
        lowered = alias.lower()
        automaton.add_word(lowered, (len(lowered), entity))
    automaton.make_automaton()
    build_s = time.perf_counter() - start

    start = time.perf_counter()
    lowered = text.lower()
    size = len(lowered)
    candidates = []
    for end, (length, _entity) in automaton.iter(lowered):
        begin = end - length + 1
        if begin > 0 and lowered[begin - 1].isalnum():
            continue
        if end + 1 < size and lowered[end + 1].isalnum():
            continue
        candidates.append((begin, -length))
    # Leftmost-longest, non-overlapping: earliest start first, the longest there, then skip ahead.
    candidates.sort()
    matches = 0
    next_free = 0
    for begin, negative_length in candidates:
        if begin >= next_free:
            matches += 1
            next_free = begin - negative_length
    match_s = time.perf_counter() - start
    return build_s, match_s, matches


TOOLS = {
    "flashtext": run_flashtext,
    "spacy": run_spacy,
    "pyahocorasick": run_pyahocorasick,
}


def main(argv):
    if len(argv) != 4 or argv[1] not in TOOLS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TOOLS)}}} ALIASES_FILE CORPUS_FILE")
    tool, aliases_path, corpus_path = argv[1:]
    aliases = load_aliases(aliases_path)
    with open(corpus_path, "rb") as handle:
        raw = handle.read()
    text = raw.decode("utf-8")
    build_s, match_s, matches = TOOLS[tool](aliases, text)
    print(
        json.dumps(
            {
                "tool": tool,
                "build_s": round(build_s, 6),
                "match_s": round(match_s, 6),
                "bytes": len(raw),
                "matches": matches,
            },
            separators=(",", ":"),
        )
    )


if __name__ == "__main__":
    main(sys.argv)
