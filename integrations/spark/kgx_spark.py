"""kgx on Apache Spark: the graph of a corpus too large for one machine, byte-identical to the
graph one `kgx extract` over the same inputs writes.

    spark-submit --files /path/to/kgx integrations/spark/kgx_spark.py \
        INPUT... -o OUTPUT_DIR [--jsonl [--id-field F] [--text-field F] [--date-field F]] \
        [--partitions P] [--kgx PATH] [--master local[2]] [-- EXTRACT OPTIONS...]

What it does:
1. Reads the inputs with Spark (any path Spark reads: local, HDFS, S3): text files (`*.txt`,
   `*.md`) or JSON Lines (`*.jsonl`, `*.ndjson`) with --jsonl, gzipped or not, directories
   walked recursively, as `kgx extract` walks them.
2. Numbers every document in kgx's input order (arguments in order, then paths compared by
   component; JSON Lines records by line), with the same document ids kgx gives (the path as
   given under a directory argument; `path:line` or the id field for JSON Lines). The numbers
   come from a distributed sort (`sortBy` then `zipWithIndex`), not from the driver.
3. Cuts the numbered documents into P ranges and sends each range, as JSON Lines on standard
   input, through `kgx extract - --jsonl --sequence-field seq --part --part-of I/P` on an
   executor. The part comes back as the task's result: a failed task is retried by Spark and
   its output discarded, so nothing is counted twice.
4. On the driver, `kgx merge` combines the parts into OUTPUT_DIR (a local directory of the
   driver): graph.json and graph.dot by default, with the pruning and scoring options given
   after `--` applied to the merged counts.

The kgx binary is found as --kgx PATH, else as a file shipped with `--files` (in the task's
working directory), else on the workers' PATH. Everything after `--` goes to `kgx extract`
(`--window`, `--evidence`, `--dict` …) and to `kgx merge` (`--min-weight`, `--alpha`,
`--top-k-per-node`, `--weight`, `--format`) as each accepts.

Differences from a local walk: Spark's file listing skips names starting with `_` as well as
`.`, and a whole input file is read by one task (a JSON Lines file is not split).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

from pyspark.sql import SparkSession

TEXT_EXTENSIONS = (".txt", ".md")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
# Options of `kgx extract` that belong to the merge instead (they act on the merged counts).
MERGE_OPTIONS = {"--min-weight", "--min-docs", "--alpha", "--top-k-per-node", "--weight",
                 "--format"}
MERGE_FLAGS = {"--largest-component", "--keep-isolated"}
# A gzipped input may not grow past this (a compressed bomb is refused, not unpacked).
MAX_GUNZIPPED = 1 << 32


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("-o", "--output", required=True, metavar="DIR")
    parser.add_argument("--jsonl", action="store_true")
    parser.add_argument("--id-field")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--date-field")
    parser.add_argument("--partitions", type=int, default=0,
                        help="ranges of documents, one kgx run each (default: Spark's parallelism)")
    parser.add_argument("--kgx", help="the kgx binary (default: shipped with --files, or on PATH)")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    if "--" in argv:
        at = argv.index("--")
        arguments, passed = argv[:at], argv[at + 1:]
    else:
        arguments, passed = argv, []
    args = parser.parse_args(arguments)
    extract, merge = split_options(passed)
    return args, extract, merge


def split_options(options):
    """Options after `--`, split into those of `kgx extract` and those of `kgx merge`."""
    extract, merge = [], []
    i = 0
    while i < len(options):
        option = options[i]
        name = option.split("=", 1)[0]
        takes_value = "=" not in option and i + 1 < len(options) and not options[i + 1].startswith("--")
        if name in MERGE_FLAGS:
            merge.append(option)
        elif name in MERGE_OPTIONS:
            merge.extend(options[i:i + 1 + takes_value])
            i += takes_value
        else:
            extract.extend(options[i:i + 1 + takes_value])
            i += takes_value
        i += 1
    return extract, merge


def gunzip(data, name):
    inflater = zlib.decompressobj(16 + 15)
    out = inflater.decompress(data, MAX_GUNZIPPED)
    if inflater.unconsumed_tail:
        raise ValueError(f"{name}: gunzips to more than {MAX_GUNZIPPED} bytes")
    return out


def listed(spark, argument, extensions):
    """(order key, kgx path, bytes) for every input file of one argument."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(argument)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    qualified = fs.makeQualified(path).toString()
    is_directory = fs.getFileStatus(path).isDirectory()
    frame = (spark.read.format("binaryFile")
             .option("recursiveFileLookup", "true")
             .load(argument)
             .select("path", "content"))

    def entry(row):
        uri = row.path
        if is_directory:
            relative = uri[len(qualified):].lstrip("/")
            parts = relative.split("/")
            if any(p.startswith(".") for p in parts):
                return None
            name = parts[-1].lower()
            inner = name[:-3] if name.endswith(".gz") else name
            if not inner.endswith(extensions):
                return None
            return (tuple(parts), os.path.join(argument, relative), bytes(row.content))
        return ((), argument, bytes(row.content))

    return frame.rdd.map(entry).filter(lambda e: e is not None)


