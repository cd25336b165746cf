//! `unspin --mine`: dictionary entries mined from spun texts and their
//! originals.

mod common;

use common::{stderr, unspin, Scratch};

/// The entry lines (not comments) of a mined dictionary.
fn entries(tsv: &str) -> Vec<Vec<String>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn a_pair_of_files_gives_entries_that_repair_it() {
    let dir = Scratch::new("mine-files");
    let spun = dir.file(
        "spun.txt",
        "The Globe Wellbeing Firm warned on Monday.\nOfficials mentioned the danger was rising.\n"
            .as_bytes(),
    );
    let original = dir.file(
        "original.txt",
        "The World Health Organization warned on Monday.\nOfficials said the danger was rising.\n"
            .as_bytes(),
    );
    let out_path = dir.path("mined.tsv");
    let out = unspin(
        &["--mine", out_path.to_str().unwrap(), &spun, &original],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("written to"),
        "a summary on stderr: {}",
        stderr(&out)
    );
    let mined = std::fs::read_to_string(&out_path).unwrap();
    let lines = entries(&mined);
    let name = lines
        .iter()
        .find(|l| l[0] == "globe wellbeing firm")
        .unwrap_or_else(|| panic!("the name is mined whole:\n{mined}"));
    assert_eq!(
        name[1], "World Health Organization",
        "a name keeps its capitals"
    );
    assert_eq!(name[2], "fix", "a phrase English never uses is fix");
    assert_eq!(name[3], "mined:spun.txt");
    assert!(name[5].contains("seen once in 1 text"), "{:?}", name[5]);
    // "mentioned" for "said" is already bundled: a comment says so.
    assert!(
        mined.contains("# mentioned\tsaid\t-\tmined:spun.txt\t\trejected: already an entry"),
        "{mined}"
    );
    // The mined dictionary loads and repairs the text it came from.
    let out = unspin(
        &["--no-builtin", "-d", out_path.to_str().unwrap()],
        b"The Globe Wellbeing Firm warned.\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "The World Health Organization warned.\n"
    );
}

#[test]
fn directories_of_pairs_name_their_folders_and_clean_uses_count_against() {
    let dir = Scratch::new("mine-dirs");
    // Two stories: "residence" stands for "house" in both; the second
    // original uses "dwelling" itself, so that swap is rejected. Without
    // the bundled dictionaries, nothing is known already.
    dir.file(
        "pairs/one/spun.txt",
        b"They left the residence at noon and the dwelling was empty.\n",
    );
    dir.file(
        "pairs/one/original.txt",
        b"They left the house at noon and the home was empty.\n",
    );
    dir.file(
        "pairs/two/spun.txt",
        b"A residence fire was put out by crews.\n",
    );
    dir.file(
        "pairs/two/original.txt",
        b"A house fire was put out by crews near a dwelling.\n",
    );
    let out_path = dir.path("out.tsv");
    let out = unspin(
        &[
            "--no-builtin",
            "--mine",
            out_path.to_str().unwrap(),
            dir.path("pairs").to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mined = std::fs::read_to_string(&out_path).unwrap();
    let residence = entries(&mined)
        .into_iter()
        .find(|l| l[0] == "residence")
        .unwrap_or_else(|| panic!("residence is proposed:\n{mined}"));
    assert_eq!(residence[1], "house");
    assert_eq!(residence[3], "mined:one,two");
    assert!(
        residence[5].contains("seen 2 times in 2 texts"),
        "{:?}",
        residence[5]
    );
    assert!(
        mined
            .contains("# dwelling\thome\t-\tmined:one\t\trejected: the original texts use it once"),
        "{mined}"
    );
}

#[test]
fn a_hyphenated_garble_is_written_as_the_text_has_it() {
    let dir = Scratch::new("mine-hyphen");
    let spun = dir.file("spun.txt", b"For their well-being, the team left early.\n");
    let original = dir.file("original.txt", b"For their health, the team left early.\n");
    let out_path = dir.path("out.tsv");
    let out = unspin(
        &[
            "--no-builtin",
            "--mine",
            out_path.to_str().unwrap(),
            &spun,
            &original,
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mined = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        entries(&mined)
            .iter()
            .any(|l| l[0] == "well-being" && l[1] == "health"),
        "{mined}"
    );
    // And the entry repairs the text it came from.
    let out = unspin(
        &[
            "--no-builtin",
            "--mode",
            "aggressive",
            "-d",
            out_path.to_str().unwrap(),
        ],
        b"Their well-being improved.\n",
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Their health improved.\n"
    );
}

#[test]
fn bad_inputs_are_errors_and_write_nothing() {
    let dir = Scratch::new("mine-bad");
    let out_path = dir.path("out.tsv");
    let out_arg = out_path.to_str().unwrap();
    let one = dir.file("one.txt", b"text\n");
    let out = unspin(&["--mine", out_arg, &one], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--mine takes two files (SPUN ORIGINAL) or directories"),
        "{}",
        stderr(&out)
    );
    let empty = dir.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = unspin(&["--mine", out_arg, empty.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("found no folder holding spun.txt and original.txt"));
    let bad = dir.file("bad.txt", b"caf\xe9\n");
    let out = unspin(&["--mine", out_arg, &bad, &one], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.txt:1:4: not valid UTF-8 at byte offset 3"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists(), "nothing is written when mining fails");
}
