//! The `forms` column: inflected entries without listing each by hand.
//!
//! A dictionary line may name forms to generate from it. Each form changes
//! the last word of the spun phrase and of the original together:
//!
//! | item | what it generates | example line → generated entry |
//! |---|---|---|
//! | `s` | plural or third person | `thirty day period → month` gives `thirty day periods → months` |
//! | `'s` | possessive; with `s`, the plural possessive too | `associated push → Associated Press` gives `associated push's → Associated Press's` |
//! | `ed` | past tense | `persuade → convince` gives `persuaded → convinced` |
//! | `ing` | present participle | `persuade → convince` gives `persuading → convincing` |
//! | `ed=said` | past tense; the original's last word is given | `claim → say` gives `claimed → said` |
//! | `A>B` | the spun last word is `A`, the original's is `B` | `young gentleman → young man` with `gentlemen>men` gives `young gentlemen → young men` |
//!
//! Regular spelling: `-es` after s, x, z, ch, sh; `y` after a consonant
//! becomes `ies`/`ied`; a silent final `e` is dropped before `ing` and takes
//! only `d` for the past. Anything else irregular is written with `=` or
//! `>`. Generated entries share the tier, source and line of the line that
//! generated them, so errors in them point at that line.

use crate::error::DictionaryErrorKind;

/// The phrase pairs a line stands for: the pair itself, then each form.
pub(crate) fn expand(
    spun: &str,
    original: &str,
    forms: &str,
) -> Result<Vec<(String, String)>, DictionaryErrorKind> {
    let mut pairs = vec![(spun.to_string(), original.to_string())];
    let items: Vec<&str> = forms
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut plural: Option<(String, String)> = None;
    let mut possessive = false;
    for item in &items {
        let bad = |reason: &'static str| DictionaryErrorKind::BadForm {
            item: item.to_string(),
            reason,
        };
        if let Some((a, b)) = item.split_once('>') {
            let (a, b) = (a.trim(), b.trim());
            if a.is_empty() || b.is_empty() || a.contains(' ') || b.contains(' ') {
                return Err(bad("`A>B` needs one word on each side"));
            }
            pairs.push((
                with_last(spun, |_| a.to_string()),
                with_last(original, |_| b.to_string()),
            ));
            continue;
        }
        let (suffix, word) = match item.split_once('=') {
            Some((s, w)) => {
                let w = w.trim();
                if w.is_empty() || w.contains(' ') {
                    return Err(bad("`=` needs one word after it"));
                }
                (s.trim(), Some(w))
            }
            None => (*item, None),
        };
        let rule: fn(&str) -> String = match suffix {
            "s" => plural_of,
            "'s" => {
                if word.is_some() {
                    return Err(bad("`'s` takes no `=`"));
                }
                possessive = true;
                continue;
            }
            "ed" => past_of,
            "ing" => participle_of,
            _ => return Err(bad("expected s, 's, ed, ing, X=word or word>word")),
        };
        let new_spun = with_last(spun, rule);
        let new_original = match word {
            Some(w) => with_last(original, |_| w.to_string()),
            None => with_last(original, rule),
        };
        if suffix == "s" {
            plural = Some((new_spun.clone(), new_original.clone()));
        }
        pairs.push((new_spun, new_original));
    }
    if possessive {
        pairs.push((format!("{spun}'s"), format!("{original}'s")));
        if let Some((s, o)) = plural {
            pairs.push((possessive_of_plural(&s), possessive_of_plural(&o)));
        }
    }
    Ok(pairs)
}

/// Applies `f` to the last space-separated word of `phrase`.
fn with_last(phrase: &str, f: impl Fn(&str) -> String) -> String {
    match phrase.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", f(last)),
        None => f(phrase),
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Ends in a consonant followed by `y`?
fn consonant_y(word: &str) -> bool {
    let mut rev = word.chars().rev();
    matches!(rev.next(), Some('y' | 'Y'))
        && rev
            .next()
            .is_some_and(|c| c.is_alphabetic() && !is_vowel(c))
}

fn plural_of(word: &str) -> String {
    let lower = word.to_lowercase();
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{word}es")
    } else if consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

fn past_of(word: &str) -> String {
    if word.ends_with('e') {
        format!("{word}d")
    } else if consonant_y(word) {
        format!("{}ied", &word[..word.len() - 1])
    } else {
        format!("{word}ed")
    }
}

fn participle_of(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ie") {
        format!("{stem}ying")
    } else if word.ends_with('e')
        && !["ee", "ye", "oe"].iter().any(|e| word.ends_with(e))
        && word.len() > 2
    {
        format!("{}ing", &word[..word.len() - 1])
    } else {
        format!("{word}ing")
    }
}

fn possessive_of_plural(plural: &str) -> String {
    if plural.ends_with('s') {
        format!("{plural}'")
    } else {
        format!("{plural}'s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(spun: &str, original: &str, forms: &str) -> Vec<(String, String)> {
        expand(spun, original, forms).unwrap()
    }

    fn p(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn no_forms_gives_the_pair_itself() {
        assert_eq!(
            pairs("planet war ii", "World War II", ""),
            p(&[("planet war ii", "World War II")])
        );
    }

    #[test]
    fn plural_and_possessive() {
        assert_eq!(
            pairs("thirty day period", "month", "s, 's"),
            p(&[
                ("thirty day period", "month"),
                ("thirty day periods", "months"),
                ("thirty day period's", "month's"),
                ("thirty day periods'", "months'"),
            ])
        );
        assert_eq!(
            pairs("facial area", "face", "s"),
            p(&[("facial area", "face"), ("facial areas", "faces")])
        );
        assert_eq!(
            pairs("intercourse crime", "sex crime", "s"),
            p(&[
                ("intercourse crime", "sex crime"),
                ("intercourse crimes", "sex crimes")
            ])
        );
    }

    #[test]
    fn regular_spelling() {
        let cases = [
            ("s", "church", "churches"),
            ("s", "box", "boxes"),
            ("s", "city", "cities"),
            ("s", "day", "days"),
            ("s", "Press", "Presses"),
            ("ed", "vote", "voted"),
            ("ed", "try", "tried"),
            ("ed", "play", "played"),
            ("ed", "claim", "claimed"),
            ("ing", "make", "making"),
            ("ing", "see", "seeing"),
            ("ing", "die", "dying"),
            ("ing", "claim", "claiming"),
        ];
        for (form, word, want) in cases {
            assert_eq!(pairs(word, "x", form)[1].0, want, "{form} {word}");
        }
    }

    #[test]
    fn irregular_originals_and_explicit_pairs() {
        assert_eq!(
            pairs("claim", "say", "s=says, ed=said, ing=saying"),
            p(&[
                ("claim", "say"),
                ("claims", "says"),
                ("claimed", "said"),
                ("claiming", "saying"),
            ])
        );
        assert_eq!(
            pairs("young gentleman", "young man", "gentlemen>men"),
            p(&[
                ("young gentleman", "young man"),
                ("young gentlemen", "young men")
            ])
        );
    }

    #[test]
    fn bad_forms_are_errors() {
        for forms in ["x", "'s=foo", "s=", "a>", ">b", "a b>c", "ed=two words"] {
            assert!(expand("a", "b", forms).is_err(), "{forms:?}");
        }
    }
}
