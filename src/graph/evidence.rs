//! Evidence read again: where the linked entities are named in an evidence sentence, for
//! `kgx explain` to highlight them.

use super::Evidence;
use crate::dictionary::Dictionary;
use crate::matcher::Matcher;
use crate::resolve::resolve;

/// The mentions of the entities `ids` in `evidence.text`, as `(start, end, id)` byte spans in
/// order, found by matching the evidence again with the dictionary (evidence keeps its text, not
/// its mentions, so that graph.json stays small).
pub fn mention_spans(
    dictionary: &Dictionary,
    matcher: &Matcher,
    evidence: &Evidence,
    ids: &[&str],
) -> Vec<(usize, usize, String)> {
    resolve(matcher.candidates(&evidence.text))
        .into_iter()
        .filter_map(|m| {
            let id = &dictionary.entity(m.entity()?).id;
            ids.contains(&id.as_str())
                .then(|| (m.start, m.end, id.clone()))
        })
        .collect()
}
