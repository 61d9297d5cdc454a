#!/usr/bin/env bash
# Time and peak memory of `kgx extract` on pathological inputs, at several sizes, so that
# linearity (or its absence) shows in one table. Inputs are generated, never committed.
#
#   bench/hostile.sh [KGX] [SIZES_MB...]      default: target/release/kgx 1 10 100
#
# Environment: KGX_BENCH_DIR (scratch directory, default a fresh mktemp -d, removed at the end),
# KGX_BENCH_TIMEOUT (seconds per run, default 300), KGX_BENCH_MEMORY_MB (address-space limit
# per run, `ulimit -v`, default 6000: a run over it aborts, exit 134, rather than take the
# machine's memory), KGX_BENCH_SHAPES (space-separated subset), KGX_BENCH_BBC (the BBC corpus,
# a directory of */*.txt, for the bbc-* shapes, default /work/shared/corpus/bbc; skipped when
# missing).
#
# Each row: shape, size, seconds, peak RSS (MB), exit code, graph.json size (MB).
set -euo pipefail

kgx=${1:-target/release/kgx}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)
kgx=$(realpath "$kgx")
timeout_s=${KGX_BENCH_TIMEOUT:-300}
memory_mb=${KGX_BENCH_MEMORY_MB:-6000}
bbc=${KGX_BENCH_BBC:-/work/shared/corpus/bbc}
shapes=${KGX_BENCH_SHAPES:-"bbc-files bbc-one-file putin-russia lowercase-lines zwj curly-quotes family-emoji no-newline many-entities jsonl-small jsonl-huge-line"}
if [ -n "${KGX_BENCH_DIR:-}" ]; then
    work=$KGX_BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

# generate SHAPE MB DIR: writes the input into DIR and prints the extra kgx arguments.
generate() {
    local shape=$1 mb=$2 dir=$3 bytes=$(($2 * 1000 * 1000))
    python3 - "$shape" "$bytes" "$dir" "$bbc" <<'PY'
import glob, gzip, os, sys
shape, size, out, bbc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def repeat(unit, path, prefix=""):
    # `unit` repeated to `size` bytes, written in large blocks.
    data = unit.encode()
    block = data * max(1, (1 << 20) // len(data))
    written = 0
    with open(path, "wb") as f:
        f.write(prefix.encode())
        while written < size:
            f.write(block)
            written += len(block)

args = []
if shape == "bbc-files":
    # The BBC articles, one file each, copied until the size is reached.
    articles = [open(p, "rb").read() for p in sorted(glob.glob(bbc + "/*/*.txt"))]
    written, n = 0, 0
    while written < size:
        sub = f"{out}/{n // 1000:04}"
        os.makedirs(sub, exist_ok=True)
        data = articles[n % len(articles)]
        with open(f"{sub}/{n:07}.txt", "wb") as f:
            f.write(data)
        written += len(data)
        n += 1
    args = ["--window", "document"]
elif shape == "bbc-one-file":
    # The BBC corpus concatenated and repeated into one file: one document.
    text = b"".join(open(p, "rb").read() + b"\n" for p in sorted(glob.glob(bbc + "/*/*.txt")))
    with open(out + "/bbc.txt", "wb") as f:
        written = 0
        while written < size:
            f.write(text[: size - written])
            written += min(len(text), size - written)
    args = ["--window", "document"]
elif shape == "putin-russia":
    repeat("Russia ", out + "/putin.txt", prefix="Putin ")
elif shape == "lowercase-lines":
    repeat("and russia\n", out + "/wrapped.txt", prefix="Putin said\n")
elif shape == "zwj":
    repeat("\u200d", out + "/zwj.txt", prefix="The ")
elif shape == "curly-quotes":
    # One line, a curly apostrophe every ~480 bytes: 100k of them per 48 MB.
    repeat("lorem ipsum dolor sit amet consectetur " * 12 + "’ ", out + "/quotes.txt")
elif shape == "family-emoji":
    repeat("\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466", out + "/emoji.txt")
elif shape == "no-newline":
    repeat("Putin met Erdogan in Ankara and spoke of Russia and Turkey ", out + "/line.txt")
elif shape == "many-entities":
    # 1,000 entities of a dictionary of our own, all in one sentence, repeated.
    with open(out + "/dict.tsv", "w") as f:
        for i in range(1000):
            f.write(f"e{i:04}\tperson\tZork{i:04} Quux\n")
    sentence = " ".join(f"Zork{i:04} Quux" for i in range(1000)) + ".\n"
    repeat(sentence, out + "/crowd.txt")
    args = ["--dict", out + "/dict.tsv", "--no-default-dict"]
elif shape == "jsonl-small":
    # Tiny records, gzipped: the number of documents is what grows.
    record = b'{"text":"Putin met Erdogan."}\n'
    block = record * ((1 << 20) // len(record))
    with gzip.open(out + "/small.jsonl.gz", "wb", compresslevel=1) as f:
        written = 0
        while written < size:
            f.write(block)
            written += len(block)
    args = ["--jsonl"]
elif shape == "jsonl-huge-line":
    # One record whose text is the whole size, gzipped.
    with gzip.open(out + "/huge.jsonl.gz", "wb", compresslevel=1) as f:
        f.write(b'{"text":"Putin met Erdogan. ')
        block = b"lorem ipsum dolor sit amet " * 40000
        written = 0
        while written < size:
            f.write(block)
            written += len(block)
        f.write(b'"}\n{"text":"Putin met Erdogan."}\n')
    args = ["--jsonl"]
print(" ".join(args))
PY
}

# Each binary has its cache of the compiled built-in dictionary; a cache of our own keeps
# runs of other kgx binaries from replacing it during the measurements.
export KGX_CACHE_DIR=$work/cache
# The first run of a new binary compiles the built-in dictionary into its cache; do it before
# measuring.
mkdir -p "$work/warm"
echo "Putin met Erdogan." >"$work/warm/warm.txt"
"$kgx" extract "$work/warm/warm.txt" -o "$work/warm/out" -q

printf '%-16s %6s %9s %10s %5s %12s\n' shape MB seconds peak_MB exit graph_MB
for shape in $shapes; do
    if [[ $shape == bbc-* ]] && [ ! -d "$bbc" ]; then
        echo "$shape: skipped ($bbc missing)" >&2
        continue
    fi
    for mb in "${sizes[@]}"; do
        dir=$work/$shape-$mb
        rm -rf "$dir"
        mkdir -p "$dir/in"
        extra=$(generate "$shape" "$mb" "$dir/in")
        set +e
        # shellcheck disable=SC2086
        (ulimit -v $((memory_mb * 1024)); exec /usr/bin/time -f '%e %M' -o "$dir/time" \
            timeout "$timeout_s" "$kgx" extract "$dir/in" $extra -o "$dir/out" -q 2>"$dir/stderr" >/dev/null)
        code=$?
        set -e
        read -r seconds kb < <(tail -n 1 "$dir/time") || { seconds=?; kb=0; }
        [[ $kb =~ ^[0-9]+$ ]] || { seconds=?; kb=0; }
        graph=$( [ -f "$dir/out/graph.json" ] && du -m "$dir/out/graph.json" | cut -f1 || echo -)
        [ $code -eq 124 ] && seconds=">$timeout_s"
        printf '%-16s %6s %9s %10s %5s %12s\n' "$shape" "$mb" "$seconds" $((kb / 1024)) "$code" "$graph"
        rm -rf "$dir"
    done
done
