//! The documents the detector is fitted and measured on: the real spun
//! stories of `../shared/samples` with their originals, and clean corpora.

use std::path::{Path, PathBuf};

/// One document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it comes from: `dev2/05-…` for a story, `fortunes/art`,
    /// `debian-handbook:ch01.html` for a clean one.
    pub source: String,
    /// The set it belongs to, for reports: `dev`, `dev2`, `dev3`,
    /// `originals`, or a clean corpus's name.
    pub set: String,
    /// Documents that share a `fold` are held out together.
    pub fold: String,
    pub spun: bool,
    pub text: String,
    /// The story's folder, for a story or its original.
    pub folder: Option<PathBuf>,
}

/// The spun stories of `samples/dev*` and their originals. A story and its
/// twin (the same source spun twice, see `heldout::SHARED`) share a fold.
pub fn stories(samples: &Path) -> Result<Vec<Document>, String> {
    let mut docs = Vec::new();
    for story in crate::devmine::stories(samples)? {
        let set = story
            .token
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
        let name = format!(
            "{set}/{}",
            story.dir.file_name().unwrap_or_default().to_string_lossy()
        );
        let fold = crate::heldout::source_of(&story.token).to_string();
        for (file, spun, text) in [
            ("spun.txt", true, story.spun),
            ("original.txt", false, story.original),
        ] {
            docs.push(Document {
                source: format!("{name}/{file}"),
                set: if spun {
                    set.clone()
                } else {
                    "originals".to_string()
                },
                fold: fold.clone(),
                spun,
                text,
                folder: Some(story.dir.clone()),
            });
        }
    }
    Ok(docs)
}

/// Clean documents from a JSON lines file of `{"source", "text"}` records
/// (`scripts/clean-corpus.py` writes them). The folds are ten groups of
/// source files, so that the pieces of one file are held out together.
pub fn jsonl(path: &Path, set: &str) -> Result<Vec<Document>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let field = |name: &str| {
            record
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let source = field("source");
        docs.push(Document {
            fold: format!("{set}#{}", fold_of(&source)),
            set: set.to_string(),
            source,
            spun: false,
            text: field("text"),
            folder: None,
        });
    }
    Ok(docs)
}

/// A text file of clean prose, cut at lines into documents of about
/// `words` words.
pub fn prose(path: &Path, set: &str, words: usize) -> Result<Vec<Document>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    let mut document = String::new();
    for line in text.lines() {
        document.push_str(line);
        document.push('\n');
        if document.split_whitespace().count() >= words {
            docs.push(Document {
                source: path.display().to_string(),
                set: set.to_string(),
                fold: format!("{set}#{}", docs.len() % 10),
                spun: false,
                text: std::mem::take(&mut document),
                folder: None,
            });
        }
    }
    Ok(docs)
}

/// Debian's fortunes, cut into documents of about `words` words, as
/// `tests/clean_text.rs` cuts them.
pub fn fortunes(dir: &Path, words: usize) -> Result<Vec<Document>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e} (apt-get install fortunes)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none())
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let name = format!(
            "fortunes/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let mut document = String::new();
        let mut pieces = text.split("\n%\n").peekable();
        while let Some(piece) = pieces.next() {
            document.push_str(piece);
            document.push('\n');
            if document.split_whitespace().count() >= words || pieces.peek().is_none() {
                docs.push(Document {
                    source: name.clone(),
                    set: "fortunes".to_string(),
                    fold: format!("fortunes#{}", fold_of(&name)),
                    spun: false,
                    text: std::mem::take(&mut document),
                    folder: None,
                });
            }
        }
    }
    Ok(docs)
}

/// A fold number from 0 to 9 for a source name (FNV-1a).
fn fold_of(source: &str) -> u64 {
    let file = source.split('#').next().unwrap_or(source);
    file.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    }) % 10
}
