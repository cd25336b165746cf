//! The dictionary source format: TSV text parsed into entries, with
//! errors that name `file:line`.
//!
//! The format is stated once, in `dictionaries/README.md` (shown in the API
//! docs as [`crate::dictionary_format`]): `spun`, `original`, `tier` and
//! `source` columns, then optional `forms`, `note` and `when`; `#` comments,
//! blank lines, a byte-order mark and CRLF endings. Allowlists have the
//! columns `phrase`, `source` and an optional `note`.
//!
//! Parsing checks each line on its own. Checks that need every entry at
//! once (duplicates, conflicts, chains) happen when the entries are
//! compiled.

use crate::dict::inflect;
use crate::dict::rule::Rule;
use crate::error::{DictionaryErrorKind, Error, Location};
use crate::text::fold::fold_key;
use crate::tier::Tier;

/// What an entry does where it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Replace the spun phrase with the original.
    Replace,
    /// Protect the phrase: no edit may touch it.
    Allow,
}

/// One entry as its dictionary line gives it, not yet compiled: a line of
/// a dictionary (one entry per generated form), or of an allowlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceEntry {
    /// The spun phrase as written; for an allowlist, the allowed phrase.
    pub spun: String,
    /// The original phrase as written; empty for an allowed phrase.
    pub original: String,
    /// The entry's tier (`Fix` for an allowed phrase).
    pub tier: Tier,
    /// Replace, or protect (an allowlist line).
    pub kind: Kind,
    /// The source column: where the pair comes from.
    pub source: String,
    /// The `when` column: a context rule, or empty.
    pub when: String,
    /// The 1-based line number.
    pub line: usize,
}

impl SourceEntry {
    /// An allowed phrase from `line` of an allowlist.
    pub fn allowed(phrase: &str, source: &str, line: usize) -> SourceEntry {
        SourceEntry {
            spun: phrase.to_string(),
            original: String::new(),
            tier: Tier::Fix,
            kind: Kind::Allow,
            source: source.to_string(),
            when: String::new(),
            line,
        }
    }
}

/// Parses a whole dictionary. `name` is used in error locations.
pub(crate) fn parse(name: &str, bytes: &[u8]) -> Result<Vec<SourceEntry>, Error> {
    let mut entries = Vec::new();
    for_each_line(name, bytes, |line, line_no| {
        parse_line(line, line_no, name, &mut entries)
    })?;
    Ok(entries)
}

/// Rejects a phrase with a control character: keys must not match one
/// (`repair_parts` breaks parts with a NUL) and originals must not write one.
pub(crate) fn no_control(column: &'static str, phrase: &str) -> Result<(), DictionaryErrorKind> {
    match phrase.chars().find(|c| c.is_control()) {
        Some(c) => Err(DictionaryErrorKind::ControlCharacter {
            column,
            code: u32::from(c),
        }),
        None => Ok(()),
    }
}

/// Parses an allowlist: `phrase<TAB>source[<TAB>note]` lines, with the
/// same comments, blank lines, BOM and CRLF handling as a dictionary.
pub(crate) fn parse_allow(name: &str, bytes: &[u8]) -> Result<Vec<SourceEntry>, Error> {
    let mut entries = Vec::new();
    for_each_line(name, bytes, |line, line_no| {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !(2..=3).contains(&fields.len()) {
            return Err(DictionaryErrorKind::AllowColumns {
                found: fields.len(),
            });
        }
        for (field, column) in fields.iter().zip(["phrase", "source"]) {
            if field.is_empty() || (column == "phrase" && fold_key(field).is_empty()) {
                return Err(DictionaryErrorKind::EmptyField { column });
            }
        }
        no_control("phrase", fields[0])?;
        entries.push(SourceEntry::allowed(fields[0], fields[1], line_no));
        Ok(())
    })?;
    Ok(entries)
}

/// Calls `f` on every line that is not blank or a comment, turning its
/// errors into located ones.
fn for_each_line(
    name: &str,
    bytes: &[u8],
    mut f: impl FnMut(&str, usize) -> Result<(), DictionaryErrorKind>,
) -> Result<(), Error> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            return Err(Error::Dictionary {
                location: Location::new(name, line),
                kind: Box::new(DictionaryErrorKind::NotUtf8 { offset }),
            });
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (index, line) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        f(line, line_no).map_err(|kind| Error::Dictionary {
            location: Location::new(name, line_no),
            kind: Box::new(kind),
        })?;
    }
    Ok(())
}

