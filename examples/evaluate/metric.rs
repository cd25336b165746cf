//! Word-level repair metrics: recall, precision and damage.
//!
//! Three texts are compared: the spun text `S`, the repair `R` and the
//! original `O`. Each is split into words (runs of letters and digits, with
//! apostrophes between them; compared lowercased, with typographic
//! apostrophes folded), and pairs of word sequences are aligned with a
//! Myers diff. A word is *kept* by an alignment when it sits in an equal
//! segment.
//!
//! * `recall`: of the original's words that the spinner changed (words of
//!   `O` not kept in the alignment `S`↔`O`), the share that the repair
//!   restored (kept in `R`↔`O`).
//! * `precision`: of the words the repair introduced (words of `R` not kept
//!   in `S`↔`R`), the share that match the original (kept in `R`↔`O`).
//! * `damage`: words of `O` that the spun text still had right (kept in
//!   `S`↔`O`) and the repair made wrong (not kept in `R`↔`O`), per 1,000
//!   words of `O`.

use similar::{capture_diff_slices, Algorithm, DiffTag};

/// Raw counts for one document; they add up over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Words in the original.
    pub original_words: usize,
    /// Words of the original that differ from the spun text.
    pub spun_words: usize,
    /// Of those, words the repair restored.
    pub restored: usize,
    /// Words the repair introduced.
    pub introduced: usize,
    /// Of those, words that match the original.
    pub introduced_right: usize,
    /// Words the spun text had right and the repair made wrong.
    pub damaged: usize,
}

impl Counts {
    /// Share of spun words restored; 1 when nothing was spun.
    pub fn recall(&self) -> f64 {
        ratio(self.restored, self.spun_words)
    }

    /// Share of introduced words that are right; 1 when nothing was
    /// introduced.
    pub fn precision(&self) -> f64 {
        ratio(self.introduced_right, self.introduced)
    }

    /// Damaged words per 1,000 words of the original.
    pub fn damage(&self) -> f64 {
        if self.original_words == 0 {
            0.0
        } else {
            1000.0 * self.damaged as f64 / self.original_words as f64
        }
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: &Counts) {
        self.original_words += other.original_words;
        self.spun_words += other.spun_words;
        self.restored += other.restored;
        self.introduced += other.introduced;
        self.introduced_right += other.introduced_right;
        self.damaged += other.damaged;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Splits text into comparable words.
pub fn words(text: &str) -> Vec<String> {
    spans(text).into_iter().map(|(_, w)| w).collect()
}

/// The comparable words of `text` with their byte spans.
pub fn spans(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let apostrophe = matches!(c, '\'' | '\u{2019}')
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.1.is_alphanumeric());
        if c.is_alphanumeric() {
            if word.is_empty() {
                start = at;
            }
            word.extend(c.to_lowercase());
        } else if apostrophe {
            word.push('\'');
        } else if !word.is_empty() {
            out.push((start..at, std::mem::take(&mut word)));
        }
    }
    if !word.is_empty() {
        out.push((start..text.len(), word));
    }
    out
}

/// How one edit of a repair compares with the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// Every word it put in the repair matches the original (or it only
    /// changed case).
    Right,
    /// It changed words the spinner had changed, but not to the original's.
    WrongOriginal,
    /// It changed words the spun text had right.
    Damage,
}

impl Judged {
    pub fn as_str(self) -> &'static str {
        match self {
            Judged::Right => "right",
            Judged::WrongOriginal => "wrong-original",
            Judged::Damage => "damage",
        }
    }
}

/// Judges each edit of `repair` (of `spun`) against `original`.
pub fn judge(spun: &str, repair: &unspin::Repair<'_>, original: &str) -> Vec<Judged> {
    let s = spans(spun);
    let r = spans(&repair.text);
    let o = words(original);
    let plain = |v: &[(std::ops::Range<usize>, String)]| -> Vec<String> {
        v.iter().map(|(_, w)| w.clone()).collect()
    };
    let (r_in_o, _) = kept(&plain(&r), &o);
    let (s_in_o, _) = kept(&plain(&s), &o);
    let inside =
        |v: &[(std::ops::Range<usize>, String)], flags: &[bool], range: std::ops::Range<usize>| {
            v.iter()
                .zip(flags)
                .filter(|((span, _), _)| span.start >= range.start && span.end <= range.end)
                .map(|(_, &k)| k)
                .collect::<Vec<bool>>()
        };
    let mut shift: isize = 0;
    repair
        .edits
        .iter()
        .map(|edit| {
            let start = (edit.span.start as isize + shift) as usize;
            let end = start + edit.replacement.len();
            shift += edit.replacement.len() as isize - edit.span.len() as isize;
            if inside(&r, &r_in_o, start..end).iter().all(|&k| k) {
                Judged::Right
            } else if inside(&s, &s_in_o, edit.span.clone()).iter().all(|&k| k) {
                Judged::Damage
            } else {
                Judged::WrongOriginal
            }
        })
        .collect()
}

