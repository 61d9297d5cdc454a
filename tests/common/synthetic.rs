//! Synthetic graphs the size of real corpora, for the viewer and render tests: the BBC corpus
//! cannot be committed, so `tests/fixtures/large/bbc-sized.json` is a graph of its size and
//! shape written by [`graph`], and the 5,000-entity graph is made on the spot.
//!
//! The shape follows the BBC graph (1,568 entities: 53% people, 10% countries, 37%
//! organizations; 3,826 links; about a quarter of the entities never linked): entities fall
//! into communities of very different sizes, most links stay inside one, a few entities are
//! hubs linked across (as countries are), and weights and mentions are heavy-tailed. Names are
//! made of syllables, of the lengths real names have. Everything comes from a fixed-seed
//! generator, so the same arguments give the same bytes.

use serde_json::{json, Value};

/// Links by their two ends (the smaller index first), with their weights.
type Pairs = std::collections::BTreeMap<(usize, usize), u64>;

/// A small deterministic generator (xorshift64*): enough for test data, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A heavy-tailed count: 1 most often, sometimes hundreds, never more than `cap`.
    fn heavy(&mut self, scale: f64, cap: u64) -> u64 {
        ((scale / (1.0 - self.unit()).powf(0.8)).floor() as u64).clamp(1, cap)
    }
}

const SYLLABLES: &[&str] = &[
    "an", "bel", "cor", "da", "el", "fen", "gar", "hol", "is", "jan", "ka", "lor", "mi", "nor",
    "o", "pa", "quin", "ros", "sa", "tor", "u", "val", "wen", "xa", "yor", "zel", "bri", "dun",
    "mar", "ste", "vi", "ton",
];
const COMPANY_WORDS: &[&str] = &[
    "Group", "Bank", "Motors", "United", "Holdings", "Airways", "Council", "Party", "Telecom",
];

fn word(random: &mut Random) -> String {
    let parts = 2 + random.below(2);
    let mut word: String = (0..parts)
        .map(|_| SYLLABLES[random.below(SYLLABLES.len())])
        .collect();
    if let Some(first) = word.get(0..1) {
        word.replace_range(0..1, &first.to_uppercase());
    }
    word
}

/// A graph.json of `entities` entities and about `links` links, `unlinked` of the entities
/// without any link.
pub fn graph(entities: usize, links: usize, unlinked: usize, seed: u64) -> String {
    let mut random = Random(seed.max(1));
    let linked = entities - unlinked;
    // Community sizes fall off like a power law: a few large, many small.
    let mut community = Vec::with_capacity(entities);
    let mut number = 0;
    while community.len() < linked {
        let size = ((linked as f64 * 0.25) / (number as f64 + 1.0).powf(1.2)).ceil() as usize;
        for _ in 0..size.max(2).min(linked - community.len()) {
            community.push(number);
        }
        number += 1;
    }
    let mut names = std::collections::BTreeSet::new();
    let mut nodes = Vec::with_capacity(entities);
    for i in 0..entities {
        let kind = match random.below(100) {
            0..=52 => "person",
            53..=62 => "country",
            _ => "organization",
        };
        let label = loop {
            let label = match kind {
                "person" => format!("{} {}", word(&mut random), word(&mut random)),
                "country" => word(&mut random),
                _ => format!(
                    "{} {}",
                    word(&mut random),
                    COMPANY_WORDS[random.below(COMPANY_WORDS.len())]
                ),
            };
            if names.insert(label.clone()) {
                break label;
            }
        };
        let mentions = random.heavy(if kind == "country" { 6.0 } else { 1.5 }, 3000);
        let documents: Vec<String> = (0..mentions.min(3))
            .map(|d| format!("news/{:04}.txt", (i * 7 + d as usize * 131) % 2225))
            .collect();
        nodes.push((label, kind, mentions, documents, community.get(i).copied()));
    }
    // Links: hubs (the most mentioned) reach across communities; the rest stay inside theirs.
    let mut by_community: Vec<Vec<usize>> = vec![Vec::new(); number];
    for (i, c) in community.iter().enumerate() {
        by_community[*c].push(i);
    }
    let mut hubs: Vec<usize> = (0..linked).collect();
    hubs.sort_by_key(|&i| std::cmp::Reverse(nodes[i].2));
    hubs.truncate((linked / 20).max(1));
    let mut pairs = Pairs::new();
    let add = |a: usize, b: usize, pairs: &mut Pairs, weight: u64| {
        if a != b {
            *pairs.entry((a.min(b), a.max(b))).or_insert(0) += weight;
        }
    };
    // Everyone linked gets one link inside their community (or to a hub).
    for i in 0..linked {
        let members = &by_community[community[i]];
        let other = if members.len() > 1 {
            members[random.below(members.len())]
        } else {
            hubs[random.below(hubs.len())]
        };
        let weight = random.heavy(1.0, 120);
        add(
            i,
            if other == i { hubs[0] } else { other },
            &mut pairs,
            weight,
        );
    }
    let mut attempts = 0;
    while pairs.len() < links && attempts < links * 50 {
        attempts += 1;
        let a = random.below(linked);
        let b = if random.below(100) < 25 {
            hubs[random.below(hubs.len())]
        } else {
            let members = &by_community[community[a]];
            members[random.below(members.len())]
        };
        let weight = random.heavy(1.0, 120);
        add(a, b, &mut pairs, weight);
    }
    let ids: Vec<String> = (0..entities).map(|i| format!("e{i:05}")).collect();
    let json_nodes: Vec<Value> = nodes
        .iter()
        .enumerate()
        .map(|(i, (label, kind, mentions, documents, _))| {
            json!({
                "id": ids[i], "label": label, "type": kind, "mentions": mentions,
                "windows": mentions, "documents": documents,
            })
        })
        .collect();
    let json_edges: Vec<Value> = pairs
        .iter()
        .map(|(&(a, b), &weight)| {
            let text = format!("{} met {} on Tuesday, officials said.", nodes[a].0, nodes[b].0);
            json!({
                "source": ids[a], "target": ids[b], "weight": weight,
                "documents": weight.min(3),
                "evidence": [{"document": "news/0001.txt", "start": 0, "end": text.len(), "text": text}],
            })
        })
        .collect();
    let graph = json!({
        "directed": false,
        "multigraph": false,
        "graph": {
            "generator": "kgx synthetic test graph", "format_version": 1, "window": "sentence",
            "min_weight": 1, "evidence_per_edge": 1, "documents": 2225, "windows": 40000,
            "dictionaries": ["<synthetic>"],
        },
        "nodes": json_nodes,
        "edges": json_edges,
    });
    let mut text = serde_json::to_string(&graph).expect("a JSON value prints");
    text.push('\n');
    text
}

/// `tests/fixtures/large/bbc-sized.json`: a graph of the BBC graph's size (1,568 entities, 389
/// of them unlinked, 3,826 links), checked against [`graph`] (rewritten with
/// `UPDATE_GOLDEN=1`), so that the committed file is always the one the generator writes.
pub fn bbc_sized() -> std::path::PathBuf {
    let path = crate::common::repo().join("tests/fixtures/large/bbc-sized.json");
    let text = graph(1568, 3826, 389, 2225);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder made");
        std::fs::write(&path, &text).expect("fixture written");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is not what the generator writes; UPDATE_GOLDEN=1 regenerates it",
        path.display()
    );
    path
}
