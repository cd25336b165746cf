//! Rejecting word starts before the walk: a bit table of the first words
//! of every key.
//!
//! Most words of any text start no key, yet a walk of the map costs a node
//! decode per byte. The prefilter answers, from one to three table
//! probes, "can a key start with this word, followed by that word (and
//! that one)?", so the walk runs only where the answer is yes.
//!
//! A *token* is a word as [`crate::text::words`] defines it, read fast on
//! ASCII bytes: a run of ASCII letters and digits, with an apostrophe
//! between two of them. A word that folds to ASCII only through its
//! apostrophes (`Trump’s`) is hashed as it folds, by
//! [`crate::text::words::read_word`]; a word with any other character
//! outside ASCII is not hashed. The table answers four questions:
//!
//! * `single`: is the token a one-token key (`claimed`)?
//! * `first`: does a longer key start with it (`regulation`)?
//! * `pair`: does a longer key start with these two tokens
//!   (`regulation`, `enforcement`), and is one of them the two alone?
//! * `triple`: does a key of three tokens or more start with these three
//!   (`in`, `the`, `course`)? Asked only when the pair starts no key of
//!   two tokens: common pairs such as `in the` start many long keys and
//!   are no key themselves, and the third word rules most of them out.
//!
//! A token's `single` and `first` bits lie in one 64-bit word chosen by
//! its hash; a pair's bits (a longer key starts with it; it is a whole key)
//! in the word its own hash (under another salt) chooses, and a triple's
//! likewise.
//!
//! The filter only ever says "maybe" for a word that a key could start
//! with; it never rejects one. That holds because a key matches only where
//! the folded text equals it character for character and ends on a word
//! boundary, so the text's first tokens equal the key's. Tokens that do not
//! fold to ASCII are not hashed at all: the scanner walks from them
//! unconditionally, and a key's token that is not ASCII adds no bits
//! (a word that folds to ASCII cannot match it anyway).
//!
//! The table has 32 bits per key (at least 8 KiB; 64 KiB for the bundled
//! dictionary). A token's `single` and `first` bits (two each) lie in one
//! 64-bit word, so one memory access answers both; a pair's bits (two for
//! each of its questions) in another, a triple's two in a third. With the
//! bundled dictionary 9.4% of the bits are set, so a probe answers "maybe"
//! wrongly about 1 time in 110 (0.094 squared). Counted once with a
//! temporary counter (2026-12-06, not kept in the code): the scanner then
//! walked at 3.5% of the words of `tests/fixtures/clean-en.txt` (286 of
//! 8,072) and at 6.7% of the words of the benchmark input of
//! `benches/compare.sh`, a quarter of which is spun.

use std::borrow::Cow;

use crate::text::class;
use crate::text::hash::{WordHash, WordHasher};
use crate::text::words;

const WORD: u64 = 0x243F_6A88_85A3_08D3;
const PAIR: u64 = 0xA409_3822_299F_31D0;
const TRIPLE: u64 = 0x082E_FA98_EC4E_6C89;

/// A finalizer that spreads every input bit over the output (MurmurHash3's).
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

/// The bit table.
#[derive(Clone)]
pub(crate) struct Prefilter {
    bits: Cow<'static, [u8]>,
    /// `bits.len() * 8 - 1`: the table's size is a power of two.
    mask: u64,
}

impl std::fmt::Debug for Prefilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefilter")
            .field("bytes", &self.bits.len())
            .finish()
    }
}

