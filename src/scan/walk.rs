//! Walking from one start: the word table where the text is plain ASCII
//! words, the `fst` map elsewhere, and the keys they find.

use crate::dict::prefilter::{token_at, Token};
use crate::dict::source::Kind;
use crate::dict::table::Value;
use crate::dict::wordmap::{self, WordMap, AMBIGUOUS, MORE};
use crate::scan::{AllowedPhrases, FastPaths, Looking, Scan, MAX_MATCH_BYTES};
use crate::text::class;
use crate::text::fold::{fold_ascii, fold_char};
use crate::text::words::ends_word;
use crate::tier::Tier;

impl Scan<'_, '_> {
    /// Looks up every key that starts at `start`: through the word table
    /// where it can answer, by walking the map where it cannot, then in a
    /// laid map. Looking for keys, pushes `(end, entry, tier)` for every
    /// key of an enabled tier that ends on a word boundary (shortest
    /// first); either way, returns the end of the longest allowed phrase
    /// found, if any.
    pub(super) fn walk(&mut self, start: usize, looking: Looking) -> Option<usize> {
        let compiled = self.compiled;
        let allow_end = match self.walk_words(start, looking) {
            Some(allow_end) => allow_end,
            None => self.walk_map(&compiled.fst, Some(&compiled.root_next), start, looking),
        };
        let Some(layer) = &compiled.layer else {
            return allow_end;
        };
        // The laid map's keys join the base's, in order of their end; at
        // the same end (the same key) the laid entry comes last, and so is
        // the one taken.
        let found = self.candidates.len();
        let laid_end = self.walk_map(&layer.fst, None, start, looking);
        if found > 0 && self.candidates.len() > found {
            self.candidates.sort_by_key(|c| c.0);
        }
        allow_end.max(laid_end)
    }

    /// Walks one map from `start`, as [`Scan::walk`] says; `root` is the
    /// map's decoded root table, if it has one.
    fn walk_map(
        &mut self,
        fst: &fst::raw::Fst<std::borrow::Cow<'static, [u8]>>,
        root: Option<&[Option<(usize, u64)>]>,
        start: usize,
        looking: Looking,
    ) -> Option<usize> {
        let text = self.text;
        // The first byte goes through the decoded root table.
        let fast = self.fast == FastPaths::On;
        let mut first = fast
            && root.is_some()
            && matches!(text[start..].chars().next(), Some(c) if c.is_ascii() && !c.is_ascii_whitespace());
        let (mut node, mut out) = match root {
            Some(root) if first => {
                let b = fold_ascii(text.as_bytes()[start]);
                match root[usize::from(b)] {
                    Some((addr, value)) => (fst.node(addr), fst::raw::Output::new(value)),
                    None => return None,
                }
            }
            _ => (fst.root(), fst::raw::Output::zero()),
        };
        let mut allow_end = None;
        let mut after_space = false;
        for (offset, c) in text[start..].char_indices() {
            if offset > MAX_MATCH_BYTES {
                break;
            }
            let at = start + offset;
            if std::mem::take(&mut first) {
                // Already taken through the root table.
            } else if fast && c.is_ascii() {
                // The common case: one byte, folded by table, no closure.
                let b = fold_ascii(c as u8);
                let space = b == b' ';
                if space && after_space {
                    continue;
                }
                after_space = space;
                match node.find_input(b) {
                    Some(i) => {
                        let t = node.transition(i);
                        out = out.cat(t.out);
                        node = fst.node(t.addr);
                    }
                    None => break,
                }
                if space {
                    continue;
                }
            } else {
                let mut alive = true;
                let mut feed = |f: char| {
                    let mut buf = [0u8; 4];
                    for &b in f.encode_utf8(&mut buf).as_bytes() {
                        if !alive {
                            return;
                        }
                        match node.find_input(b) {
                            Some(i) => {
                                let t = node.transition(i);
                                out = out.cat(t.out);
                                node = fst.node(t.addr);
                            }
                            None => alive = false,
                        }
                    }
                };
                if c.is_whitespace() {
                    if after_space {
                        continue;
                    }
                    after_space = true;
                    feed(' ');
                    if !alive {
                        break;
                    }
                    continue;
                }
                after_space = false;
                fold_char(c, &mut feed);
                if !alive {
                    break;
                }
            }
            if node.is_final() {
                let end = at + c.len_utf8();
                if ends_word(text, at, c, end) {
                    let value = out.cat(node.final_output()).value();
                    self.found(start, end, value, looking, &mut allow_end);
                }
            }
        }
        allow_end
    }