def documents_of(file_entry, args):
    """(key, record) for each document of one file, record = {id, text[, date]}."""
    key, name, data = file_entry
    if name.lower().endswith(".gz"):
        data = gunzip(data, name)
    if not args.jsonl:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return [("skipped", f"{name}: not UTF-8")]
        if not text.lstrip("\ufeff").strip():
            return [("skipped", f"{name}: no text")]
        return [((key, 0), {"id": name, "text": text})]
    out = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip(b" \t\r\n\x0b\x0c"):
            continue
        try:
            value = json.loads(line)
            text = value[args.text_field]
            if not isinstance(text, str) or not text.strip():
                raise ValueError("no text")
            if args.id_field:
                identifier = value[args.id_field]
                if isinstance(identifier, bool) or not isinstance(identifier, (str, int, float)):
                    raise ValueError("bad id")
                identifier = json.dumps(identifier) if not isinstance(identifier, str) else identifier
            else:
                identifier = f"{name}:{number}"
        except (ValueError, KeyError, TypeError) as problem:
            out.append(("skipped", f"{name}:{number}: {problem}"))
            continue
        record = {"id": identifier, "text": text}
        if args.date_field and value.get(args.date_field) is not None:
            record["date"] = value[args.date_field]
        out.append(((key, number), record))
    return out


def kgx_binary(given):
    """The kgx binary: --kgx, else shipped with --files (the task's working directory, or
    SparkFiles on the driver), else on the PATH."""
    if given:
        return given
    candidates = [os.path.join(os.getcwd(), "kgx")]
    try:
        from pyspark import SparkFiles
        candidates.append(SparkFiles.get("kgx"))
    except Exception:  # no SparkContext here, or no file shipped
        pass
    for shipped in candidates:
        if os.path.isfile(shipped):
            if not os.access(shipped, os.X_OK):
                os.chmod(shipped, 0o755)
            return shipped
    found = shutil.which("kgx")
    if not found:
        raise RuntimeError("kgx not found: give --kgx PATH, ship it with --files, or put it on the workers' PATH")
    return found


def run_partition(index, records, count, kgx, extract_options, args):
    """One range of documents through `kgx extract --part`: yields the part's JSON text."""
    records = list(records)
    if not records:
        return
    work = tempfile.mkdtemp(prefix="kgx-spark-")
    try:
        lines = "".join(json.dumps(dict(record, seq=seq), ensure_ascii=False) + "\n"
                        for seq, record in records)
        command = [kgx, "extract", "-", "--jsonl", "--id-field", "id", "--text-field", "text",
                   "--sequence-field", "seq", "--part", "--part-of", f"{index + 1}/{count}",
                   "-q", "-o", os.path.join(work, "out")] + extract_options
        if args.date_field:
            command += ["--date-field", "date"]
        run = subprocess.run(command, input=lines.encode("utf-8"), capture_output=True)
        part_path = os.path.join(work, "out", "graph.part.json")
        # Exit 1 with a part: some records were refused (reported), the rest counted, as a
        # local run does. Without a part, the range failed: Spark retries the task.
        if run.returncode not in (0, 1) or not os.path.exists(part_path):
            raise RuntimeError(f"kgx extract failed on range {index + 1}/{count}: "
                               f"{run.stderr.decode('utf-8', 'replace')}")
        for line in run.stderr.decode("utf-8", "replace").splitlines():
            print(f"kgx-spark: range {index + 1}/{count}: {line}", file=sys.stderr)
        with open(part_path, encoding="utf-8") as part:
            yield part.read()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    args, extract_options, merge_options = parse_arguments(argv)
    builder = (SparkSession.builder.appName("kgx")
               .config("spark.ui.showConsoleProgress", "false"))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    extensions = JSONL_EXTENSIONS if args.jsonl else TEXT_EXTENSIONS
    # Every file of every argument, keyed by (argument, path components); a file named twice is
    # read once, as kgx does.
    files = None
    for position, argument in enumerate(args.inputs):
        keyed = listed(spark, argument, extensions).map(
            lambda e, p=position: ((p,) + e[0], e[1], e[2]))
        files = keyed if files is None else files.union(keyed)
    files = (files.map(lambda e: (e[1], e))
             .reduceByKey(lambda a, b: a if a[0] <= b[0] else b)
             .values())
    options = args
    documents = files.flatMap(lambda e: documents_of(e, options)).cache()
    skipped = documents.filter(lambda d: d[0] == "skipped").values().collect()
    for problem in skipped:
        print(f"kgx-spark: skipped {problem}", file=sys.stderr)
    numbered = (documents.filter(lambda d: d[0] != "skipped")
                .sortBy(lambda d: d[0])
                .values()
                .zipWithIndex()
                .map(lambda pair: (pair[1], pair[0])))
    total = numbered.count()
    if total == 0:
        raise SystemExit("kgx-spark: no input document could be read")
    count = args.partitions or sc.defaultParallelism
    count = max(1, min(count, total))
    ranges = numbered.repartitionAndSortWithinPartitions(
        count, partitionFunc=lambda seq: seq * count // total)
    kgx = kgx_binary(args.kgx)
    parts = ranges.mapPartitionsWithIndex(
        lambda i, records: run_partition(i, records, count, kgx, extract_options, options)
    ).collect()
    local = tempfile.mkdtemp(prefix="kgx-spark-parts-")
    try:
        paths = []
        for i, text in enumerate(parts):
            path = os.path.join(local, f"part-{i:05d}.json")
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            paths.append(path)
        merge = subprocess.run([kgx_binary(args.kgx), "merge", *paths, "-o", args.output, "-q"]
                               + merge_options, capture_output=True)
        if merge.returncode != 0:
            raise SystemExit(f"kgx-spark: kgx merge failed: {merge.stderr.decode('utf-8', 'replace')}")
    finally:
        shutil.rmtree(local, ignore_errors=True)
    print(f"kgx-spark: {total} documents in {len(parts)} parts; wrote {args.output}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
