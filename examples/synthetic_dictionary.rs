//! Writes the synthetic benchmark dictionary: `cargo run --release --example
//! synthetic_dictionary -- 1000000 > target/synthetic-1m.tsv` gives one million aliases, the
//! same bytes on every machine (see `benches/support/synthetic.rs`).

use std::io::Write;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let aliases: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 1_000_000,
    };
    std::io::stdout().write_all(synthetic::synthetic_dictionary(aliases).as_bytes())?;
    Ok(())
}