    /// Walks the word table from `start`, as [`Scan::walk_map`] walks the
    /// base map, while the text goes on in plain ASCII words; `None`, with
    /// nothing found, where the walk is the map's to make (see
    /// [`crate::dict::wordmap`]: a key may go on in a way the table does
    /// not follow).
    fn walk_words(&mut self, start: usize, looking: Looking) -> Option<Option<usize>> {
        if self.fast == FastPaths::Off {
            return None;
        }
        let bytes = self.text.as_bytes();
        if !bytes[start].is_ascii_alphanumeric() {
            return None;
        }
        let token = match self.candidate {
            Some((at, token)) if at == start => token,
            _ => token_at(bytes, start),
        };
        let Token::Ascii { mut end, hash } = token else {
            return None;
        };
        let words = &self.compiled.words;
        let found = self.candidates.len();
        self.spans.clear();
        self.spans.push((start, end));
        let mut prefix = wordmap::first_word(hash);
        let mut allow_end = None;
        let to_the_map = loop {
            if end - start > MAX_MATCH_BYTES {
                break true;
            }
            let Some(payload) = words.probe(prefix) else {
                break false;
            };
            if payload == AMBIGUOUS {
                break true;
            }
            if let Some(key) = WordMap::key_of(payload) {
                if words.is_key(key, bytes, &self.spans) {
                    self.found(start, end, words.value(key), looking, &mut allow_end);
                }
            }
            let mut next = end;
            while next < bytes.len() && class::of(bytes[next]) == class::SPACE {
                next += 1;
            }
            if next == end || !bytes.get(next).is_some_and(u8::is_ascii_alphanumeric) {
                // The text goes on otherwise than with a space and an
                // ASCII word: a plain key ends here, another may go on.
                let other = bytes.get(next).is_some_and(|&b| b >= 0x80);
                break WordMap::goes_on(payload, bytes.get(end).copied())
                    || (other && payload & MORE != 0);
            }
            if payload & MORE == 0 {
                break false;
            }
            // The prefilter has often read this word already.
            let token = match self.lookahead {
                Some((at, token)) if at == next => token,
                _ => token_at(bytes, next),
            };
            match token {
                Token::Ascii { end: after, hash } => {
                    prefix = wordmap::next_word(prefix, hash);
                    self.spans.push((next, after));
                    end = after;
                }
                Token::Other => break true,
            }
        };
        if to_the_map {
            self.candidates.truncate(found);
            return None;
        }
        Some(allow_end)
    }

