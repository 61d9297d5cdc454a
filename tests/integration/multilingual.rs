//! News in other languages: `examples/multilingual/news/` holds three events, each reported in
//! English, Russian, Chinese, Arabic and Turkish; one extraction makes one graph in which the
//! same canonical entities come from every language.

use std::collections::BTreeSet;

use crate::common::{kgx, repo};

/// What an extraction of the corpus gave.
struct Extraction {
    /// `(document's language, entity)` for every mention.
    by_language: BTreeSet<(String, String)>,
    /// `(entity, text)` of every mention.
    texts: Vec<(String, String)>,
    /// `graph.json`.
    graph: serde_json::Value,
}

fn extract_corpus() -> Extraction {
    let work = tempfile::tempdir().unwrap();
    let news = repo().join("examples/multilingual/news");
    let run = kgx(
        work.path(),
        &["extract", news.to_str().unwrap(), "-o", "out", "-q"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mentions = std::fs::read_to_string(work.path().join("out/mentions.jsonl")).unwrap();
    let mut by_language = BTreeSet::new();
    let mut texts = Vec::new();
    for line in mentions.lines() {
        let mention: serde_json::Value = serde_json::from_str(line).unwrap();
        let document = mention["document"].as_str().unwrap();
        let language = document
            .trim_end_matches(".txt")
            .rsplit('-')
            .next()
            .unwrap();
        let entity = mention["entity"].as_str().unwrap().to_string();
        by_language.insert((language.to_string(), entity.clone()));
        texts.push((entity, mention["text"].as_str().unwrap().to_string()));
    }
    let graph = std::fs::read_to_string(work.path().join("out/graph.json")).unwrap();
    Extraction {
        by_language,
        texts,
        graph: serde_json::from_str(&graph).unwrap(),
    }
}

#[test]
fn one_graph_shares_its_entities_across_languages() {
    let Extraction {
        by_language,
        texts,
        graph,
    } = extract_corpus();
    for entity in [
        "vladimir-putin",
        "recep-tayyip-erdogan",
        "volodymyr-zelensky",
        "russia",
        "turkey",
        "ukraine",
        "united-states",
        "israel",
        "egypt",
        "qatar",
        "nato",
        "united-nations",
        "european-union",
        "hamas",
    ] {
        for language in ["en", "ru", "zh", "ar", "tr"] {
            assert!(
                by_language.contains(&(language.to_string(), entity.to_string())),
                "{entity} has no mention in the {language} articles"
            );
        }
    }
    // Inflected, prefixed and unspaced forms are mentions of the one entity.
    for (entity, text) in [
        ("vladimir-putin", "Путина"),
        ("vladimir-putin", "Путину"),
        ("vladimir-putin", "普京"),
        ("vladimir-putin", "بوتين"),
        ("recep-tayyip-erdogan", "Эрдогана"),
        ("recep-tayyip-erdogan", "وأردوغان"),
        ("recep-tayyip-erdogan", "لأردوغان"),
        ("recep-tayyip-erdogan", "埃尔多安"),
        ("recep-tayyip-erdogan", "Erdoğan"),
    ] {
        assert!(
            texts.iter().any(|(e, t)| e == entity && t == text),
            "no mention {text:?} of {entity}"
        );
    }
    // The Putin–Erdoğan link rests on the Ankara talks as told in each of the five languages.
    let edge = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let ends = [e["source"].as_str(), e["target"].as_str()];
            ends.contains(&Some("vladimir-putin")) && ends.contains(&Some("recep-tayyip-erdogan"))
        })
        .expect("a Putin–Erdoğan link");
    assert_eq!(edge["documents"], 5, "{edge}");
}

#[test]
fn a_spanish_name_that_is_an_english_word_stays_out_of_english_news() {
    // "Granada" is Grenada in Spanish and a city (or a television company) in English news.
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("en.txt"),
        "The Granada studios in Manchester said on Tuesday that the show was over, and that it \
         had been a long run for the team.\n",
    )
    .unwrap();
    std::fs::write(
        work.path().join("es.txt"),
        "El primer ministro de Granada dijo el martes que las conversaciones con los países \
         vecinos fueron útiles para la región.\n",
    )
    .unwrap();
    let run = kgx(work.path(), &["extract", ".", "-o", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mentions = std::fs::read_to_string(work.path().join("out/mentions.jsonl")).unwrap();
    let grenada: Vec<&str> = mentions
        .lines()
        .filter(|l| l.contains("\"entity\":\"grenada\""))
        .collect();
    assert_eq!(grenada.len(), 1, "{mentions}");
    assert!(grenada[0].contains("es.txt"), "{mentions}");
}