/// Parses one line and pushes the entries it stands for: the pair itself,
/// then the forms it generates.
///
/// Only `spun` and `original` are required: a line of two columns is a
/// `fix` entry, and one without a source has the dictionary's name as its
/// source.
fn parse_line(
    line: &str,
    line_no: usize,
    name: &str,
    entries: &mut Vec<SourceEntry>,
) -> Result<(), DictionaryErrorKind> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    if !(2..=7).contains(&fields.len()) {
        return Err(DictionaryErrorKind::Columns {
            found: fields.len(),
        });
    }
    for (field, column) in fields.iter().zip(["spun", "original", "tier", "source"]) {
        if field.is_empty() {
            return Err(DictionaryErrorKind::EmptyField { column });
        }
    }
    let (spun, original) = (fields[0], fields[1]);
    if fold_key(spun).is_empty() {
        return Err(DictionaryErrorKind::EmptyField { column: "spun" });
    }
    no_control("spun", spun)?;
    no_control("original", original)?;
    let tier: Tier = match fields.get(2) {
        Some(tier) => tier.parse()?,
        None => Tier::Fix,
    };
    let source = fields.get(3).copied().unwrap_or(name);
    let forms = fields.get(4).copied().unwrap_or("");
    let when = fields.get(6).copied().unwrap_or("");
    if !when.is_empty() {
        Rule::parse(when)?;
    }
    // Alternative originals (`asked|ordered`) are inflected one by one and
    // joined again, form by form.
    let alternatives: Vec<&str> = original.split('|').map(str::trim).collect();
    if alternatives.iter().any(|a| fold_key(a).is_empty()) {
        return Err(DictionaryErrorKind::EmptyAlternative {
            original: original.to_string(),
        });
    }
    let mut pairs = inflect::expand(spun, alternatives[0], forms)?;
    for alternative in &alternatives[1..] {
        for (pair, (_, other)) in pairs
            .iter_mut()
            .zip(inflect::expand(spun, alternative, forms)?)
        {
            pair.1.push('|');
            pair.1.push_str(&other);
        }
    }
    for (spun, original) in pairs {
        if original.split('|').any(|a| fold_key(&spun) == fold_key(a)) {
            return Err(DictionaryErrorKind::SelfMap { spun });
        }
        entries.push(SourceEntry {
            spun,
            original,
            tier,
            kind: Kind::Replace,
            source: source.to_string(),
            when: when.to_string(),
            line: line_no,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse("d.tsv", text.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn parses_entries_comments_blank_lines_bom_and_crlf() {
        let text = "\u{FEFF}# header\n\nplanet war\tWorld War\tfix\tsample\r\nclaimed\tsaid\tcontext\tsyn\t\tnote here\n";
        let entries = parse("d.tsv", text.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].spun, "planet war");
        assert_eq!(entries[0].original, "World War");
        assert_eq!(entries[0].tier, Tier::Fix);
        assert_eq!(entries[0].source, "sample");
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[1].tier, Tier::Context);
        assert_eq!(entries[1].line, 4);
    }

    #[test]
    fn line_errors_name_file_and_line() {
        let cases = [
            (
                "a\n",
                "d.tsv:1: expected 2 to 7 tab-separated columns (spun, original[, tier[, source[, forms[, note[, when]]]]]), found 1",
            ),
            ("# c\na\t\tfix\ts\n", "d.tsv:2: the original column is empty"),
            ("\n\n \tb\tfix\ts\n", "d.tsv:3: the spun column is empty"),
            ("a\tb\tfix\t \n", "d.tsv:1: the source column is empty"),
            (
                "a\tb\tfxi\ts\n",
                "d.tsv:1: unknown tier \"fxi\": expected `fix` or `context` (did you mean `fix`?)",
            ),
            ("a\tb\tsure\ts\n", "d.tsv:1: unknown tier \"sure\": expected `fix` or `context`"),
            ("Planet War\tplanet  war\tfix\ts\n", "d.tsv:1: \"Planet War\" is mapped to itself"),
            ("a\tb\tfix\ts\t\tn\tafter:@det\tx\n", "d.tsv:1: expected 2 to 7 tab-separated columns (spun, original[, tier[, source[, forms[, note[, when]]]]]), found 8"),
            ("a\tb\tcontext\ts\t\t\tafter:@who\n", "d.tsv:1: bad rule \"after:@who\" in the when column: unknown class"),
            ("a\tb\tfix\ts\tes\n", "d.tsv:1: bad form \"es\" in the forms column: expected s, 's, ed, ing, X=word or word>word"),
            ("ab\tb\tfix\ts\tq>q\n", "d.tsv:1: \"q\" is mapped to itself"),
            ("ab\tb|\tfix\ts\n", "d.tsv:1: the original column \"b|\" has an empty alternative"),
            ("a\u{0}b\tb\n", "d.tsv:1: the spun column holds the control character U+0000"),
            ("ab\tb\u{1}c\n", "d.tsv:1: the original column holds the control character U+0001"),
            ("ab\tb|Ab\tfix\ts\n", "d.tsv:1: \"ab\" is mapped to itself"),
        ];
        for (text, want) in cases {
            assert_eq!(err(text), want, "for {text:?}");
        }
    }

    #[test]
    fn alternatives_are_inflected_one_by_one() {
        let text = "request\task | order\tcontext\ts\ts, ed\n";
        let entries = parse("d.tsv", text.as_bytes()).unwrap();
        let pairs: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.spun.as_str(), e.original.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("request", "ask|order"),
                ("requests", "asks|orders"),
                ("requested", "asked|ordered")
            ]
        );
    }

    #[test]
    fn allowlists_have_phrase_and_source() {
        let text = "# allowed\na ton of\tidiom\nthe navy\tnews\tarmed forces\n";
        let entries = parse_allow("allow.tsv", text.as_bytes()).unwrap();
        assert_eq!(entries[0], SourceEntry::allowed("a ton of", "idiom", 2));
        assert_eq!(entries[1].line, 3);
        let err = parse_allow("allow.tsv", b"a ton of\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "allow.tsv:1: expected 2 or 3 tab-separated columns (phrase, source[, note]), found 1"
        );
        let err = parse_allow("allow.tsv", b"x\ty\n \tsrc\n").unwrap_err();
        assert_eq!(err.to_string(), "allow.tsv:2: the phrase column is empty");
    }

    #[test]
    fn invalid_utf8_reports_line_and_byte_offset() {
        let bytes = b"a\tb\tfix\ts\nc\xFFd\te\tfix\ts\n";
        let e = parse("d.tsv", bytes).unwrap_err();
        assert_eq!(
            e.to_string(),
            "d.tsv:2: not valid UTF-8 (byte 11 of the file)"
        );
    }
}
