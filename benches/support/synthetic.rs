//! A deterministic synthetic dictionary of any size, for benchmarks of huge dictionaries.
//!
//! Knowledge bases give dictionaries with a million aliases; this makes one without shipping
//! one. Every entity has four aliases (its name and three others), made of pronounceable
//! invented words from a fixed pseudo-random sequence, so the same size always gives the same
//! bytes. Names are unique per entity but words repeat across entities, as surnames do, so the
//! vocabulary and the token trie are shaped like a real one's. About one entity in sixteen is
//! an organization with an all-capitals (case-sensitive) acronym.

/// Syllables that words are made of.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tas", "vo", "zu", "bel", "dan", "fi", "gor", "hal", "is", "jun",
    "kev", "lar", "mor", "nek", "ol", "pra", "qui", "ros", "sul", "tor", "ul", "var", "wen", "xi",
    "yor", "zel", "an", "bri", "cos", "del", "eth", "fra", "gil", "hun", "ima", "jos",
];

/// splitmix64: a tiny, well-mixed, fixed pseudo-random sequence.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A capitalised word of 2 to 4 syllables.
    fn word(&mut self) -> String {
        let syllables = 2 + self.below(3);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(SYLLABLES[self.below(SYLLABLES.len())]);
        }
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => word,
        }
    }
}

/// A dictionary in kgx's TSV format with at least `aliases` aliases (names included).
pub fn synthetic_dictionary(aliases: usize) -> String {
    let mut sequence = Sequence(42);
    // A pool of surnames shared by many people, as in life.
    let surnames: Vec<String> = (0..aliases / 20 + 1).map(|_| sequence.word()).collect();
    let mut out = String::with_capacity(aliases * 24);
    let entities = aliases.div_ceil(4);
    for i in 0..entities {
        let id = format!("synthetic-{i}");
        if i % 16 == 15 {
            let (a, b) = (sequence.word(), sequence.word());
            let acronym: String = format!("{a}{b}{i}")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(3)
                .collect::<String>()
                .to_uppercase();
            out.push_str(&format!(
                "{id}\torganization\t{a} {b} Institute {i}\t{a} {b} Institute|{acronym}{i}|{a}-{b} Group {i}\n"
            ));
        } else {
            let first = sequence.word();
            let middle = sequence.word();
            let surname = &surnames[sequence.below(surnames.len())];
            let initial = first.chars().next().unwrap_or('X');
            out.push_str(&format!(
                "{id}\tperson\t{first} {middle} {surname} {i}\t{first} {surname} {i}|{initial}. {surname} {i}|{surname}, {first} {i}\n"
            ));
        }
    }
    out
}
