//! Synthetic spinning: clean text rewritten with the inverse of the
//! bundled dictionaries, for the detection curve.
//!
//! A share of the words is spun. "Visible" swaps replace an original phrase
//! of the dictionaries by one of its spun phrases, as a spinner whose table
//! the dictionaries hold would. The rest are "invisible" swaps, which no
//! dictionary knows: a word gets a letter added (`word` → `wordx`, the
//! first sound kept so that articles still agree), as a spinner whose table
//! the dictionaries lack would change it. Real spun news is about 30%
//! visible to the bundled dictionaries.

use std::collections::HashMap;
use std::ops::Range;

use unspin::Unspinner;

/// A tiny deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Original phrases (lowercase words) to the spun phrases that stand for
/// them in the dictionaries.
pub struct Inverse {
    spun: HashMap<Vec<String>, Vec<String>>,
    longest: usize,
}

impl Inverse {
    pub fn new(unspin: &Unspinner) -> Inverse {
        let mut spun: HashMap<Vec<String>, Vec<String>> = HashMap::new();
        for entry in unspin.entries() {
            let key = words_of(entry.original());
            if key.is_empty() || key.len() > 4 {
                continue;
            }
            spun.entry(key).or_default().push(entry.spun().to_string());
        }
        for forms in spun.values_mut() {
            forms.sort();
        }
        let longest = spun.keys().map(Vec::len).max().unwrap_or(1);
        Inverse { spun, longest }
    }
}

/// The lowercase words of a phrase.
fn words_of(phrase: &str) -> Vec<String> {
    spans(phrase)
        .into_iter()
        .map(|s| phrase[s].to_lowercase())
        .collect()
}

/// Runs of letters, digits and apostrophes.
fn spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The first `n` words of `text`, as a string.
pub fn first_words(text: &str, n: usize) -> Option<&str> {
    let spans = spans(text);
    (spans.len() >= n).then(|| &text[..spans[n - 1].end])
}

/// `text` with a `rate` share of its words spun, `visible` of them with
/// the dictionaries' swaps (as far as the text allows) and the rest
/// invisibly.
pub fn spin(text: &str, inverse: &Inverse, rate: f64, visible: f64, rng: &mut Rng) -> String {
    let words = spans(text);
    let lower: Vec<String> = words
        .iter()
        .map(|s| text[s.clone()].to_lowercase())
        .collect();
    // The dictionary swaps the text allows: the longest original phrase at
    // each word, not overlapping.
    let mut options: Vec<(usize, usize, &Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (1..=inverse.longest.min(words.len() - i))
            .rev()
            .find_map(|k| {
                inverse
                    .spun
                    .get(&lower[i..i + k])
                    .map(|forms| (i, k, forms))
            });
        match found {
            Some(option) => {
                options.push(option);
                i += option.1;
            }
            None => i += 1,
        }
    }
    let target = (rate * words.len() as f64).round() as usize;
    let visible_target = (visible * target as f64).round() as usize;
    let mut replace: Vec<(Range<usize>, String)> = Vec::new();
    let mut taken = vec![false; words.len()];
    let mut spun_words = 0;
    while spun_words < visible_target && !options.is_empty() {
        let (start, len, forms) = options.swap_remove(rng.below(options.len()));
        let span = words[start].start..words[start + len - 1].end;
        let form = &forms[rng.below(forms.len())];
        replace.push((span.clone(), with_case(&text[span], form)));
        taken[start..start + len].iter_mut().for_each(|t| *t = true);
        spun_words += len;
    }
    let mut free: Vec<usize> = (0..words.len()).filter(|&i| !taken[i]).collect();
    while spun_words < target && !free.is_empty() {
        let i = free.swap_remove(rng.below(free.len()));
        replace.push((words[i].clone(), format!("{}x", &text[words[i].clone()])));
        spun_words += 1;
    }
    replace.sort_by_key(|(span, _)| span.start);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut done = 0;
    for (span, with) in replace {
        out.push_str(&text[done..span.start]);
        out.push_str(&with);
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}

/// `form` with the capital of `like`'s first letter.
fn with_case(like: &str, form: &str) -> String {
    if like.starts_with(char::is_uppercase) {
        let mut chars = form.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        form.to_string()
    }
}
