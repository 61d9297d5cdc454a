#!/usr/bin/env python3
"""Precision and recall of kgx's mentions against the hand annotations, per language.

    kgx extract examples/multilingual/news -o OUT -q
    python3 examples/multilingual/evaluate.py OUT/mentions.jsonl [--errors]
    kgx extract examples/multilingual/heldout/news -o OUT2 -q
    python3 examples/multilingual/evaluate.py OUT2/mentions.jsonl --heldout

expected.tsv lists every mention of the articles in news/ (format in its header); heldout/ holds
a second set, written and annotated without looking at kgx's dictionaries or output, after the
first had been used to fill the dictionaries' gaps: its figures are the honest ones. A mention
kgx reports counts as right when it overlaps an annotated mention of the same entity that no
other reported mention took: kgx's span may differ at the edges (an Arabic prefix glued on,
"Sheikh" before a name), the entity may not. Annotations of entities no dictionary has (`?`)
can only be missed. Precision = right / reported, recall = right / annotated.

With --errors, every wrong or missed mention is printed, by file.

Python 3 standard library only.
"""

import json
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def language(name):
    return name[: -len(".txt")].rsplit("-", 1)[-1]


def expected_mentions(path, news):
    """{file: [(start byte, end byte, entity)]}, found by sequential search as the checker does."""
    by_file = defaultdict(list)
    position = {}
    texts = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, surface, entity = line.split("\t")
            if name not in texts:
                with open(os.path.join(news, name), encoding="utf-8") as article:
                    texts[name] = article.read()
            text = texts[name]
            at = text.find(surface, position.get(name, 0))
            if at < 0:
                sys.exit(f"{path}:{number}: `{surface}` not found in {name} in order")
            position[name] = at + len(surface)
            start = len(text[:at].encode("utf-8"))
            end = start + len(surface.encode("utf-8"))
            by_file[name].append((start, end, entity))
    return by_file, texts


def reported_mentions(path):
    by_file = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            by_file[os.path.basename(m["document"])].append((m["start"], m["end"], m["entity"]))
    return by_file


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_errors = "--errors" in sys.argv
    if len(args) != 1:
        sys.exit(__doc__)
    corpus = os.path.join(HERE, "heldout") if "--heldout" in sys.argv else HERE
    expected, texts = expected_mentions(
        os.path.join(corpus, "expected.tsv"), os.path.join(corpus, "news"))
    reported = reported_mentions(args[0])
    totals = defaultdict(lambda: [0, 0, 0])  # language: right, reported, annotated
    for name in sorted(set(expected) | set(reported)):
        lang = language(name)
        gold = expected.get(name, [])
        taken = [False] * len(gold)
        wrong = []
        for start, end, entity in reported.get(name, []):
            match = next(
                (i for i, (s, e, g) in enumerate(gold)
                 if not taken[i] and g == entity and s < end and start < e),
                None,
            )
            if match is None:
                wrong.append((start, end, entity))
            else:
                taken[match] = True
        right = sum(taken)
        totals[lang][0] += right
        totals[lang][1] += len(reported.get(name, []))
        totals[lang][2] += len(gold)
        if show_errors and (wrong or not all(taken)):
            raw = texts.get(name, "").encode("utf-8")
            print(f"== {name}")
            for start, end, entity in wrong:
                print(f"  wrong  {raw[start:end].decode('utf-8')!r} as {entity}")
            for (start, end, entity), hit in zip(gold, taken):
                if not hit:
                    print(f"  missed {raw[start:end].decode('utf-8')!r} ({entity})")
    print("language  precision  recall  (right / reported / annotated)")
    for lang in sorted(totals, key=lambda l: ("en", "ru", "zh", "ar", "tr").index(l)
                       if l in ("en", "ru", "zh", "ar", "tr") else 9):
        right, found, gold = totals[lang]
        precision = right / found if found else 0.0
        recall = right / gold if gold else 0.0
        print(f"{lang:8}  {precision:9.3f}  {recall:6.3f}  ({right} / {found} / {gold})")


if __name__ == "__main__":
    main()
