//! Text handling before matching: decoding files, folding, tokens with original spans,
//! segmentation.
//!
//! Every offset kgx reports is a byte offset into the original file, BOM included: folding
//! and segmentation both work on, or map back to, the text exactly as it was read.

pub mod decode;
pub mod fold;
pub mod language;
pub mod neighbours;
pub mod segment;
pub mod tokens;

pub use decode::decode;
pub use fold::{fold, CaseMode};
pub use segment::{Segments, Sentence, Span};
