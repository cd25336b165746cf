//! English word frequencies: how often a word, or two words in a row, occur
//! in Google Books, from the lists in `data/frequency/` (see the README
//! there for their source and licences).
//!
//! `build.rs` compiles the two lists with [`Frequencies::compile`] into two
//! fst maps, key → count, and embeds their serialized form:
//!
//! ```text
//! magic (8 bytes), format version (u32)
//! the sum of the unigram counts (u64)
//! the unigram map, the bigram map (each length-prefixed, u32)
//! ```
//!
//! Integers are little-endian. A unigram key is the word, a bigram key the
//! two words with one space between them, both lowercased. Loading
//! ([`Frequencies::from_static`]) checks the layout and each map's header
//! and reads the maps in place. The embedded copy is loaded once, in the
//! `frequencies_builtin` module, which `build.rs` leaves out.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use fst::{Map, MapBuilder};

use crate::dict::memo::{remembered, Memo};
use crate::error::Location;

/// The format's magic, then its version: bumped whenever the layout changes.
const MAGIC: &[u8; 8] = b"UNSPFREQ";
const VERSION: u32 = 1;

/// Keys up to this length are lowercased on the stack.
const KEY_BUFFER: usize = 96;

type Bytes = Cow<'static, [u8]>;

/// Word and word-pair counts, with the total of the word counts.
pub(crate) struct Frequencies {
    unigrams: Map<Bytes>,
    bigrams: Map<Bytes>,
    total: u64,
    /// This value's own number, for the lookups the thread remembers
    /// ([`Memo`]): the unigram map is `id`, the bigram map `id + 1`.
    id: u32,
}

/// A number for a new [`Frequencies`]: two apart, never zero.
fn new_id() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(2);
    NEXT.fetch_add(2, std::sync::atomic::Ordering::Relaxed)
}

/// One frequency list: its file name, for errors, and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct List<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// A line of a frequency list that cannot be read, or a list that cannot
/// be compiled: prints as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListError {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for ListError {}

// build.rs compiles this file too, and looks nothing up.
#[allow(dead_code)]
impl Frequencies {
    /// How often `word` occurs; 0 when the list does not have it. The word
    /// is lowercased first.
    pub(crate) fn unigram(&self, word: &str) -> u64 {
        lookup(&self.unigrams, self.id, &[word])
    }

    /// How often `first` is followed by `second`; 0 when the list does not
    /// have the pair (its counts start at about 6.4 million). Both words
    /// are lowercased first.
    pub(crate) fn bigram(&self, first: &str, second: &str) -> u64 {
        lookup(&self.bigrams, self.id + 1, &[first, second])
    }

    /// The sum of all word counts: a word's relative frequency is
    /// `unigram(word) / total()`.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }
}

#[cfg_attr(not(test), allow(dead_code))] // build.rs compiles, the library loads
impl Frequencies {
    /// Compiles the unigram list (`word count` lines) and the bigram list
    /// (`word1 word2 count` lines). Fields are separated by spaces or tabs,
    /// blank lines are skipped, words are lowercased. A malformed line, a
    /// word listed twice or a total that overflows is an error naming the
    /// file and line.
    pub(crate) fn compile(unigrams: List<'_>, bigrams: List<'_>) -> Result<Frequencies, ListError> {
        let words = parse(unigrams, 1)?;
        let mut total = 0u64;
        for entry in &words {
            total = total
                .checked_add(entry.count)
                .ok_or_else(|| error(unigrams.name, entry.line, "the total count overflows"))?;
        }
        let pairs = parse(bigrams, 2)?;
        Ok(Frequencies {
            unigrams: build_map(unigrams.name, words)?,
            bigrams: build_map(bigrams.name, pairs)?,
            total,
            id: new_id(),
        })
    }

