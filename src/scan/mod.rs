//! The single pass: word starts, walks from them, longest match on a word
//! boundary.
//!
//! The scanner moves left to right over the text. At each candidate start
//! (the first character of a word, or a punctuation character) it looks
//! up every key that starts there and ends on a word boundary: through the
//! word table ([`crate::dict::wordmap`]) a word at a time where the text
//! is plain ASCII words, and otherwise by walking the compiled map, folding
//! one input character at a time with [`crate::text::fold::fold_char`]
//! (`walk.rs`). The longest key found wins; scanning resumes after it, so
//! matches never overlap and replaced text is never scanned again.
//!
//! Checking the boundary *during* the walk, rather than taking the longest
//! key and checking afterwards, is what keeps `thirty day` matching in
//! `thirty day periods` when `thirty day period` is also a key.
//!
//! Words are as [`crate::text::words`] defines them. A match must not
//! begin or end inside a word: its first character may not continue a word
//! that started before it, and its last character may not be followed by
//! more of the same word. Most words start no key: a prefilter
//! ([`crate::dict::prefilter`]) rules them out from their hash before any
//! walk, and the words the score needs counted are counted on the way.
//!
//! ```text
//! mod.rs   candidate starts, the prefilter, the tally, the segmentation
//! walk.rs  from one start: the word table or the map, and the keys found
//! ```

use crate::dict::compile::Compiled;
use crate::dict::prefilter::{next_token, token_at, Next, Prefilter, Token};
use crate::text::class;
use crate::text::hash::{WordHash, WordHasher};
use crate::text::words::{self, for_each_word, next_char, read_word, word_before, word_char_at};
use crate::tier::{Tier, TierSet};

mod walk;

/// The longest stretch of text one match may span, in bytes. A phrase is a
/// few words; only a run of whitespace inside it could make it longer, and
/// capping it keeps the lookahead of streaming repair bounded.
pub(crate) const MAX_MATCH_BYTES: usize = 64 * 1024;

/// A match found by the scanner: a byte span of the text and an index into
/// the compiled entry table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
    /// Where the allowed phrases seen before the match end (at most
    /// `start`): an article edit for this match must not start before it,
    /// or it would change a word of an allowed phrase ("such an").
    pub protected_to: usize,
}

/// Whether a scan takes its fast paths: the prefilter, the root table and
/// the ASCII folding shortcut. They change no match (a test compares), only
/// the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FastPaths {
    On,
    Off,
}

/// Which keys a walk looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Looking {
    /// Every key: replacements of the enabled tiers, and allowed phrases.
    ForKeys,
    /// Only allowed phrases: is one there?
    ForAllowed,
}

/// What a scan does with allowed phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AllowedPhrases {
    /// No match may overlap one (the default).
    Protect,
    /// Scan as if there were none, and as if each entry an allowed phrase
    /// took the place of were still there: what would an allowed phrase
    /// protect?
    Ignore,
}

/// The hashes of the words `a` and `an`.
const ARTICLE_A: WordHash = WordHasher::new().push(b'a').finish();
const ARTICLE_AN: WordHash = WordHasher::new().push(b'a').push(b'n').finish();

/// What the score needs from the words a scan passes over: how many there
/// are, and how often each original of the score's balance occurs among
/// them ([`crate::dict::originals`]). The scan hashes every ASCII word for
/// its prefilter anyway, so counting them costs a probe per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Words that start in the scanned range.
    pub words: usize,
    /// Occurrences of each original among them, by slot.
    pub originals: Vec<u32>,
    /// Where the words `a` and `an` start among them: the score checks
    /// whether each agrees with the next word.
    pub articles: Vec<usize>,
}

impl Tally {
    /// An empty tally for the originals of `compiled`.
    pub fn new(compiled: &Compiled) -> Tally {
        Tally {
            words: 0,
            originals: vec![0; compiled.originals.len()],
            articles: Vec::new(),
        }
    }

