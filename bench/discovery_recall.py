"""How many of the people and organizations that a statistical NER finds in a corpus, and that
no kgx dictionary knows, `kgx extract --discover` finds: a local measurement, not a test.

    python3 bench/discovery_recall.py NER.jsonl MENTIONS.jsonl [--min-mentions N]

NER.jsonl holds one span per line, {"document", "start", "end", "text", "label"} with byte
offsets and the labels PERSON / ORG of spaCy (bench/ner_reference.py makes it, with
en_core_web_sm); MENTIONS.jsonl is the mentions.jsonl of a `kgx extract --discover`
run over the same files (document ids must be the same paths).

A NER name (folded; a lone surname merged into the full name of the same document) is
*absent from the dictionaries* when none of its spans overlaps a dictionary mention of kgx, and
counts when the NER found it at least N times (2 by default) and it has two words or more
(the NER's one-word "people" are mostly clubs, parties and places). It is *found* when a
provisional mention of kgx overlaps one of its spans. Standard library only.
"""

import argparse
import collections
import json
import unicodedata


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'")
    if text.endswith("'s"):
        text = text[:-2]
    words = text.casefold().split()
    while words and words[0] in ("the", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"):
        words = words[1:]
    return " ".join(words)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ner")
    parser.add_argument("mentions")
    parser.add_argument("--min-mentions", type=int, default=2)
    args = parser.parse_args()

    dictionary = collections.defaultdict(list)
    provisional = collections.defaultdict(list)
    for m in load(args.mentions):
        if m.get("entity") is None and not m.get("ambiguous"):
            continue
        target = provisional if m.get("provisional") else dictionary
        target[m["document"]].append((m["start"], m["end"], m.get("type")))

    def overlaps(spans, start, end, kind=None):
        return any(s < end and start < e and (kind is None or k == kind) for s, e, k in spans)

    for label, kind in (("PERSON", "person"), ("ORG", "organization")):
        spans = [n for n in load(args.ner) if n["label"] == label]
        # Lone surnames take the full name of the same document that ends with them.
        full_names = collections.defaultdict(dict)
        for n in spans:
            key = fold(n["text"])
            if " " in key:
                full_names[n["document"]].setdefault(key.split()[-1], key)
        names = collections.defaultdict(list)
        for n in spans:
            key = fold(n["text"])
            if " " not in key:
                key = full_names[n["document"]].get(key, key)
            if key:
                names[key].append(n)
        absent = found = found_any_kind = known = 0
        missed = []
        for key, occurrences in names.items():
            if " " not in key or len(occurrences) < args.min_mentions:
                continue
            if any(overlaps(dictionary[n["document"]], n["start"], n["end"]) for n in occurrences):
                known += 1
                continue
            absent += 1
            if any(overlaps(provisional[n["document"]], n["start"], n["end"], kind) for n in occurrences):
                found += 1
            if any(overlaps(provisional[n["document"]], n["start"], n["end"]) for n in occurrences):
                found_any_kind += 1
            else:
                missed.append((len(occurrences), occurrences[0]["text"]))
        share = found / absent if absent else 0.0
        print(f"{label}: {absent} names absent from the dictionaries (>= {args.min_mentions} NER "
              f"mentions, two words or more); --discover finds {found} as {kind} ({share:.1%}), "
              f"{found_any_kind} as any kind")
        total = known + absent
        print(f"  of all {total} such NER names, kgx names {known} from its dictionaries and "
              f"{found_any_kind} more with --discover: {(known + found_any_kind) / max(total, 1):.1%}")
        missed.sort(reverse=True)
        print("  most mentioned misses: " + "; ".join(f"{t} ({c})" for c, t in missed[:25]))


if __name__ == "__main__":
    main()