    /// The serialized form (see the module docs).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let (unigrams, bigrams) = (self.unigrams.as_fst(), self.bigrams.as_fst());
        let mut out = Vec::with_capacity(24 + unigrams.as_bytes().len() + bigrams.as_bytes().len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.total.to_le_bytes());
        for map in [unigrams, bigrams] {
            out.extend_from_slice(&(map.as_bytes().len() as u32).to_le_bytes());
            out.extend_from_slice(map.as_bytes());
        }
        out
    }
}

impl Frequencies {
    /// Reads the serialized form in place, checking its layout and each
    /// map's header.
    pub(crate) fn from_static(bytes: &'static [u8]) -> Result<Frequencies, String> {
        let (magic, rest) = split(bytes, MAGIC.len(), "magic")?;
        if magic != MAGIC {
            return Err("not unspin frequency data".into());
        }
        let (version, rest) = split(rest, 4, "version")?;
        let version = u32::from_le_bytes([version[0], version[1], version[2], version[3]]);
        if version != VERSION {
            return Err(format!(
                "frequency data version {version}, expected {VERSION}"
            ));
        }
        let (total, rest) = split(rest, 8, "total")?;
        let mut total_bytes = [0u8; 8];
        total_bytes.copy_from_slice(total);
        let (unigrams, rest) = map_at(rest, "unigram map")?;
        let (bigrams, rest) = map_at(rest, "bigram map")?;
        if !rest.is_empty() {
            return Err(format!("stray bytes after the bigram map: {}", rest.len()));
        }
        Ok(Frequencies {
            unigrams,
            bigrams,
            total: u64::from_le_bytes(total_bytes),
            id: new_id(),
        })
    }
}

/// A parsed line: the lowercased key, its count and its 1-based line.
struct Entry {
    key: String,
    count: u64,
    line: usize,
}

/// The entries of a list whose lines hold `words` words and a count.
fn parse(list: List<'_>, words: usize) -> Result<Vec<Entry>, ListError> {
    let text = list.text.strip_prefix('\u{feff}').unwrap_or(list.text);
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let fields: Vec<&str> = line.split([' ', '\t']).filter(|f| !f.is_empty()).collect();
        if fields.is_empty() {
            continue;
        }
        if fields.len() != words + 1 {
            let message = format!(
                "expected {} and a count, found {} field{}",
                if words == 1 { "a word" } else { "two words" },
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            );
            return Err(error(list.name, line_no, &message));
        }
        let count_field = fields[words];
        let count = count_field.parse::<u64>().map_err(|_| {
            let message = format!("the count {count_field:?} is not a whole number");
            error(list.name, line_no, &message)
        })?;
        entries.push(Entry {
            key: fields[..words].join(" ").to_lowercase(),
            count,
            line: line_no,
        });
    }
    Ok(entries)
}

/// The fst map of `entries`, which must not repeat a key.
fn build_map(name: &str, mut entries: Vec<Entry>) -> Result<Map<Bytes>, ListError> {
    entries.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.line.cmp(&b.line)));
    for pair in entries.windows(2) {
        if pair[0].key == pair[1].key {
            let message = format!(
                "{:?} is listed again (first on line {})",
                pair[1].key, pair[0].line
            );
            return Err(error(name, pair[1].line, &message));
        }
    }
    let mut builder = MapBuilder::memory();
    for entry in &entries {
        builder
            .insert(&entry.key, entry.count)
            .map_err(|e| error(name, entry.line, &e.to_string()))?;
    }
    // Finishing the map can only fail on a write to memory: the error is
    // put on the last line.
    let last = entries.iter().map(|e| e.line).max().unwrap_or(1);
    let bytes = builder
        .into_inner()
        .map_err(|e| error(name, last, &e.to_string()))?;
    Map::new(Cow::Owned(bytes)).map_err(|e| error(name, last, &e.to_string()))
}

fn error(name: &str, line: usize, message: &str) -> ListError {
    ListError {
        location: Location::new(name, line),
        message: message.to_string(),
    }
}

/// The first `n` bytes of `bytes` and the rest, or an error naming `what`.
fn split<'b>(bytes: &'b [u8], n: usize, what: &str) -> Result<(&'b [u8], &'b [u8]), String> {
    if bytes.len() < n {
        return Err(format!("frequency data truncated in the {what}"));
    }
    Ok(bytes.split_at(n))
}

