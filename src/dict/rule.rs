//! Context rules: where a dictionary entry may apply, from the words next
//! to the match.
//!
//! A rule is written in the `when` column of a dictionary line; its syntax
//! and classes are described with the format ([`crate::dictionary_format`],
//! "Context rules"). Only the nearest word on each side is looked at
//! ([`words::last_word`] and [`words::first_word`]), across whitespace and
//! never more than [`CONTEXT_BYTES`] away, so checking a rule costs a few
//! character steps when a match is found, and the scan stays a single
//! pass. A rule that does not hold makes the entry invisible at that
//! place, so a shorter entry may match instead.

use crate::error::DictionaryErrorKind;
use crate::text::fold::is_apostrophe;
use crate::text::words;

/// How far a rule looks on each side of a match, in bytes. Bounding it
/// keeps the look-behind of streaming repair bounded.
pub(crate) const CONTEXT_BYTES: usize = words::NEIGHBOUR_BYTES;

const PRONOUNS: &[&str] = &["i", "you", "he", "she", "it", "we", "they"];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "some", "any", "each", "every", "no",
];
const MODALS: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall",
];

/// One member of a word set.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Member {
    Word(String),
    Pronoun,
    Det,
    Modal,
    Name,
    Quote,
    Punct,
}

/// One condition.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Condition {
    /// `after:SET` (the word before the match is in the set) or
    /// `before:SET` (the word after it is).
    Neighbour { after: bool, set: Vec<Member> },
    /// `case:title`: every word of the match starts with a capital, as in a
    /// name ("White Home", not "white home").
    Title,
}

/// A parsed rule: alternatives of conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    alternatives: Vec<Vec<Condition>>,
}

impl Rule {
    /// Parses the `when` column.
    pub fn parse(text: &str) -> Result<Rule, DictionaryErrorKind> {
        let bad = |reason: &'static str| DictionaryErrorKind::BadRule {
            rule: text.to_string(),
            reason,
        };
        let mut alternatives = Vec::new();
        for alternative in text.split('|') {
            let mut conditions = Vec::new();
            for condition in alternative.split_whitespace() {
                if condition == "case:title" {
                    conditions.push(Condition::Title);
                    continue;
                }
                let (after, set) = if let Some(set) = condition.strip_prefix("after:") {
                    (true, set)
                } else if let Some(set) = condition.strip_prefix("before:") {
                    (false, set)
                } else if condition.starts_with("case:") {
                    return Err(bad("the one case condition is `case:title`"));
                } else {
                    return Err(bad(
                        "a condition starts with `after:`, `before:` or is `case:title`",
                    ));
                };
                let mut members = Vec::new();
                for item in set.split(',') {
                    members.push(match item {
                        "@pronoun" => Member::Pronoun,
                        "@det" => Member::Det,
                        "@modal" => Member::Modal,
                        "@name" => Member::Name,
                        "@quote" if after => Member::Quote,
                        "@punct" if !after => Member::Punct,
                        "@quote" | "@punct" => {
                            return Err(bad("@quote goes with after:, @punct with before:"))
                        }
                        w if w.starts_with('@') => return Err(bad("unknown class")),
                        "" => return Err(bad("empty word in a set")),
                        w if w.chars().all(|c| c.is_alphanumeric() || c == '\'')
                            && w == w.to_lowercase() =>
                        {
                            Member::Word(w.to_string())
                        }
                        _ => return Err(bad("set words are lowercase letters, digits or '")),
                    });
                }
                conditions.push(Condition::Neighbour {
                    after,
                    set: members,
                });
            }
            if conditions.is_empty() {
                return Err(bad("empty alternative"));
            }
            alternatives.push(conditions);
        }
        Ok(Rule { alternatives })
    }

    /// Does the rule hold for a match at `start..end` of `text`?
    pub fn holds(&self, text: &str, start: usize, end: usize) -> bool {
        let (before, after) = words::surroundings(text, start, end);
        self.alternatives.iter().any(|conditions| {
            conditions.iter().all(|c| match c {
                Condition::Neighbour { after: true, set } => {
                    set.iter().any(|m| member_before(m, before))
                }
                Condition::Neighbour { after: false, set } => {
                    set.iter().any(|m| member_after(m, after))
                }
                Condition::Title => words::spans(&text[start..end])
                    .all(|w| text[w.start + start..].starts_with(char::is_uppercase)),
            })
        })
    }
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_name(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && !in_list(word, PRONOUNS)
        && !in_list(word, DETERMINERS)
        && !in_list(word, MODALS)
}

