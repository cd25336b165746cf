//! The bundled word frequencies, compiled at build time and embedded.
//!
//! `build.rs` compiles `data/frequency/*.txt` with the frequency module and
//! writes the serialized form to `OUT_DIR`. Loading it checks the layout
//! and reads both maps in place from the static bytes, once, on first use.

use once_cell::sync::Lazy;

use crate::dict::frequency::Frequencies;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frequencies.bin"));

/// The bundled word and word-pair counts, loaded on first use.
pub(crate) static FREQUENCIES: Lazy<Frequencies> = Lazy::new(load);

/// Loads the embedded frequencies without caching them.
pub(crate) fn load() -> Frequencies {
    // ok: build.rs wrote these bytes with `Frequencies::to_bytes` and the
    // round trip is tested; they are not input.
    Frequencies::from_static(BYTES).expect("embedded frequencies are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_frequencies_load() {
        assert_eq!(FREQUENCIES.unigram("the"), 23_135_851_162);
        assert_eq!(FREQUENCIES.bigram("Law", "Enforcement"), 424_025_088);
        assert_eq!(FREQUENCIES.total(), 541_808_760_578);
    }
}
