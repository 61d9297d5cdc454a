//! The token trie: every alias as a path of tokens from the root.
//!
//! An edge is labelled with a token id and, except from the root, whether whitespace comes
//! before the token: `Côte d'Ivoire` is `cote`, then ` d` (after a space), then `'`, then
//! `ivoire`. Since folded text has either one space or nothing between two tokens, a path spells
//! exactly one folded alias. A node where an alias ends carries its pattern id.
//!
//! The root's edges are an array indexed by token id (every text token that is in the
//! vocabulary is looked up there); other nodes keep their few edges sorted in one flat array
//! (compressed sparse rows), so the trie is a handful of `u32` vectors, cheap to build, to
//! store in a compiled dictionary and to load.

use std::collections::HashMap;

use foldhash::fast::FixedState;

/// A trie over token ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenTrie {
    /// For each token id, the root's child for it, or 0.
    pub(crate) root: Vec<u32>,
    /// For each node, where its edges start in `edge_keys`; one more entry closes the last.
    pub(crate) first_edge: Vec<u32>,
    /// Edge labels ([`TokenTrie::key`]), sorted within each node.
    pub(crate) edge_keys: Vec<u32>,
    /// The node each edge leads to.
    pub(crate) edge_nodes: Vec<u32>,
    /// For each node, the pattern id + 1 of the alias that ends there, or 0.
    pub(crate) patterns: Vec<u32>,
}

/// The edge label for token `id`, with or without whitespace before it.
#[inline]
pub(crate) fn key(id: u32, space_before: bool) -> u32 {
    id << 1 | u32::from(space_before)
}

impl TokenTrie {
    /// The root's child for a text token with id `token`.
    #[inline]
    pub(crate) fn root_child(&self, token: u32) -> Option<u32> {
        self.root.get(token as usize).copied().filter(|&n| n != 0)
    }

    /// The child of `node` along the edge labelled `key`.
    #[inline]
    pub(crate) fn child(&self, node: u32, key: u32) -> Option<u32> {
        let range = self.edges(node);
        let keys = &self.edge_keys[range.clone()];
        keys.binary_search(&key)
            .ok()
            .map(|i| self.edge_nodes[range.start + i])
    }

    /// Whether some alias continues past `node`.
    #[inline]
    pub(crate) fn has_children(&self, node: u32) -> bool {
        !self.edges(node).is_empty()
    }

    /// The pattern of the alias ending at `node`, if one does.
    #[inline]
    pub(crate) fn pattern(&self, node: u32) -> Option<u32> {
        self.patterns[node as usize].checked_sub(1)
    }

    fn edges(&self, node: u32) -> std::ops::Range<usize> {
        self.first_edge[node as usize] as usize..self.first_edge[node as usize + 1] as usize
    }

    /// Number of nodes, the root included.
    pub(crate) fn node_count(&self) -> usize {
        self.patterns.len()
    }

    /// Whether every index points inside the trie (for loading a compiled file).
    pub(crate) fn is_consistent(&self, vocabulary_len: usize, pattern_count: usize) -> bool {
        let nodes = self.node_count();
        let shape = self.root.len() == vocabulary_len
            && self.first_edge.len() == nodes + 1
            && self.first_edge.first() == Some(&0)
            && self.first_edge.windows(2).all(|w| w[0] <= w[1])
            && self
                .first_edge
                .last()
                .is_some_and(|&e| e as usize == self.edge_keys.len())
            && self.edge_nodes.len() == self.edge_keys.len();
        shape
            && (0..nodes as u32).all(|n| {
                self.edge_keys[self.edges(n)]
                    .windows(2)
                    .all(|w| w[0] < w[1])
            })
            && self.root.iter().all(|&n| (n as usize) < nodes)
            && self
                .edge_nodes
                .iter()
                .all(|&n| n != 0 && (n as usize) < nodes)
            && self.patterns.iter().all(|&p| p as usize <= pattern_count)
    }
}

/// Builds a [`TokenTrie`] one alias at a time.
#[derive(Debug, Default)]
pub(crate) struct TrieBuilder {
    /// Children of the root, by token id.
    root: Vec<u32>,
    /// Every other edge: `(parent, key)` to child.
    edges: HashMap<(u32, u32), u32, FixedState>,
    /// Pattern id + 1 per node, or 0; node 0 is the root.
    patterns: Vec<u32>,
}

impl TrieBuilder {
    /// The node reached from the root along `tokens` (`(token id, space before)`), created as
    /// needed. The first token's space flag is ignored.
    pub(crate) fn insert(&mut self, tokens: &[(u32, bool)]) -> u32 {
        if self.patterns.is_empty() {
            self.patterns.push(0);
        }
        let mut node = 0;
        for (i, &(token, space_before)) in tokens.iter().enumerate() {
            let next = self.patterns.len() as u32;
            let child = if i == 0 {
                if self.root.len() <= token as usize {
                    self.root.resize(token as usize + 1, 0);
                }
                let slot = &mut self.root[token as usize];
                if *slot == 0 {
                    *slot = next;
                }
                *slot
            } else {
                *self
                    .edges
                    .entry((node, key(token, space_before)))
                    .or_insert(next)
            };
            if child == next {
                self.patterns.push(0);
            }
            node = child;
        }
        node
    }

    /// The pattern ending at `node`, if one was set.
    pub(crate) fn pattern(&self, node: u32) -> Option<u32> {
        self.patterns[node as usize].checked_sub(1)
    }

    /// Marks `node` as the end of pattern `pattern`.
    pub(crate) fn set_pattern(&mut self, node: u32, pattern: u32) {
        self.patterns[node as usize] = pattern + 1;
    }

    /// The finished trie, over a vocabulary of `vocabulary_len` tokens.
    pub(crate) fn build(mut self, vocabulary_len: usize) -> TokenTrie {
        if self.patterns.is_empty() {
            self.patterns.push(0);
        }
        self.root.resize(vocabulary_len, 0);
        let nodes = self.patterns.len();
        let mut edges: Vec<((u32, u32), u32)> = self.edges.into_iter().collect();
        edges.sort_unstable();
        let mut first_edge = vec![0u32; nodes + 1];
        for &((parent, _), _) in &edges {
            first_edge[parent as usize + 1] += 1;
        }
        for i in 0..nodes {
            first_edge[i + 1] += first_edge[i];
        }
        TokenTrie {
            root: self.root,
            first_edge,
            edge_keys: edges.iter().map(|&((_, key), _)| key).collect(),
            edge_nodes: edges.iter().map(|&(_, child)| child).collect(),
            patterns: self.patterns,
        }
    }
}
