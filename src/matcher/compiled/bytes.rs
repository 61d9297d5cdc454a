//! The byte I/O of compiled dictionaries: little-endian integers, strings and arrays, written
//! to memory and read back from a file or from memory.
//!
//! Reading is where a hostile file meets the program, so every reader here is bounded: no read
//! past the end, no allocation larger than what is left to read (a forged count is refused
//! before anything is reserved for it). [`Source`] reads a whole file straight into the arrays
//! that keep it and sums every byte for the checksum as it goes; [`Reader`] reads the entity
//! records already in memory, on demand.

use std::io::Read;

use crc32fast::Hasher;

/// What is wrong with a compiled file.
#[derive(Debug)]
pub(super) struct ReadError(pub(super) &'static str);

/// A value read from a compiled file, or what is wrong with it.
pub(super) type Parsed<T> = std::result::Result<T, ReadError>;

/// Appends little-endian values.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
    /// Whether a length did not fit in 32 bits.
    pub(super) too_large: bool,
}

impl Writer {
    pub(super) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub(super) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn len(&mut self, n: usize) {
        let n = u32::try_from(n).unwrap_or_else(|_| {
            self.too_large = true;
            u32::MAX
        });
        self.u32(n);
    }
    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.bytes.extend_from_slice(bytes);
    }
    pub(super) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub(super) fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &v in values {
            self.u32(v);
        }
    }
    pub(super) fn u64s(&mut self, values: &[u64]) {
        self.len(values.len());
        for &v in values {
            self.u64(v);
        }
    }
}

/// Reads what [`Writer`] wrote from a file, straight into the arrays that keep it, adding
/// every byte to the checksum, and never reading or allocating more than the file has left.
pub(super) struct Source<R> {
    input: R,
    /// Bytes left before the checksum.
    pub(super) remaining: u64,
    pub(super) checksum: Hasher,
    /// The first I/O error, reported as such rather than as a corrupt file.
    pub(super) io_error: Option<std::io::Error>,
}

impl<R: Read> Source<R> {
    /// A source of the `len` bytes of `input`.
    pub(super) fn new(input: R, len: u64) -> Source<R> {
        Source {
            input,
            remaining: len,
            checksum: Hasher::new(),
            io_error: None,
        }
    }
    /// Fills `buffer` from the file.
    fn fill(&mut self, buffer: &mut [u8]) -> Parsed<()> {
        if buffer.len() as u64 > self.remaining {
            return Err(ReadError("truncated"));
        }
        if let Err(error) = self.input.read_exact(buffer) {
            if error.kind() != std::io::ErrorKind::UnexpectedEof {
                self.io_error.get_or_insert(error);
            }
            return Err(ReadError("truncated"));
        }
        self.remaining -= buffer.len() as u64;
        self.checksum.update(buffer);
        Ok(())
    }
    /// Reads (and sums) what is left before the checksum, if it can.
    pub(super) fn skip_rest(&mut self) {
        let mut buffer = vec![0; 1 << 16];
        while self.remaining > 0 {
            let n = buffer.len().min(self.remaining as usize);
            if self.fill(&mut buffer[..n]).is_err() {
                return;
            }
        }
    }
    pub(super) fn array<const N: usize>(&mut self) -> Parsed<[u8; N]> {
        let mut out = [0; N];
        self.fill(&mut out)?;
        Ok(out)
    }
    pub(super) fn u32(&mut self) -> Parsed<u32> {
        self.array().map(u32::from_le_bytes)
    }
    /// A count of elements that take at least `min_bytes` each: refused when the rest of the
    /// file cannot hold them, so a forged count never makes a huge allocation.
    pub(super) fn count(&mut self, min_bytes: u64) -> Parsed<usize> {
        let n = self.u32()?;
        if u64::from(n).saturating_mul(min_bytes) > self.remaining {
            return Err(ReadError("a count larger than the file"));
        }
        Ok(n as usize)
    }
    pub(super) fn bytes(&mut self) -> Parsed<Vec<u8>> {
        let mut bytes = vec![0; self.count(1)?];
        self.fill(&mut bytes)?;
        Ok(bytes)
    }
    pub(super) fn string(&mut self) -> Parsed<String> {
        String::from_utf8(self.bytes()?).map_err(|_| ReadError("a string is not UTF-8"))
    }
    pub(super) fn u32s(&mut self) -> Parsed<Vec<u32>> {
        let mut values = vec![0u32; self.count(4)?];
        self.fill(bytemuck::cast_slice_mut(&mut values))?;
        for value in &mut values {
            *value = u32::from_le(*value);
        }
        Ok(values)
    }
    pub(super) fn u64s(&mut self) -> Parsed<Vec<u64>> {
        let n = self.count(8)?;
        self.u64_array(n)
    }
    /// `n` values, already counted.
    pub(super) fn u64_array(&mut self, n: usize) -> Parsed<Vec<u64>> {
        let mut values = vec![0u64; n];
        self.fill(bytemuck::cast_slice_mut(&mut values))?;
        for value in &mut values {
            *value = u64::from_le(*value);
        }
        Ok(values)
    }
}

/// Reads entity records in memory, refusing to read past the end.
pub(super) struct Reader<'b> {
    pub(super) bytes: &'b [u8],
    pub(super) at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Parsed<&'b [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ReadError("truncated entity record"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    pub(super) fn u8(&mut self) -> Parsed<u8> {
        Ok(self.take(1)?[0])
    }
    pub(super) fn u32(&mut self) -> Parsed<u32> {
        let mut out = [0; 4];
        out.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(out))
    }
    /// A count of elements that take at least `min_bytes` each, refused when the rest of the
    /// records cannot hold them.
    pub(super) fn count(&mut self, min_bytes: usize) -> Parsed<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(ReadError("a count larger than the records"));
        }
        Ok(n)
    }
    pub(super) fn str(&mut self) -> Parsed<&'b str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| ReadError("a string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_over_32_bits_are_flagged_not_wrapped() {
        let mut w = Writer::default();
        w.len(u32::MAX as usize);
        assert!(!w.too_large);
        w.len(u32::MAX as usize + 1);
        assert!(w.too_large);
    }
}