    /// Counts the word at `start`, the original it is if it is one, and
    /// notes an article. Always inlined: the candidate search calls it for
    /// every word, and left to itself the compiler made it a call (one
    /// thread: 590 → 570 ms, the best of 21 alternating runs).
    #[inline(always)]
    fn word(&mut self, compiled: &Compiled, start: usize, hash: Option<WordHash>) {
        self.words += 1;
        let Some(hash) = hash else {
            return;
        };
        if hash == ARTICLE_A || hash == ARTICLE_AN {
            self.articles.push(start);
        }
        if let Some(slot) = compiled.originals.slot(hash) {
            self.originals[slot] += 1;
        }
    }

    /// Counts the words that start in `text[from..to]`.
    pub fn words_in(&mut self, compiled: &Compiled, text: &str, from: usize, to: usize) {
        if from < to {
            for_each_word(text, from, to, |start, hash| {
                self.word(compiled, start, hash)
            });
        }
    }
}

/// An iterator over the non-overlapping matches of a text, left to right.
#[derive(Debug)]
pub(crate) struct Scan<'c, 't> {
    compiled: &'c Compiled,
    tiers: TierSet,
    text: &'t str,
    /// Where the search for the next candidate start begins.
    pos: usize,
    /// No match may start before this offset: an allowed phrase covers it.
    protected_to: usize,
    /// The keys found by the last walk: (end, entry, tier), shortest first.
    candidates: Vec<(usize, usize, Tier)>,
    /// Whether to take the fast paths.
    fast: FastPaths,
    allowed: AllowedPhrases,
    /// The words passed over, when asked for.
    tally: Option<Tally>,
    /// The last token the prefilter looked at past a word, so the next
    /// word is not hashed twice.
    lookahead: Option<(usize, Token)>,
    /// The token at the last candidate start that is a word, so that the
    /// walk from it does not hash it again, and the search that resumes
    /// inside it goes on from its end. Set only when a candidate is
    /// returned: storing every word's token cost 2% of the scan.
    candidate: Option<(usize, Token)>,
    /// No match starts at or after this offset.
    limit: usize,
    /// The words of the word table's walk so far.
    spans: Vec<(usize, usize)>,
    /// The words the scan may still pass: see [`Scan::ends_after_words`].
    count: Countdown,
}

/// The words a scan that ends after a number of them may still pass.
#[derive(Debug, Clone, Copy)]
struct Countdown {
    /// Whether the scan ends after a number of words.
    on: bool,
    /// How many more words may start before the scan ends. Off, it starts
    /// at `usize::MAX`, which no text runs down.
    left: usize,
    /// Where the count ran out: the start of the first word past it.
    end: Option<usize>,
}

impl Countdown {
    const OFF: Countdown = Countdown {
        on: false,
        left: usize::MAX,
        end: None,
    };

    /// Counts the word that starts at `start`: `true` when the words have
    /// run out, so that the scan ends there.
    #[inline(always)]
    fn ends_at(&mut self, start: usize) -> bool {
        if self.left == 0 {
            self.end = Some(start);
            return true;
        }
        self.left -= 1;
        false
    }
}

impl<'c, 't> Scan<'c, 't> {
    pub fn new(compiled: &'c Compiled, tiers: TierSet, text: &'t str) -> Scan<'c, 't> {
        Scan::starting_at(compiled, tiers, text, 0)
    }

    /// A scan of `text` whose first match starts at or after `pos`, which
    /// must be a char boundary. Word boundaries still see the text before
    /// `pos`.
    pub fn starting_at(
        compiled: &'c Compiled,
        tiers: TierSet,
        text: &'t str,
        pos: usize,
    ) -> Scan<'c, 't> {
        Scan {
            compiled,
            tiers,
            text,
            pos,
            protected_to: 0,
            candidates: Vec::new(),
            fast: FastPaths::On,
            allowed: AllowedPhrases::Protect,
            tally: None,
            lookahead: None,
            candidate: None,
            limit: text.len(),
            spans: Vec::new(),
            count: Countdown::OFF,
        }
    }

