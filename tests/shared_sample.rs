//! The real spun article the project studies, in `../shared/samples/`
//! beside the repository. Conservative mode must repair every `fix`-tier
//! garble in it, and only with the wording of the reconstructed original.

mod needs;

use unspin::{Mode, Tier, Unspinner};

fn shared(name: &str) -> String {
    let path = needs::shared_samples().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Garbles of the sample and what default mode must make of them.
const GARBLES: &[(&str, &str)] = &[
    ("its sixth thirty day period", "its sixth month"),
    ("The Associated Push", "The Associated Press"),
    ("Planet War II", "World War II"),
    ("regulation enforcement", "law enforcement"),
    ("Siberia in May possibly", "Siberia in May"),
    ("the Gulagu.internet prisoner", "the Gulagu.net prisoner"),
    ("occupation lookup internet sites", "job search websites"),
    ("center-college", "middle-school"),
    ("on condition tv", "on state TV"),
    ("this 7 days", "this week"),
    ("a total-blown mobilization", "a full-blown mobilization"),
    ("a 50 percent marathon", "a half marathon"),
    ("with 50 percent-measures", "with half-measures"),
    ("in an job interview", "in an interview"),
    ("a attorney who runs", "a lawyer who runs"),
    ("lawful help group", "legal aid group"),
    ("the lawful support lawyer", "the legal aid lawyer"),
    ("requests for authorized assist", "requests for legal help"),
    ("very last thirty day period", "last month"),
    ("will carry on to facial area", "will continue to face"),
    ("\u{201c}muddle via", "\u{201c}muddle through"),
];

#[test]
#[ignore = "needs ../shared/samples beside the repository"]
fn default_mode_repairs_the_fix_garbles_of_the_real_sample() {
    let spun = shared("spun-news-article.txt");
    let original = shared("spun-news-article.original.txt");
    let unspin = Unspinner::builder()
        .mode(Mode::Conservative)
        .build()
        .unwrap();
    let repaired = unspin.repair(&spun);
    let mut problems = Vec::new();
    for (garble, want) in GARBLES {
        assert!(
            spun.contains(garble),
            "the sample no longer contains {garble:?}"
        );
        if !repaired.text.contains(want) || repaired.text.contains(garble) {
            problems.push(format!("{garble:?} was not repaired to {want:?}"));
        }
    }
    // Precision: every edit gives the original's wording on that line.
    for (n, (spun_line, original_line)) in spun.lines().zip(original.lines()).enumerate() {
        for edit in unspin.repair(spun_line).edits {
            assert_eq!(edit.tier, Tier::Fix);
            if !original_line.contains(&edit.replacement) {
                problems.push(format!(
                    "line {}: {:?} -> {:?} is not the original's wording ({})",
                    n + 1,
                    edit.spun,
                    edit.replacement,
                    edit.location
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