impl Prefilter {
    /// Builds the table for a set of folded keys.
    pub fn build<'k>(keys: impl Iterator<Item = &'k [u8]> + Clone) -> Prefilter {
        let count = keys.clone().count();
        let bits = (count * 32).max(1 << 16).next_power_of_two();
        let mut filter = Prefilter {
            bits: Cow::Owned(vec![0; bits / 8]),
            mask: bits as u64 - 1,
        };
        for key in keys {
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            filter.add(key);
        }
        filter
    }

    /// A copy of this table, of the same size, with `keys` added too: the
    /// prefilter of a map laid over this one's.
    pub fn with_keys<'k>(&self, keys: impl Iterator<Item = &'k str>) -> Prefilter {
        let mut filter = Prefilter {
            bits: Cow::Owned(self.bits.to_vec()),
            mask: self.mask,
        };
        keys.for_each(|key| filter.add(key));
        filter
    }

    /// Wraps a table serialized by [`Prefilter::as_bytes`].
    pub fn from_bytes(bits: Cow<'static, [u8]>) -> Result<Prefilter, String> {
        if bits.len() < 8 || !bits.len().is_power_of_two() {
            return Err(format!(
                "prefilter of {} bytes is not a power of two",
                bits.len()
            ));
        }
        let mask = bits.len() as u64 * 8 - 1;
        Ok(Prefilter { bits, mask })
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bits
    }

    fn add(&mut self, key: &str) {
        let tokens = key_tokens(key);
        let mut tokens = tokens.into_iter();
        let Some(first) = tokens.next() else {
            return;
        };
        let Some(first) = first else {
            // The first token is not ASCII: the scanner always walks there.
            return;
        };
        let h = mix(first.value() ^ WORD);
        match tokens.next() {
            None => self.set(h, Starts::SINGLE),
            Some(second) => {
                self.set(h, Starts::FIRST);
                if let Some(second) = second {
                    let h = pair_hash(first, second);
                    self.set(h, Starts::SINGLE);
                    match tokens.next() {
                        // The pair is a whole key.
                        None => self.set(h, Starts::FIRST),
                        Some(Some(third)) => {
                            self.set(triple_hash(first, second, third), Starts::SINGLE);
                        }
                        Some(None) => {}
                    }
                }
            }
        }
    }

    /// The byte offset of the 64-bit word `h` selects, and the bits of
    /// each question there: two for "a one-token key" and two for "a
    /// longer key". Keeping them in one word answers both questions with
    /// one memory access, and two bits each make a false "maybe" far rarer
    /// than one bit would.
    #[inline]
    fn place(&self, h: u64) -> (usize, Starts) {
        let word = ((h >> 24) & (self.mask >> 6)) as usize * 8;
        let single = (1u64 << (h & 63)) | (1u64 << ((h >> 6) & 63));
        let first = (1u64 << ((h >> 12) & 63)) | (1u64 << ((h >> 18) & 63));
        (word, Starts { single, first })
    }

    fn set(&mut self, h: u64, which: fn(Starts) -> u64) {
        let (word, starts) = self.place(h);
        let bits = which(starts);
        let table = self.bits.to_mut();
        for (i, byte) in bits.to_le_bytes().iter().enumerate() {
            table[word + i] |= byte;
        }
    }

    #[inline]
    fn word(&self, at: usize) -> u64 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&self.bits[at..at + 8]);
        u64::from_le_bytes(bytes)
    }

    /// May a key start with this token: a one-token key (`.0`), a longer
    /// key (`.1`)? One memory access answers both.
    #[inline]
    pub fn starts(&self, token: WordHash) -> (bool, bool) {
        let (at, starts) = self.place(mix(token.value() ^ WORD));
        let word = self.word(at);
        (
            word & starts.single == starts.single,
            word & starts.first == starts.first,
        )
    }

    /// May a one-token key be this token?
    #[cfg(test)]
    pub fn single(&self, token: WordHash) -> bool {
        self.starts(token).0
    }

    /// May a longer key start with this token?
    #[cfg(test)]
    pub fn first(&self, token: WordHash) -> bool {
        self.starts(token).1
    }

    /// May a longer key start with these two tokens (`.0`), and may they
    /// be a whole key (`.1`)? One memory access answers both.
    #[inline]
    pub fn pair(&self, first: WordHash, second: WordHash) -> (bool, bool) {
        let (at, starts) = self.place(pair_hash(first, second));
        let word = self.word(at);
        (
            word & starts.single == starts.single,
            word & starts.first == starts.first,
        )
    }

    /// May a key of three tokens or more start with these three?
    #[inline]
    pub fn triple(&self, first: WordHash, second: WordHash, third: WordHash) -> bool {
        let (at, starts) = self.place(triple_hash(first, second, third));
        self.word(at) & starts.single == starts.single
    }
}

/// The bits of one table word that answer each question about a token.
#[derive(Debug, Clone, Copy)]
struct Starts {
    single: u64,
    first: u64,
}

impl Starts {
    /// The bits of a one-token key, and of a pair (which has a word of its
    /// own, so it may use the same bits).
    const SINGLE: fn(Starts) -> u64 = |s| s.single;
    const FIRST: fn(Starts) -> u64 = |s| s.first;
}

#[inline]
fn pair_hash(first: WordHash, second: WordHash) -> u64 {
    mix(first.value().rotate_left(23) ^ second.value() ^ PAIR)
}

#[inline]
fn triple_hash(first: WordHash, second: WordHash, third: WordHash) -> u64 {
    mix(pair_hash(first, second).rotate_left(17) ^ third.value() ^ TRIPLE)
}