    /// Starts the scan with the text before `until` protected, as by an
    /// allowed phrase that began before the scan's start and ends there:
    /// the repair of one window passes on what the allowed phrases of the
    /// windows before it protect (see [`Scan::protected_to`]), so that
    /// one that straddles a window boundary still protects its tail.
    pub fn protected(mut self, to: usize) -> Scan<'c, 't> {
        self.protected_to = to;
        self
    }

    /// Where the allowed phrases this scan has walked so far end (or the
    /// offset given to [`Scan::protected`], if later).
    pub fn protected_to(&self) -> usize {
        self.protected_to
    }

    /// Stops the scan at the first match that would start at or after
    /// `limit`, without looking for it.
    pub fn starts_before(mut self, limit: usize) -> Scan<'c, 't> {
        self.limit = limit.min(self.text.len());
        self
    }

    /// Ends the scan where the `words`-th word (counting from 0) from its
    /// start begins, if that comes before its limit (with `Some`; `None`
    /// leaves the scan as it is): no match starts
    /// there or after, and [`Scan::words_end`] tells where it was. This
    /// is a window's end found in the scan of the window itself, each word
    /// counted as the scan passes it. Only the fast paths count words:
    /// without them the caller finds the end first.
    pub fn ends_after_words(mut self, words: Option<usize>) -> Scan<'c, 't> {
        if let Some(left) = words.filter(|_| self.fast == FastPaths::On) {
            self.count = Countdown {
                on: true,
                left,
                end: None,
            };
        }
        self
    }

    /// Where the count of [`Scan::ends_after_words`] ran out, if it did.
    pub fn words_end(&self) -> Option<usize> {
        self.count.end
    }

    /// Counts the words that start where the scan looks (from its start to
    /// its limit) and the originals among them, into a [`Tally`]: see
    /// [`Scan::tally`]. Only the fast paths count; without them the caller
    /// counts the words itself.
    pub fn tallying(mut self) -> Scan<'c, 't> {
        if self.fast == FastPaths::On {
            self.tally = Some(Tally::new(self.compiled));
        }
        self
    }

    /// The tally of the words the scan has passed, if it was
    /// [`Scan::tallying`] with the fast paths on.
    pub fn tally(&mut self) -> Option<Tally> {
        self.tally.take()
    }

    /// Protects allowed phrases (the default) or ignores them.
    pub fn allowed_phrases(mut self, allowed: AllowedPhrases) -> Scan<'c, 't> {
        self.allowed = allowed;
        self
    }

    /// Turns the fast paths on or off (they are on by default). The matches
    /// are the same either way.
    pub fn fast_paths(mut self, fast: FastPaths) -> Scan<'c, 't> {
        self.fast = fast;
        self
    }

