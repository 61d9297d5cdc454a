//! Decoding: input bytes to text.
//!
//! kgx reads UTF-8 only; a byte-order mark is accepted and kept, so offsets stay offsets into
//! the file (folding ignores the BOM). Anything else is an error naming the first bad byte,
//! rather than a lossy decode that would silently corrupt names.

use std::path::Path;

use crate::error::{Error, Result};

/// Largest document kgx accepts: offsets are stored as `u32`.
pub const MAX_DOCUMENT_BYTES: usize = u32::MAX as usize;

/// Turns the bytes of `path` into text.
///
/// # Errors
/// [`Error::NotUtf8`] for invalid UTF-8, [`Error::EmptyInput`] for a file with no text (nothing,
/// or only a BOM and whitespace), and [`Error::DocumentTooLarge`] for a document over 4 GiB.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::DocumentTooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(Error::EmptyInput {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_and_without_bom() {
        let path = Path::new("a.txt");
        assert_eq!(decode(path, b"Putin".to_vec()).unwrap(), "Putin");
        assert_eq!(
            decode(path, b"\xEF\xBB\xBFPutin".to_vec()).unwrap(),
            "\u{FEFF}Putin"
        );
    }

    #[test]
    fn rejects_latin1_with_the_offset() {
        let err = decode(Path::new("a.txt"), b"Erdo\xF0an".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: not UTF-8 text (invalid byte at offset 4); convert it to UTF-8 first"
        );
    }

    #[test]
    fn rejects_empty_files() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF", b" \n\n"] {
            let err = decode(Path::new("e.txt"), bytes.to_vec()).unwrap_err();
            assert!(matches!(err, Error::EmptyInput { .. }), "{err}");
        }
    }
}
