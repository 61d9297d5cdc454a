//! Exports: one module per output format, each writing to any `impl io::Write`.
//!
//! Writers never touch the file system themselves; [`crate::output`] gives them a temporary
//! file and renames it only when the whole output was written.

pub mod dot;
pub mod json;
pub mod mentions;