    /// The first offset at or after `from` where a walk may find a key or
    /// an allowed phrase: [`next_start`], less the word starts that the
    /// prefilter and the punctuation that the root table rule out (by its
    /// folded first byte, outside ASCII).
    fn next_candidate(&mut self, from: usize, limit: usize, looking: Looking) -> Option<usize> {
        if self.fast == FastPaths::Off {
            return next_start(self.text, from).filter(|&start| start < limit);
        }
        let text = self.text;
        let bytes = text.as_bytes();
        let compiled = self.compiled;
        let filter = match looking {
            Looking::ForKeys => &compiled.prefilter,
            Looking::ForAllowed => &compiled.allow_prefilter,
        };
        // Looking for allowed phrases inside a match walks words that the
        // match's own count covers.
        let mut tally = match looking {
            Looking::ForKeys => self.tally.as_mut(),
            Looking::ForAllowed => None,
        };
        // Resuming inside the last word read (after a walk from its start
        // found nothing), the search goes on from the word's end.
        let (mut i, mut prev_word) = match self.candidate {
            Some((start, Token::Ascii { end, .. })) if start < from && from <= end => (end, true),
            _ => (from, word_before(text, from)),
        };
        while i < limit {
            let b = bytes[i];
            let class = class::of(b);
            if class == class::WORD {
                if prev_word {
                    i += 1;
                    continue;
                }
                let token = match self.lookahead {
                    Some((start, token)) if start == i => token,
                    _ => token_at(bytes, i),
                };
                if looking == Looking::ForKeys && self.count.ends_at(i) {
                    self.limit = i;
                    return None;
                }
                let word = Word::at(text, i, token);
                if let Some(tally) = tally.as_deref_mut() {
                    tally.word(compiled, i, word.hash);
                }
                let Some(hash) = word.filterable() else {
                    self.candidate = Some((i, token));
                    return Some(i);
                };
                let (single, first) = filter.starts(hash);
                if single
                    || (first
                        && longer_key_may_start(text, &mut self.lookahead, filter, i, word, hash))
                {
                    self.candidate = Some((i, token));
                    return Some(i);
                }
                // No key starts here. The word is followed by something
                // other than a word character, or by the end.
                i = word.end;
                prev_word = true;
            } else if class != class::HIGH {
                if class == class::SPACE {
                    prev_word = false;
                } else if class == class::QUOTE && word_char_at(text, i, '\'') {
                    prev_word = true;
                } else {
                    if compiled.starts_with_byte(b) {
                        return Some(i);
                    }
                    prev_word = false;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next()?;
                let word = word_char_at(text, i, c);
                if word && !prev_word {
                    if looking == Looking::ForKeys && self.count.ends_at(i) {
                        self.limit = i;
                        return None;
                    }
                    if let Some(tally) = tally.as_deref_mut() {
                        tally.word(compiled, i, read_word(text, i).1);
                    }
                    return Some(i);
                }
                if !word && !c.is_whitespace() && compiled.starts_with_char(c) {
                    return Some(i);
                }
                prev_word = word;
                i += c.len_utf8();
            }
        }
        None
    }

    /// The first allowed phrase that starts strictly inside `start..end`.
    fn first_allow_inside(&mut self, start: usize, end: usize) -> Option<usize> {
        let mut pos = next_char(self.text, start);
        while let Some(q) = self.next_candidate(pos, end, Looking::ForAllowed) {
            if self.walk(q, Looking::ForAllowed).is_some() {
                return Some(q);
            }
            pos = next_char(self.text, q);
        }
        None
    }
}

impl Iterator for Scan<'_, '_> {
    type Item = RawMatch;

    fn next(&mut self) -> Option<RawMatch> {
        let mut track = Track {
            tiers: self.tiers,
            pos: self.pos,
            protected_to: self.protected_to,
        };
        let found = loop {
            let Some(start) = self.next_candidate(track.pos, self.limit, Looking::ForKeys) else {
                break None;
            };
            self.candidates.clear();
            let allow_end = self.walk(start, Looking::ForKeys);
            if let Some(m) = self.step(&mut track, start, allow_end) {
                self.count_skipped(start, m.end);
                break Some(m);
            }
        };
        self.pos = track.pos;
        self.protected_to = track.protected_to;
        found
    }
}

/// One segmentation of a text into matches, as a scan of some tiers makes
/// it: where its next candidate start may be, and where the allowed
/// phrases it has walked end.
#[derive(Debug, Clone)]
struct Track {
    tiers: TierSet,
    pos: usize,
    protected_to: usize,
}

/// The matches of one stretch of text for two sets of tiers, found in one
/// pass: see [`Scan::both`].
#[derive(Debug, Default)]
pub(crate) struct Both {
    /// The matches of the narrow tiers, as a scan of those tiers finds them.
    pub narrow: Vec<RawMatch>,
    /// Where the allowed phrases the narrow scan walked end.
    pub narrow_protected: usize,
    /// The matches of every tier of the scan.
    pub wide: Vec<RawMatch>,
    /// Where the allowed phrases the wide scan walked end.
    pub wide_protected: usize,
    /// The words passed over, if the scan was tallying.
    pub tally: Option<Tally>,
    /// Where the count of [`Scan::ends_after_words`] ran out, if it did.
    pub words_end: Option<usize>,
}

impl Scan<'_, '_> {
    /// Counts the words that the search for candidates skips when it
    /// resumes at `resume` after the candidate at `start`: those inside a
    /// match.
    fn count_skipped(&mut self, start: usize, resume: usize) {
        let from = next_char(self.text, start);
        let to = resume.min(self.limit);
        if from >= to {
            return;
        }
        let (text, compiled, count) = (self.text, self.compiled, &mut self.count);
        match self.tally.as_mut() {
            // The words are read for the tally anyway: they are counted
            // down on the way.
            Some(tally) => for_each_word(text, from, to, |at, hash| {
                if count.end.is_none() && !count.ends_at(at) {
                    tally.word(compiled, at, hash);
                }
            }),
            None if count.on => match words::nth_or_count(text, from, count.left, to) {
                Ok(end) => (count.end, count.left) = (Some(end), 0),
                Err(passed) => count.left -= passed,
            },
            None => {}
        }
        if let Some(end) = self.count.end {
            self.limit = self.limit.min(end);
        }
    }

