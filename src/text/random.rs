//! Texts of random pieces, for the tests that hold a fast path to its plain
//! definition: one small generator (xorshift64), fixed seed, so every run
//! tests the same texts. And the samples those tests read beside them.

/// Whether a space follows some of the pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spaces {
    /// Only the pieces.
    None,
    /// A space after about a third of the pieces.
    AfterSome,
}

/// `count` texts of `length` pieces each, drawn from `pieces`.
pub(crate) fn texts(pieces: &[&str], count: usize, length: usize, spaces: Spaces) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..length {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
                if spaces == Spaces::AfterSome && state % 3 == 0 {
                    text.push(' ');
                }
            }
            text
        })
        .collect()
}

/// The spun sample (`samples/spun-article.txt`) and the clean English
/// fixture (`tests/fixtures/clean-en.txt`), the real texts such tests
/// read beside the random ones.
pub(crate) fn samples() -> [String; 2] {
    let root = env!("CARGO_MANIFEST_DIR");
    ["samples/spun-article.txt", "tests/fixtures/clean-en.txt"].map(|path| {
        // ok: tests only, and both files are in the repository.
        std::fs::read_to_string(format!("{root}/{path}")).expect("a sample text")
    })
}