fn word_member(m: &Member, word: Option<&str>) -> bool {
    let Some(word) = word else {
        return false;
    };
    match m {
        Member::Word(w) => {
            let folded = word.to_lowercase().replace(is_apostrophe, "'");
            folded == *w
        }
        Member::Pronoun => in_list(word, PRONOUNS),
        Member::Det => in_list(word, DETERMINERS),
        Member::Modal => in_list(word, MODALS),
        Member::Name => is_name(word),
        Member::Quote | Member::Punct => false,
    }
}

fn member_before(m: &Member, before: &str) -> bool {
    match m {
        Member::Quote => {
            let mut rev = before.trim_end().chars().rev();
            matches!(rev.next(), Some('"' | '\u{201d}' | '\u{2019}' | '\''))
                && matches!(rev.next(), Some(',' | '.' | '?' | '!'))
        }
        _ => word_member(m, words::word_ending(before)),
    }
}

fn member_after(m: &Member, after: &str) -> bool {
    match m {
        Member::Punct => after.starts_with([',', '.', ';', ':', '!', '?']),
        _ => word_member(m, words::word_starting(after)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `rule` on the `[...]`-marked match of each text.
    fn check(rule: &str, cases: &[(&str, bool)]) {
        let rule = Rule::parse(rule).unwrap();
        for (marked, want) in cases {
            let start = marked.find('[').unwrap();
            let end = marked.find(']').unwrap() - 1;
            let text = marked.replace(['[', ']'], "");
            assert_eq!(rule.holds(&text, start, end), *want, "{marked:?}");
        }
    }

    #[test]
    fn attribution_position() {
        check(
            "after:@quote | after:@name | after:@pronoun | before:@name | before:@pronoun",
            &[
                ("to run away,\u{201d} [claimed] Alexei Tabalov.", true),
                ("Tabalov [stated] in an interview", true),
                ("she [claimed] he was there", true),
                ("\"It is over,\" [claimed] the minister", true),
                ("the [claimed] benefits", false),
                ("The [stated] goal", false),
                ("[claimed]", false),
                ("It [claimed] lives", true),
                ("officials [claimed] responsibility", false),
            ],
        );
    }

    #[test]
    fn noun_and_verb_senses() {
        // "go" is "move" only as a noun: after a determiner.
        check(
            "after:@det",
            &[
                ("a [go] that could", true),
                ("to [go] home", false),
                ("the [go]", true),
            ],
        );
        // "facial area" is "face" as a verb: after a modal or a pronoun.
        check(
            "after:@modal,@pronoun",
            &[
                ("will [facial area] trial", true),
                ("they [facial area] charges", true),
                ("the [facial area] is swollen", false),
            ],
        );
    }

    #[test]
    fn words_punctuation_and_conjunction() {
        check(
            "after:in before:to",
            &[
                ("in [accordance] to", true),
                ("in [accordance] with", false),
            ],
        );
        check(
            "before:@punct",
            &[("he [stated].", true), ("he [stated] that", false)],
        );
        check(
            "after:has,have before:that",
            &[
                ("has [stated] that", true),
                ("Has [stated] that", true),
                ("had [stated] that", false),
            ],
        );
    }

    #[test]
    fn title_case() {
        check(
            "case:title",
            &[
                ("the [White Home] said", true),
                ("a [white home] with", false),
                ("the [White home]", false),
                ("[WHITE HOME]", true),
            ],
        );
        check(
            "case:title after:according",
            &[
                ("according to [Selection]", false),
                ("according [Selection]", true),
            ],
        );
    }

    #[test]
    fn bad_rules_are_errors() {
        for rule in [
            "",
            "near:@det",
            "after:@nothing",
            "after:The",
            "after:a,,b",
            "before:@quote",
            "after:@det |",
            "case:upper",
        ] {
            assert!(Rule::parse(rule).is_err(), "{rule:?}");
        }
    }
}
