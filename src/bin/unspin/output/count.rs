//! Counts worded for people: "1 edit", "2 edits", "12,345 words".

/// `n` and its noun, singular for one: `count(1, "edit", "edits")` is
/// "1 edit". Thousands are separated by commas.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What each signal of a score adds to the logit, largest first:
/// `fix entries +4.47, context entries +5.96`.
pub fn reasons(s: &unspin::Score) -> String {
    let reasons: Vec<String> = s
        .reasons()
        .iter()
        .map(|r| format!("{} {:+.2}", r.signal, r.contribution))
        .collect();
    reasons.join(", ")
}

/// The counts behind a score's signals: `36 fix entries, 128 context
/// entries, 3 article slips`.
pub fn signal_counts(s: &unspin::Score) -> String {
    format!(
        "{}, {}, {}",
        count(s.distinct_fix_entries, "fix entry", "fix entries"),
        count(
            s.distinct_context_entries,
            "context entry",
            "context entries"
        ),
        count(s.article_disagreements, "article slip", "article slips")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_agree_with_counts() {
        assert_eq!(count(0, "edit", "edits"), "0 edits");
        assert_eq!(count(1, "edit", "edits"), "1 edit");
        assert_eq!(count(2, "fix entry", "fix entries"), "2 fix entries");
        assert_eq!(count(12345, "word", "words"), "12,345 words");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