    /// Takes the candidate start `start`, just walked (its keys in
    /// `candidates`, `allow_end` the end of the longest allowed phrase
    /// there), as `track` sees it: updates what the track protects and
    /// where it looks next, and returns its match at `start`, if any.
    fn step(
        &mut self,
        track: &mut Track,
        start: usize,
        allow_end: Option<usize>,
    ) -> Option<RawMatch> {
        track.pos = next_char(self.text, start);
        if let Some(end) = allow_end {
            track.protected_to = track.protected_to.max(end);
        }
        if start < track.protected_to {
            return None;
        }
        let tiers = track.tiers;
        let mine = |(_, _, tier): &&(usize, usize, Tier)| tiers.contains(*tier);
        let longest = self.candidates.iter().rev().find(mine)?.0;
        let limit = if self.compiled.has_allow && self.allowed == AllowedPhrases::Protect {
            self.first_allow_inside(start, longest)
                .unwrap_or(usize::MAX)
        } else {
            usize::MAX
        };
        let &(end, entry, _) = self
            .candidates
            .iter()
            .rev()
            .filter(mine)
            .find(|(end, _, _)| *end <= limit)?;
        track.pos = end;
        Some(RawMatch {
            start,
            end,
            entry,
            protected_to: track.protected_to,
        })
    }

    /// Every match of the scan's tiers (`wide`), and every match a scan of
    /// the `narrow` tiers alone would find, in one pass: each candidate
    /// start is walked once, for both. The two segmentations differ where a
    /// key of a wide tier takes the place of a narrow one, so the narrow
    /// matches are not simply the wide ones filtered.
    pub fn both(mut self, narrow: TierSet) -> Both {
        let mut tracks = [
            Track {
                tiers: narrow,
                pos: self.pos,
                protected_to: self.protected_to,
            },
            Track {
                tiers: self.tiers,
                pos: self.pos,
                protected_to: self.protected_to,
            },
        ];
        let mut found: [Vec<RawMatch>; 2] = Default::default();
        let mut pos = self.pos;
        while let Some(start) = self.next_candidate(pos, self.limit, Looking::ForKeys) {
            self.candidates.clear();
            let allow_end = self.walk(start, Looking::ForKeys);
            for (track, found) in tracks.iter_mut().zip(&mut found) {
                if start < track.pos {
                    continue;
                }
                if let Some(m) = self.step(track, start, allow_end) {
                    found.push(m);
                }
            }
            pos = tracks[0].pos.min(tracks[1].pos);
            self.count_skipped(start, pos);
        }
        let [narrow, wide] = found;
        Both {
            narrow,
            narrow_protected: tracks[0].protected_to,
            wide,
            wide_protected: tracks[1].protected_to,
            tally: self.tally.take(),
            words_end: self.count.end,
        }
    }
}

/// Whether a key of two words or more may start with `word`, at
/// `start`, whose hash `hash` the prefilter says starts one: the next
/// word must follow it in some key, and when the two only start keys
/// of three words or more, the word after them too. The next word is
/// kept in `lookahead`.
#[inline(always)]
fn longer_key_may_start(
    text: &str,
    lookahead: &mut Option<(usize, Token)>,
    filter: &Prefilter,
    start: usize,
    word: Word,
    hash: WordHash,
) -> bool {
    if word.token == Token::Other {
        return true;
    }
    let bytes = text.as_bytes();
    let reach = start + MAX_MATCH_BYTES;
    let second = match next_token(bytes, word.end, reach) {
        Next::Token { start, token } => {
            *lookahead = Some((start, token));
            Word::at(text, start, token)
        }
        Next::Other => return true,
        Next::None => return false,
    };
    let Some(second_hash) = second.filterable() else {
        return true;
    };
    match filter.pair(hash, second_hash) {
        (false, _) => false,
        (true, true) => true,
        // Only keys of three words or more start with the two.
        (true, false) => match next_token(bytes, second.end, reach) {
            Next::Token { start, token } => Word::at(text, start, token)
                .filterable()
                .is_none_or(|third| filter.triple(hash, second_hash, third)),
            Next::Other => true,
            Next::None => false,
        },
    }
}

/// A word as the candidate search reads it.
#[derive(Debug, Clone, Copy)]
struct Word {
    token: Token,
    end: usize,
    /// Its hash as the score counts it: the token's, or [`read_word`]'s
    /// for a word the token reader leaves alone (one with, or followed
    /// by, a character outside ASCII).
    hash: Option<WordHash>,
    /// Whether the prefilter may be asked about `hash`: see
    /// [`folds_to_one_word`].
    folds_alike: bool,
}

impl Word {
    #[inline(always)]
    fn at(text: &str, start: usize, token: Token) -> Word {
        match token {
            Token::Ascii { end, hash } => Word {
                token,
                end,
                hash: Some(hash),
                folds_alike: true,
            },
            Token::Other => {
                let (end, hash) = read_word(text, start);
                Word {
                    token,
                    end,
                    hash,
                    folds_alike: hash.is_some() && folds_to_one_word(&text[start..end]),
                }
            }
        }
    }

