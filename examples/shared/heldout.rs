//! Leave-one-story-out: the development stories, and dictionaries built
//! without the lines mined from one of them. Shared by the `evaluate` and
//! `detection` examples.

#![allow(dead_code)] // each example uses a different part

use std::path::{Path, PathBuf};

use unspin::{Mode, Unspinner};

/// Stories that share a source: two spinners' copies of one article, or
/// two articles on one event. They are left out together.
pub const SHARED: &[(&str, &str)] = &[
    ("dev2:03", "dev2:04"),
    ("dev2:17", "dev2:18"),
    ("dev3:12", "dev3:13"),
];

/// The story that stands for `token`'s source: the first of its twins, or
/// itself.
pub fn source_of(token: &str) -> &str {
    SHARED
        .iter()
        .find(|(a, b)| token == *a || token == *b)
        .map_or(token, |(a, _)| a)
}

/// A story of the development sets: `dev2:17`, and its spinner site.
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

/// `../shared/samples`, beside the repository.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples")
}

/// The dictionary the `grow` example mines from the stories.
pub const MINED: &str = "dictionaries/mined.tsv";

/// The repository's dictionaries as text, to build held-out copies from.
pub struct Dictionaries {
    /// (name, text) of each dictionary.
    files: Vec<(String, String)>,
    allowlists: Vec<PathBuf>,
    /// The stories and names to mine `MINED` from again for each held-out
    /// story, if it is re-mined rather than filtered.
    remine: Option<(Vec<crate::devmine::DevStory>, Vec<String>)>,
}

impl Dictionaries {
    /// The dictionaries as bundled; a held-out copy leaves out the lines
    /// whose source names the story, `MINED`'s too.
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
        Ok(Dictionaries {
            files,
            allowlists,
            remine: None,
        })
    }

    /// The dictionaries with `MINED` mined again for each held-out story,
    /// from the other stories of `samples`: what the `grow` example would
    /// have written without that story.
    pub fn remining(samples: &Path) -> Result<Dictionaries, String> {
        let mut d = Dictionaries::read()?;
        d.files.retain(|(name, _)| name != MINED);
        d.remine = Some((crate::devmine::stories(samples)?, crate::devmine::names()?));
        Ok(d)
    }

    /// The dictionaries' (name, text) and the allowlists' paths.
    pub fn parts(&self) -> (&[(String, String)], &[PathBuf]) {
        (&self.files, &self.allowlists)
    }

    /// The tokens left out with `story`: its own and its twin's.
    fn tokens(story: &Story) -> Vec<&str> {
        let source = source_of(&story.token);
        let twins = SHARED.iter().filter(|(a, _)| *a == source).map(|(_, b)| *b);
        std::iter::once(source).chain(twins).collect()
    }

    /// The dictionaries' (name, text) with every line left out whose
    /// source column names a token that `drop` picks.
    pub fn lines_without(&self, drop: impl Fn(&str) -> bool) -> Vec<(String, String)> {
        self.files
            .iter()
            .map(|(name, text)| {
                let kept: String = text
                    .split_inclusive('\n')
                    .filter(|line| {
                        let source = line.split('\t').nth(3).unwrap_or("");
                        !source.split([',', ';', ' ']).any(|t| drop(t.trim()))
                    })
                    .collect();
                (name.clone(), kept)
            })
            .collect()
    }

    /// An unspinner whose dictionaries leave out every line mined from
    /// `story` or from a story that shares its source.
    pub fn without(&self, story: &Story, mode: Mode) -> Result<Unspinner, String> {
        let tokens = Dictionaries::tokens(story);
        let mut files = self.lines_without(|token| tokens.contains(&token));
        if let Some((stories, names)) = &self.remine {
            let known = build(&files, &self.allowlists, Mode::Auto)?;
            let others: Vec<&crate::devmine::DevStory> = stories
                .iter()
                .filter(|s| !tokens.contains(&s.token.as_str()))
                .collect();
            let mined = crate::devmine::mine(&known, &others, names);
            let mined = crate::devmine::loadable(&files, &self.allowlists, MINED, mined);
            files.push((MINED.to_string(), mined));
        }
        build(&files, &self.allowlists, mode)
    }
}

/// An unspinner of exactly these dictionaries and allowlists.
pub fn build(
    files: &[(String, String)],
    allowlists: &[PathBuf],
    mode: Mode,
) -> Result<Unspinner, String> {
    let mut builder = Unspinner::builder().builtin(false).mode(mode);
    for (name, text) in files {
        builder = builder.dictionary_str(name.as_str(), text.as_str());
    }
    for path in allowlists {
        builder = builder.allow_file(path);
    }
    builder.build().map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