    /// Takes the key whose map value is `value`, found at `start..end` on
    /// word boundaries: an allowed phrase's end goes to `allow_end`, an
    /// entry of an enabled tier (whose rule, if any, holds there) to the
    /// candidates.
    fn found(
        &mut self,
        start: usize,
        end: usize,
        value: u64,
        looking: Looking,
        allow_end: &mut Option<usize>,
    ) {
        let p = Value::decode(value);
        if !self.compiled.reachable(p.index) {
            return;
        }
        match p.kind {
            Kind::Allow if self.allowed == AllowedPhrases::Protect => *allow_end = Some(end),
            // Ignoring allowed phrases, one that took an entry's place
            // stands for that entry.
            Kind::Allow => {
                if looking == Looking::ForKeys && self.compiled.displacing(p.index) {
                    self.candidates.push((end, p.index, Tier::Fix));
                }
            }
            Kind::Replace if looking == Looking::ForKeys && self.tiers.contains(p.tier) => {
                let allowed = !p.ruled
                    || self
                        .compiled
                        .rule(p.index)
                        .is_some_and(|r| r.holds(self.text, start, end));
                if allowed {
                    self.candidates.push((end, p.index, p.tier));
                }
            }
            Kind::Replace => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::dict::compile::{Compiled, Sources};
    use crate::dict::source::parse;
    use crate::dict::wordmap::{WordMap, AMBIGUOUS};
    use crate::scan::{FastPaths, Scan};
    use crate::tier::TierSet;

    fn compiled(lines: &[&str]) -> Compiled {
        let text: String = lines.iter().map(|l| format!("{l}\tfix\tt\n")).collect();
        let mut sources = Sources::default();
        sources.add_dictionary("t.tsv", parse("t.tsv", text.as_bytes()).unwrap());
        Compiled::build(sources).unwrap()
    }

    /// The matched spans and their keys' spun phrases, as a scan with the
    /// word table finds them; a scan by the map alone must agree.
    fn found(compiled: &Compiled, text: &str) -> Vec<(String, String)> {
        let scan = |fast| {
            Scan::new(compiled, TierSet::ALL, text)
                .fast_paths(fast)
                .map(|m| {
                    let spun = compiled.entries.get(m.entry).spun.to_string();
                    (text[m.start..m.end].to_string(), spun)
                })
                .collect::<Vec<_>>()
        };
        let fast = scan(FastPaths::On);
        assert_eq!(fast, scan(FastPaths::Off), "{text:?}");
        fast
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_word_table_matches_as_the_map_does() {
        let c = compiled(&[
            "a b\tx",
            "a-b\ty",
            "a b c\tz",
            "said\tw",
            "u.s. army\tv",
            "12 months-old\tu",
            "don't\tt",
        ]);
        // Runs of any whitespace between words, and any case.
        assert_eq!(found(&c, "A \t\n B"), pairs(&[("A \t\n B", "a b")]));
        assert_eq!(found(&c, "a b c."), pairs(&[("a b c", "a b c")]));
        // The longest key that ends on a word boundary.
        assert_eq!(found(&c, "a b cd"), pairs(&[("a b", "a b")]));
        assert_eq!(found(&c, "a bc"), pairs(&[]));
        // A key that is not plain goes on after a plain prefix: the map.
        assert_eq!(found(&c, "a-b"), pairs(&[("a-b", "a-b")]));
        assert_eq!(
            found(&c, "12 months-old"),
            pairs(&[("12 months-old", "12 months-old")])
        );
        assert_eq!(found(&c, "U.S. Army"), pairs(&[("U.S. Army", "u.s. army")]));
        // Whitespace outside ASCII between words: the map folds it.
        assert_eq!(found(&c, "a\u{a0}b c"), pairs(&[("a\u{a0}b c", "a b c")]));
        assert_eq!(found(&c, "a \u{2009}b"), pairs(&[("a \u{2009}b", "a b")]));
        // Apostrophes: inside a word, ASCII or not, and after one.
        assert_eq!(found(&c, "DON'T"), pairs(&[("DON'T", "don't")]));
        assert_eq!(
            found(&c, "don\u{2019}t"),
            pairs(&[("don\u{2019}t", "don't")])
        );
        assert_eq!(
            found(&c, "said' x 'said"),
            pairs(&[("said", "said"), ("said", "said")])
        );
        // A word run on by a letter outside ASCII is not the key's.
        assert_eq!(found(&c, "saidé a bé"), pairs(&[]));
    }

    #[test]
    fn a_key_that_goes_on_with_a_word_outside_ascii_is_the_maps() {
        let c = compiled(&["coup d'\u{e9}tat\tx", "the caf\u{e9}\ty", "x y z\u{e9}\tz"]);
        assert_eq!(
            found(&c, "a coup d'\u{e9}tat"),
            pairs(&[("coup d'\u{e9}tat", "coup d'\u{e9}tat")])
        );
        assert_eq!(
            found(&c, "The  Caf\u{e9}"),
            pairs(&[("The  Caf\u{e9}", "the caf\u{e9}")])
        );
        assert_eq!(
            found(&c, "x y z\u{e9}!"),
            pairs(&[("x y z\u{e9}", "x y z\u{e9}")])
        );
        assert_eq!(found(&c, "the cafe, coup d'etat, x y z"), pairs(&[]));
    }

    #[test]
    fn words_and_quotes_outside_ascii_are_filtered_as_their_folded_forms() {
        // A word followed by a curly apostrophe or quote is filtered by its
        // folded hash, and a curly quote starts a walk only where a key
        // starts with the quote it folds to.
        let c = compiled(&[
            "stated\tx",
            "trump's rally\ty",
            "in the course of\tz",
            "\"quoted\tq",
            "'tis\tt",
            "parents' house\tp",
        ]);
        assert_eq!(
            found(
                &c,
                "he stated\u{201d} and Trump\u{2019}s rally \u{2014} said\u{2019}"
            ),
            pairs(&[
                ("stated", "stated"),
                ("Trump\u{2019}s rally", "trump's rally")
            ])
        );
        assert_eq!(
            found(&c, "in the\u{a0}course of\u{2026} in the course\u{2019}s"),
            pairs(&[("in the\u{a0}course of", "in the course of")])
        );
        // The letter apostrophe belongs to the word wherever it stands, but
        // folds to one that only belongs between letters: `parents\u{2bc}` is
        // one word of the text, and the word `parents` of the folded text,
        // which a key starts with.
        assert_eq!(
            found(
                &c,
                "Trump\u{2bc}s rally, parents\u{2bc} house, stated\u{2bc} x"
            ),
            pairs(&[
                ("Trump\u{2bc}s rally", "trump's rally"),
                ("parents\u{2bc} house", "parents' house")
            ])
        );
        assert_eq!(
            found(
                &c,
                "\u{201c}Quoted\u{201d} \u{2018}tis \u{2019}Tis \u{201c}quotes"
            ),
            pairs(&[
                ("\u{201c}Quoted", "\"quoted"),
                ("\u{2018}tis", "'tis"),
                ("\u{2019}Tis", "'tis")
            ])
        );
    }

    #[test]
    fn the_map_is_walked_only_where_a_key_may_go_on_as_the_text_does() {
        let c = compiled(&["12 months-old\tx", "12 months\ty", "u.s. army\tz"]);
        assert_eq!(
            found(&c, "12 months. 12 Months-old, 12 months\u{2010}old"),
            pairs(&[
                ("12 months", "12 months"),
                ("12 Months-old", "12 months-old"),
                ("12 months\u{2010}old", "12 months-old")
            ])
        );
        assert_eq!(
            found(&c, "u-s army, U.S. Army"),
            pairs(&[("U.S. Army", "u.s. army")])
        );
    }

    #[test]
    fn prefixes_the_table_cannot_tell_apart_go_to_the_map() {
        // Two prefixes with one hash are marked ambiguous when the table is
        // built; mark them all so, and the map alone must find the keys.
        let mut c = compiled(&["a b\tx", "a b c\ty", "said\tz"]);
        let [slots, keys, blob] = c.words.as_parts().map(<[u8]>::to_vec);
        let slots: Vec<u8> = slots
            .chunks(8)
            .flat_map(|slot| {
                let slot = u64::from_le_bytes(slot.try_into().unwrap());
                let marked = if slot == 0 {
                    0
                } else {
                    slot | u64::from(AMBIGUOUS)
                };
                marked.to_le_bytes()
            })
            .collect();
        c.words = WordMap::from_parts(slots.into(), keys.into(), blob.into()).unwrap();
        assert_eq!(
            found(&c, "A b c, a b; said"),
            pairs(&[("A b c", "a b c"), ("a b", "a b"), ("said", "said")])
        );
    }
}