/// Which words of `a` and of `b` sit in equal segments of their diff.
fn kept(a: &[String], b: &[String]) -> (Vec<bool>, Vec<bool>) {
    let mut in_a = vec![false; a.len()];
    let mut in_b = vec![false; b.len()];
    for op in capture_diff_slices(Algorithm::Myers, a, b) {
        let (tag, ra, rb) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            in_a[ra].iter_mut().for_each(|k| *k = true);
            in_b[rb].iter_mut().for_each(|k| *k = true);
        }
    }
    (in_a, in_b)
}

/// Counts one document.
pub fn count(spun: &str, repaired: &str, original: &str) -> Counts {
    let (s, r, o) = (words(spun), words(repaired), words(original));
    let (_, o_in_s) = kept(&s, &o);
    let (r_in_o, o_in_r) = kept(&r, &o);
    let (_, r_in_s) = kept(&s, &r);
    let mut c = Counts {
        original_words: o.len(),
        ..Counts::default()
    };
    for j in 0..o.len() {
        match (o_in_s[j], o_in_r[j]) {
            (false, true) => {
                c.spun_words += 1;
                c.restored += 1;
            }
            (false, false) => c.spun_words += 1,
            (true, false) => c.damaged += 1,
            (true, true) => {}
        }
    }
    for i in 0..r.len() {
        if !r_in_s[i] {
            c.introduced += 1;
            if r_in_o[i] {
                c.introduced_right += 1;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_made_triples() {
        // (spun, repaired, original) -> (spun words, restored, introduced, right, damaged)
        let cases = [
            // Nothing spun, nothing changed.
            (
                "the court ruled",
                "the court ruled",
                "the court ruled",
                (0, 0, 0, 0, 0),
            ),
            // One word spun and restored.
            (
                "the courtroom ruled",
                "the court ruled",
                "the court ruled",
                (1, 1, 1, 1, 0),
            ),
            // One word spun, left alone.
            (
                "the courtroom ruled",
                "the courtroom ruled",
                "the court ruled",
                (1, 0, 0, 0, 0),
            ),
            // One word spun and repaired wrongly.
            (
                "the courtroom ruled",
                "the tribunal ruled",
                "the court ruled",
                (1, 0, 1, 0, 0),
            ),
            // A clean word damaged.
            (
                "the court ruled",
                "the courtroom ruled",
                "the court ruled",
                (0, 0, 1, 0, 1),
            ),
            // Two words for one: "thirty day period" -> "month".
            (
                "its sixth thirty day period",
                "its sixth month",
                "its sixth month",
                (1, 1, 1, 1, 0),
            ),
            // Case and curly apostrophes do not count as differences.
            ("Press\u{2019}s", "press's", "PRESS'S", (0, 0, 0, 0, 0)),
        ];
        for (spun, repaired, original, want) in cases {
            let c = count(spun, repaired, original);
            assert_eq!(
                (
                    c.spun_words,
                    c.restored,
                    c.introduced,
                    c.introduced_right,
                    c.damaged
                ),
                want,
                "{spun:?} / {repaired:?} / {original:?}"
            );
        }
    }

    #[test]
    fn ratios() {
        let c = count("the courtroom ruled", "the court ruled", "the court ruled");
        assert_eq!((c.recall(), c.precision(), c.damage()), (1.0, 1.0, 0.0));
        let c = count("the court ruled", "the courtroom ruled", "the court ruled");
        assert_eq!(c.precision(), 0.0);
        assert!((c.damage() - 1000.0 / 3.0).abs() < 1e-9);
        let empty = Counts::default();
        assert_eq!(
            (empty.recall(), empty.precision(), empty.damage()),
            (1.0, 1.0, 0.0)
        );
    }
}
