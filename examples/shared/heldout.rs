//! Leave-one-story-out: the development stories, and dictionaries built
//! without the lines mined from one of them. Shared by the `evaluate` and
//! `detection` examples.

use std::path::{Path, PathBuf};

use unspin::{Mode, Unspinner};

/// Stories that share a source: two spinners' copies of one article, or
/// two articles on one event. They are left out together.
const SHARED: &[(&str, &str)] = &[
    ("dev2:03", "dev2:04"),
    ("dev2:17", "dev2:18"),
    ("dev3:12", "dev3:13"),
];

/// A story of the development sets: `dev2:17`, and its spinner site.
#[allow(dead_code)] // each example reads what it needs
pub struct Story {
    pub set: String,
    pub token: String,
    pub site: String,
}

/// The story a folder holds, from its path: `…/dev2/17-some-story-site`.
pub fn story_of(dir: &Path) -> Option<Story> {
    let folder = dir.file_name()?.to_str()?;
    let set = dir.parent()?.file_name()?.to_str()?;
    if !set.starts_with("dev") {
        return None;
    }
    let number = folder.split('-').next()?;
    Some(Story {
        set: set.to_string(),
        token: format!("{set}:{number}"),
        site: folder.rsplit('-').next()?.to_string(),
    })
}

/// The repository's dictionaries as text, to build held-out copies from.
pub struct Dictionaries {
    /// (name, text) of each dictionary.
    files: Vec<(String, String)>,
    allowlists: Vec<PathBuf>,
}

impl Dictionaries {
    pub fn read() -> Result<Dictionaries, String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        let mut allowlists = Vec::new();
        for path in paths {
            let name = format!(
                "dictionaries/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            if name.starts_with("dictionaries/allow") {
                allowlists.push(path);
            } else {
                files.push((name, read(&path)?));
            }
        }
        Ok(Dictionaries { files, allowlists })
    }

    /// An unspinner whose dictionaries leave out every line mined from
    /// `story` or from a story that shares its source.
    pub fn without(&self, story: &Story, mode: Mode) -> Result<Unspinner, String> {
        let mut tokens = vec![story.token.as_str()];
        for (a, b) in SHARED {
            if story.token == *a {
                tokens.push(b);
            } else if story.token == *b {
                tokens.push(a);
            }
        }
        let mut builder = Unspinner::builder().builtin(false).mode(mode);
        for (name, text) in &self.files {
            let kept: String = text
                .split_inclusive('\n')
                .filter(|line| {
                    let source = line.split('\t').nth(3).unwrap_or("");
                    !source
                        .split([',', ';', ' '])
                        .any(|t| tokens.contains(&t.trim()))
                })
                .collect();
            builder = builder.dictionary_str(name.as_str(), kept);
        }
        for path in &self.allowlists {
            builder = builder.allow_file(path);
        }
        builder.build().map_err(|e| e.to_string())
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
