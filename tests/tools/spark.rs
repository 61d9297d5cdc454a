//! The Spark job (`integrations/spark/kgx_spark.py`) run for real with PySpark on `local[2]`:
//! its graph.json and graph.dot are byte-identical to one `kgx extract` over the same inputs,
//! on the seeds (text files) and on 400 JSON Lines records (gzipped and not, with dates) cut
//! into 16 ranges.

use std::path::Path;
use std::process::Command;

use crate::common::{copy_seeds, kgx, repo};
use crate::tool::python;

fn spark_job(work: &Path, args: &[&str]) {
    let output = Command::new(python())
        .arg(repo().join("integrations/spark/kgx_spark.py"))
        .args(["--master", "local[2]", "--kgx", env!("CARGO_BIN_EXE_kgx")])
        .args(args)
        .current_dir(work)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the Spark job failed: {stderr}");
}

fn same_files(a: &Path, b: &Path) {
    for file in ["graph.json", "graph.dot"] {
        let (x, y) = (
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
        );
        assert!(x == y, "the Spark job's {file} differs from kgx extract's");
    }
}

/// 400 news-like records made of the seeds' sentences, each with an id and a date.
fn records() -> Vec<String> {
    let mut sentences = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        sentences.extend(
            text.split(". ")
                .map(|s| s.trim().to_string())
                .filter(|s| s.len() > 20),
        );
    }
    (0..400)
        .map(|i| {
            let text: Vec<&str> = (0..4)
                .map(|k| sentences[(i * 7 + k * 13) % sentences.len()].as_str())
                .collect();
            serde_json::json!({
                "id": format!("story-{i:03}"),
                "text": text.join(". ") + ".",
                "date": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            })
            .to_string()
        })
        .collect()
}

pub fn the_spark_job_writes_the_single_run_graph() {
    let work = tempfile::tempdir().unwrap();
    copy_seeds(work.path());
    spark_job(work.path(), &["seeds", "-o", "spark", "--partitions", "3"]);
    let single = kgx(work.path(), &["extract", "seeds", "-o", "single", "-q"]);
    assert_eq!(single.code, 0, "{}", single.stderr);
    same_files(&work.path().join("spark"), &work.path().join("single"));

    // JSON Lines: one gzipped file and one plain one with blank lines, 16 ranges, pruning and
    // scores on the merged counts.
    let data = work.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let records = records();
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(data.join("a.jsonl.gz")).unwrap(),
        flate2::Compression::default(),
    );
    std::io::Write::write_all(&mut gz, (records[..250].join("\n") + "\n").as_bytes()).unwrap();
    gz.finish().unwrap();
    std::fs::write(data.join("b.jsonl"), records[250..].join("\n\n") + "\n").unwrap();
    let jsonl = ["--jsonl", "--id-field", "id", "--date-field", "date"];
    let options = [
        "--window",
        "paragraph",
        "--min-weight",
        "2",
        "--weight",
        "npmi",
    ];
    let mut args = vec!["data", "-o", "spark-jsonl", "--partitions", "16"];
    args.extend_from_slice(&jsonl);
    args.push("--");
    args.extend_from_slice(&options);
    spark_job(work.path(), &args);
    let mut args = vec!["extract", "data", "-o", "single-jsonl", "-q"];
    args.extend_from_slice(&jsonl);
    args.extend_from_slice(&options);
    let single = kgx(work.path(), &args);
    assert_eq!(single.code, 0, "{}", single.stderr);
    same_files(
        &work.path().join("spark-jsonl"),
        &work.path().join("single-jsonl"),
    );
    let graph = crate::common::read_json(&work.path().join("spark-jsonl/graph.json"));
    assert_eq!(graph["graph"]["documents"], 400);
}