/// A length-prefixed map at the start of `bytes`, and the bytes after it.
fn map_at(bytes: &'static [u8], what: &str) -> Result<(Map<Bytes>, &'static [u8]), String> {
    let (len, rest) = split(bytes, 4, what)?;
    let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
    let (map, rest) = split(rest, len, what)?;
    let map = Map::new(Cow::Borrowed(map)).map_err(|e| format!("{what}: {e}"))?;
    Ok((map, rest))
}

/// The count of the key made of `parts`, joined by one space, lowercased,
/// with typographic apostrophes read as `'`.
fn lookup(map: &Map<Bytes>, id: u32, parts: &[&str]) -> u64 {
    let mut buffer = [0u8; KEY_BUFFER];
    match ascii_key(parts, &mut buffer) {
        Some(key) => remembered(&COUNTS, id, key, || map.get(key).unwrap_or(0)),
        None => map.get(folded_key(parts)).unwrap_or(0),
    }
}

thread_local! {
    /// The counts this thread looked up last, by key and map: a lookup in
    /// a map walks a node per byte of the key.
    static COUNTS: RefCell<Memo<36>> = const { RefCell::new(Memo::new(4096)) };
}

/// The key of ASCII `parts`, lowercased into `buffer`; `None` when a part
/// is not ASCII or the key does not fit.
fn ascii_key<'b>(parts: &[&str], buffer: &'b mut [u8; KEY_BUFFER]) -> Option<&'b [u8]> {
    let mut len = 0;
    for (i, part) in parts.iter().enumerate() {
        let bytes = part.as_bytes();
        let start = len + usize::from(i > 0);
        let end = start + bytes.len();
        if !part.is_ascii() || end > KEY_BUFFER {
            return None;
        }
        if i > 0 {
            buffer[len] = b' ';
        }
        for (to, from) in buffer[start..end].iter_mut().zip(bytes) {
            *to = from.to_ascii_lowercase();
        }
        len = end;
    }
    Some(&buffer[..len])
}