    /// The hash to ask the prefilter about, if it may be asked: a word
    /// that folds to ASCII (`Trump’s`, `said”`) is filtered like the
    /// others, since the prefilter hashes keys by their words as
    /// [`read_word`] reads them.
    #[inline]
    fn filterable(self) -> Option<WordHash> {
        self.hash.filter(|_| self.folds_alike)
    }
}

/// Whether a word that [`read_word`] hashed (ASCII letters and digits, and
/// apostrophes of any kind) is one word of the folded text too, the word
/// its hash stands for: each apostrophe must stand between two ASCII
/// letters or digits. The letter apostrophe U+02BC belongs to the word
/// wherever it stands, but folds to `'`, which does not: `parentsʼ` is one
/// word of the text and the word `parents` of the folded text, so its hash
/// (`parents'`) would rule out the key `parents' house` wrongly.
fn folds_to_one_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    word.char_indices().all(|(k, c)| {
        c.is_ascii_alphanumeric()
            || (k > 0
                && bytes[k - 1].is_ascii_alphanumeric()
                && bytes
                    .get(k + c.len_utf8())
                    .is_some_and(u8::is_ascii_alphanumeric))
    })
}

/// The entry of the first match in `text` of every tier, if any: what the
/// chain check asks of each original.
pub(crate) fn first_match(compiled: &Compiled, text: &str) -> Option<usize> {
    Scan::new(compiled, TierSet::ALL, text)
        .next()
        .map(|m| m.entry)
}

/// The first offset at or after `from` where a match may start: the first
/// character of a word, or a character that is neither part of a word nor
/// whitespace.
pub(crate) fn next_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut prev_word = word_before(text, from);
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        let (word, space, len) = if b < 0x80 {
            // ASCII: letters and digits are word characters; an apostrophe
            // needs its neighbours; 9..=13 and 32 are whitespace.
            let word = b.is_ascii_alphanumeric() || (b == b'\'' && word_char_at(text, i, '\''));
            (word, matches!(b, b' ' | 9..=13), 1)
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            (word_char_at(text, i, c), c.is_whitespace(), c.len_utf8())
        };
        if word && !prev_word {
            return Some(i);
        }
        if !word && !space {
            return Some(i);
        }
        prev_word = word;
        i += len;
    }
    None
}