/// The tokens of a folded key, in order: `Some(hash)` for an ASCII token,
/// `None` for one with a character outside ASCII. A key that starts with a
/// character that is not a word character has no first token for the
/// scanner's purposes, and yields nothing.
fn key_tokens(key: &str) -> Vec<Option<WordHash>> {
    let mut tokens = Vec::new();
    let mut current: Option<Option<WordHasher>> = None;
    for (i, c) in key.char_indices() {
        if words::word_char_at(key, i, c) {
            let hash = current.unwrap_or(Some(WordHasher::new()));
            current = Some(match hash {
                Some(h) if c.is_ascii() => Some(h.push(c as u8)),
                _ => None,
            });
        } else if i == 0 {
            return tokens;
        } else if let Some(token) = current.take() {
            tokens.push(token.map(WordHasher::finish));
        }
    }
    tokens.extend(current.map(|token| token.map(WordHasher::finish)));
    tokens
}

/// A token of the text as the scanner sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// An ASCII token ending at `end`, followed by ASCII or the end.
    Ascii { end: usize, hash: WordHash },
    /// A token with (or followed by) a byte outside ASCII: not filtered.
    Other,
}

/// The token that starts at `start`, where `bytes[start]` is an ASCII
/// letter or digit that begins a word.
///
/// Letters and digits are read sixteen at a time where sixteen bytes are
/// left, eight at a time where eight are: the run of them at the front
/// comes out of a few vector or arithmetic operations, and goes into the
/// hash a chunk of eight in one step.
///
/// Always inlined: returned through memory, the token is written in
/// pieces and read back whole, which stalls the store buffer (measured:
/// a fifth of the scanner's time).
#[inline(always)]
pub(crate) fn token_at(bytes: &[u8], start: usize) -> Token {
    // Most words: fewer than sixteen letters and digits, followed (within
    // the same sixteen bytes) by a byte that is neither an apostrophe nor
    // outside ASCII. One block of sixteen, classified at once, gives the
    // word's end; its first eight bytes give the hash of a word shorter
    // than eight, both halves that of a longer one (a sixth of the words
    // of news). Near the end of the text, chunks of eight do the same.
    const LOWER: u64 = 0x2020_2020_2020_2020;
    // What ends a word read from chunks: a byte that is neither an
    // apostrophe nor outside ASCII.
    let plain_end = |chunk: u64, run: usize| {
        !matches!(
            class::of((chunk >> (8 * run)) as u8),
            class::QUOTE | class::HIGH
        )
    };
    if let Some((block, [chunk, rest])) = class::Sixteen::with_chunks(bytes, start) {
        let run = (!block.alnum).trailing_zeros() as usize;
        if run < 16 && (block.apostrophes | block.high) >> run & 1 == 0 {
            return Token::Ascii {
                end: start + run,
                hash: if run < 8 {
                    WordHasher::short_word(chunk | LOWER, run)
                } else {
                    WordHasher::medium_word(chunk | LOWER, rest | LOWER, run - 8)
                },
            };
        }
    } else if let Some(chunk) = class::chunk_at(bytes, start) {
        // Fewer than sixteen bytes left, eight or more.
        let run = class::alnum_run(chunk);
        if run < 8 && plain_end(chunk, run) {
            return Token::Ascii {
                end: start + run,
                hash: WordHasher::short_word(chunk | LOWER, run),
            };
        }
    }
    let mut hash = WordHasher::new();
    let mut i = start;
    loop {
        (hash, i) = hash.push_alnum(bytes, i);
        // `bytes[i]`, if any, is not a letter or digit.
        match bytes.get(i).map(|&b| class::of(b)) {
            Some(class::QUOTE) => match bytes.get(i + 1).map(|&n| class::of(n)) {
                Some(class::WORD) => {
                    hash = hash.push(b'\'');
                    i += 1;
                }
                Some(class::HIGH) => return Token::Other,
                _ => break,
            },
            Some(class::HIGH) => return Token::Other,
            _ => break,
        }
    }
    Token::Ascii {
        end: i,
        hash: hash.finish(),
    }
}

/// What follows a token ending at `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// The next token starts at `start`.
    Token { start: usize, token: Token },
    /// No token within `limit` bytes.
    None,
    /// A byte outside ASCII comes first: not filtered.
    Other,
}

