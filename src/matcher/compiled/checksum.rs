//! The checksum at the end of a compiled dictionary.

/// The checksum of `bytes`.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    let mut checksum = Checksum::default();
    checksum.update(bytes);
    checksum.finish()
}

/// A fast streaming checksum (not cryptographic: it catches truncation and bit rot): four
/// independent multiply-rotate lanes over 32-byte blocks, so the CPU runs them in parallel.
#[derive(Debug, Clone, Default)]
pub(super) struct Checksum {
    lanes: [u64; 4],
    /// The bytes of an incomplete block.
    pending: Vec<u8>,
    total: u64,
}

const CHECKSUM_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

impl Checksum {
    fn mix(lane: u64, word: &[u8]) -> u64 {
        let mut w = [0; 8];
        w[..word.len()].copy_from_slice(word);
        (lane.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(CHECKSUM_MULTIPLIER)
    }

    fn mix_block(&mut self, block: &[u8]) {
        for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = Checksum::mix(*lane, word);
        }
    }

    pub(super) fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if !self.pending.is_empty() {
            let take = (32 - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < 32 {
                return;
            }
            let block = std::mem::take(&mut self.pending);
            self.mix_block(&block);
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            self.mix_block(block);
        }
        self.pending.extend_from_slice(blocks.remainder());
    }

    pub(super) fn finish(mut self) -> u64 {
        for word in std::mem::take(&mut self.pending).chunks(8) {
            self.lanes[0] = Checksum::mix(self.lanes[0], word);
        }
        let hash = self.lanes.iter().fold(self.total, |acc, &lane| {
            (acc.rotate_left(17) ^ lane).wrapping_mul(CHECKSUM_MULTIPLIER)
        });
        hash ^ (hash >> 31)
    }
}
