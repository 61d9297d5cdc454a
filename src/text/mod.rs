//! Text handling before matching: decoding files, folding with an offset map, segmentation.
//!
//! Every offset kgx reports is a byte offset into the original file, BOM included: folding
//! and segmentation both work on, or map back to, the text exactly as it was read.

pub mod decode;
pub mod fold;
pub mod segment;

pub use decode::decode;
pub use fold::{fold, CaseMode, FoldedText};
pub use segment::{Segments, Sentence, Span};