/// The key of any `parts`, the slow way.
fn folded_key(parts: &[&str]) -> String {
    let mut key = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        for c in part.chars().flat_map(char::to_lowercase) {
            key.push(if matches!(c, '\u{2018}' | '\u{2019}') {
                '\''
            } else {
                c
            });
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIGRAMS: &str = include_str!("../../data/frequency/unigrams.txt");
    const BIGRAMS: &str = include_str!("../../data/frequency/bigrams.txt");

    fn list<'a>(name: &'a str, text: &'a str) -> List<'a> {
        List { name, text }
    }

    fn small() -> Frequencies {
        Frequencies::compile(
            list("u.txt", "the 50\nLaw 7\ndon't 3\n\nenforcement 2"),
            list("b.txt", "law enforcement 5\r\nthe law 4\r\n"),
        )
        .unwrap()
    }

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn remembered_counts_are_each_maps_own() {
        // Two lists with the same words and other counts, looked up in turn
        // on one thread: neither answers with the other's count, and a
        // unigram is not taken for a bigram with the same bytes.
        let a = small();
        let b = Frequencies::compile(list("u.txt", "the 9"), list("b.txt", "law enforcement 11"))
            .unwrap();
        for _ in 0..3 {
            assert_eq!(a.unigram("the"), 50);
            assert_eq!(b.unigram("the"), 9);
            assert_eq!(a.bigram("law", "enforcement"), 5);
            assert_eq!(b.bigram("law", "enforcement"), 11);
            assert_eq!(a.unigram("law enforcement"), 0);
        }
    }

    #[test]
    fn the_bundled_lists_give_known_counts() {
        let f = Frequencies::compile(list("unigrams.txt", UNIGRAMS), list("bigrams.txt", BIGRAMS))
            .unwrap();
        assert_eq!(f.unigram("the"), 23_135_851_162);
        assert_eq!(f.unigram("antidisestablishmentarianism"), 16_489);
        assert_eq!(f.unigram("Don\u{2019}t"), 300_000);
        assert_eq!(f.unigrams.len(), 82_834);
        assert_eq!(f.bigrams.len(), 242_342);
        assert_eq!(f.total(), 541_808_760_578);
        assert_eq!(f.bigram("law", "enforcement"), 424_025_088);
        assert_eq!(f.bigram("regulation", "enforcement"), 0);
        assert_eq!(f.unigram("qwxzv"), 0);
        assert_eq!(f.unigram(""), 0);
    }

    #[test]
    fn lookups_are_case_insensitive() {
        let f = small();
        assert_eq!(f.unigram("THE"), 50);
        assert_eq!(f.unigram("The"), 50);
        assert_eq!(f.unigram("law"), 7, "the list's own case is folded too");
        assert_eq!(f.bigram("Law", "ENFORCEMENT"), 5);
        assert_eq!(f.bigram("THE", "Law"), 4);
        assert_eq!(f.bigram("law", "the"), 0);
        // Typographic apostrophes, and words past the stack buffer.
        assert_eq!(f.unigram("Don\u{2019}t"), 3);
        assert_eq!(f.unigram(&"x".repeat(200)), 0);
        assert_eq!(f.bigram("ÉTÉ", "law"), 0);
    }

    #[test]
    fn the_serialized_form_round_trips() {
        let f = small();
        let bytes = leak(f.to_bytes());
        let loaded = Frequencies::from_static(bytes).unwrap();
        assert_eq!(
            loaded.unigrams.as_fst().as_bytes(),
            f.unigrams.as_fst().as_bytes()
        );
        assert_eq!(
            loaded.bigrams.as_fst().as_bytes(),
            f.bigrams.as_fst().as_bytes()
        );
        loaded.unigrams.as_fst().verify().unwrap();
        loaded.bigrams.as_fst().verify().unwrap();
        assert_eq!(loaded.total(), 62);
        assert_eq!(loaded.unigram("the"), 50);
        assert_eq!(loaded.bigram("law", "enforcement"), 5);

        let full = f.to_bytes();
        assert!(Frequencies::from_static(b"garbage").is_err());
        assert!(Frequencies::from_static(leak(full[..full.len() - 1].to_vec())).is_err());
        let mut longer = full.clone();
        longer.push(0);
        assert_eq!(
            Frequencies::from_static(leak(longer)).err().unwrap(),
            "stray bytes after the bigram map: 1"
        );
        let mut newer = full.clone();
        newer[8] = 9;
        assert_eq!(
            Frequencies::from_static(leak(newer)).err().unwrap(),
            "frequency data version 9, expected 1"
        );
        // A map whose bytes are not an fst is refused.
        let mut broken = full;
        broken[24..32].fill(0xFF);
        assert!(Frequencies::from_static(leak(broken)).is_err());
    }

    #[test]
    fn a_bad_line_is_reported_with_file_and_line() {
        let err = |u: &str, b: &str| {
            Frequencies::compile(list("u.txt", u), list("b.txt", b))
                .err()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            err("the 1\nof 2\nand three\n", ""),
            "u.txt:3: the count \"three\" is not a whole number"
        );
        assert_eq!(
            err("the 1\n", "law enforcement 5\n\nthe 4\n"),
            "b.txt:3: expected two words and a count, found 2 fields"
        );
        assert_eq!(
            err("a b 1\n", ""),
            "u.txt:1: expected a word and a count, found 3 fields"
        );
        assert_eq!(
            err("a -1\n", ""),
            "u.txt:1: the count \"-1\" is not a whole number"
        );
        assert_eq!(
            err("the 1\nof 2\nThe 3\n", ""),
            "u.txt:3: \"the\" is listed again (first on line 1)"
        );
        assert_eq!(
            err("a 18446744073709551615\nb 1\n", ""),
            "u.txt:2: the total count overflows"
        );
    }
}