/// Skips the ASCII characters that are not word characters after `end`
/// and returns the token there, if it starts before `limit`.
#[inline(always)]
pub(crate) fn next_token(bytes: &[u8], end: usize, limit: usize) -> Next {
    let mut i = end;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            if i > limit {
                return Next::None;
            }
            return Next::Token {
                start: i,
                token: token_at(bytes, i),
            };
        }
        if b >= 0x80 {
            return Next::Other;
        }
        i += 1;
    }
    Next::None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::random::{self, Spaces};

    fn hash(word: &str) -> WordHash {
        WordHash::of(word.as_bytes())
    }

    #[test]
    fn text_tokens_hash_as_folded_keys() {
        let cases: [(&str, Option<(&str, usize)>); 7] = [
            ("Regulation enforcement", Some(("regulation", 10))),
            ("DON'T stop", Some(("don't", 5))),
            ("parents' house", Some(("parents", 7))),
            ("1000's", Some(("1000's", 6))),
            ("caf\u{e9} society", None),
            ("don\u{2019}t", None),
            ("l'\u{e9}t\u{e9}", None),
        ];
        for (text, want) in cases {
            let got = token_at(text.as_bytes(), 0);
            let want = match want {
                Some((word, end)) => Token::Ascii {
                    end,
                    hash: hash(word),
                },
                None => Token::Other,
            };
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn key_tokens_follow_the_scanner() {
        let tokens = key_tokens("u.s. army's café");
        assert_eq!(
            tokens,
            [Some(hash("u")), Some(hash("s")), Some(hash("army's")), None]
        );
        assert!(key_tokens("'s").is_empty());
        assert_eq!(key_tokens("parents'"), [Some(hash("parents"))]);
    }

    #[test]
    fn the_filter_never_rejects_a_key_and_rejects_most_others() {
        let keys = [
            "claimed",
            "regulation enforcement",
            "u.s. army",
            "café society",
        ];
        let filter = Prefilter::build(keys.iter().map(|k| k.as_bytes()));
        assert!(filter.single(hash("claimed")));
        assert!(filter.first(hash("regulation")));
        assert_eq!(
            filter.pair(hash("regulation"), hash("enforcement")),
            (true, true)
        );
        // `u.s. army` is three tokens: the pair starts it, the third word
        // decides.
        assert!(filter.pair(hash("u"), hash("s")).0);
        assert!(filter.triple(hash("u"), hash("s"), hash("army")));
        assert!(!filter.triple(hash("u"), hash("s"), hash("navy")));
        assert_eq!(filter.pair(hash("regulation"), hash("law")), (false, false));
        let others = ["the", "law", "enforcement", "said", "army", "regulations"];
        let passed = others
            .iter()
            .filter(|w| filter.single(hash(w)) || filter.first(hash(w)))
            .count();
        assert_eq!(passed, 0);
    }

    /// The token at `start` read one byte at a time: what [`token_at`]
    /// reads eight at a time.
    fn token_by_bytes(bytes: &[u8], start: usize) -> Token {
        let mut hash = WordHasher::new();
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            match class::of(b) {
                class::WORD => hash = hash.push(b | 0x20),
                class::QUOTE => match bytes.get(i + 1).map(|&n| class::of(n)) {
                    Some(class::WORD) => hash = hash.push(b'\''),
                    Some(class::HIGH) => return Token::Other,
                    _ => break,
                },
                class::HIGH => return Token::Other,
                _ => break,
            }
            i += 1;
        }
        Token::Ascii {
            end: i,
            hash: hash.finish(),
        }
    }

    #[test]
    fn tokens_read_by_blocks_are_read_as_one_at_a_time() {
        let pieces = [
            "a",
            "Seven77",
            "eightsss",
            "NINE",
            "-",
            "'",
            "'",
            "\u{e9}",
            "\u{2019}",
            ".",
            "x",
            "internationalization",
            "0",
        ];
        let texts = random::texts(&pieces, 300, 40, Spaces::AfterSome);
        let mut tokens = 0;
        for text in &texts {
            let bytes = text.as_bytes();
            for start in 0..bytes.len() {
                if bytes[start].is_ascii_alphanumeric() {
                    let want = token_by_bytes(bytes, start);
                    assert_eq!(token_at(bytes, start), want, "{text:?} at {start}");
                    tokens +=
                        usize::from(matches!(want, Token::Ascii { end, .. } if end - start > 8));
                }
            }
        }
        // Tokens of more than eight bytes, hashed from both halves of a
        // block or read in several pieces of eight, were among them.
        assert!(tokens > 1000, "{tokens}");
    }

    #[test]
    fn the_bundled_table_stays_sparse() {
        // The module docs' false "maybe" rate (1 in 110) rests on this.
        let compiled = crate::dict::builtin::load();
        let bits = compiled.prefilter.as_bytes();
        let set: u32 = bits.iter().map(|b| b.count_ones()).sum();
        let density = f64::from(set) / (bits.len() * 8) as f64;
        assert!((0.05..0.10).contains(&density), "{density}");
    }

    #[test]
    fn next_token_skips_ascii_separators_only() {
        let bytes = b"the -- \"quoted\" x";
        assert_eq!(
            next_token(bytes, 3, 100),
            Next::Token {
                start: 8,
                token: Token::Ascii {
                    end: 14,
                    hash: hash("quoted")
                }
            }
        );
        assert_eq!(next_token(bytes, 3, 5), Next::None);
        assert_eq!(next_token("a \u{2014} b".as_bytes(), 1, 100), Next::Other);
        assert_eq!(next_token(b"end.  ", 3, 100), Next::None);
    }
}
