//! The seeded random stream behind every trial, and the only file that names the generator.
//!
//! The generator is ChaCha8 from RustCrypto's `chacha20` crate (its `rng` feature, the home of
//! what used to be `rand_chacha`). Its output for a key is fixed by the ChaCha algorithm itself
//! and checked against published test vectors, so it is the same on every platform, CPU
//! backend and crate version. Everything that turns raw 64-bit words into draws (the key, the
//! integer range, the unit interval) is written out here rather than taken from `rand`'s
//! distributions, whose algorithms may change between releases: a forecast printed today
//! can be reproduced from its seed after any dependency upgrade. The unit test
//! `tests::chacha8_matches_the_published_zero_key_vector` and the pinned forecasts in
//! `tests.rs` fail loudly if that ever stops being true.

use chacha20::ChaCha8Rng;
use chacha20::rand_core::{Rng, SeedableRng};

/// A reproducible stream of draws for one forecast.
pub(crate) struct Draws {
    rng: ChaCha8Rng,
}

impl Draws {
    /// The stream for `seed`: the seed's 8 little-endian bytes start the 32-byte ChaCha key,
    /// the rest of the key, the nonce and the block counter are zero.
    pub(crate) fn new(seed: u64) -> Draws {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        Draws {
            rng: ChaCha8Rng::from_seed(key),
        }
    }

    /// The next raw 64-bit word.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// A uniform integer in `0..n`, without modulo bias (Lemire's multiply-and-reject).
    ///
    /// `n` must be above 0.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0, "an empty range has nothing to draw");
        let mut product = u128::from(self.next_u64()) * u128::from(n);
        // The low half below 2^64 mod n marks the few words that would favour small results.
        let threshold = n.wrapping_neg() % n;
        while (product as u64) < threshold {
            product = u128::from(self.next_u64()) * u128::from(n);
        }
        (product >> 64) as u64
    }

    /// A uniform index into a slice of `len` elements (`len` above 0).
    pub(crate) fn index(&mut self, len: usize) -> usize {
        // usize fits in u64 on every target Rust supports, and the draw is below `len`, so it
        // fits back into usize.
        self.below(len as u64) as usize
    }

    /// A uniform float in `[0, 1)` from the top 53 bits of one word.
    pub(crate) fn unit(&mut self) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
        (self.next_u64() >> 11) as f64 * SCALE
    }
}
