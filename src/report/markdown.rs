//! `summary.md`: counts, the disagreements, the most shared claims and what was
//! skipped; one fact per line so that a pull-request diff reads well.

use std::fmt::Write;

use super::Totals;
use crate::model::{Skipped, StoryReport};

/// How many shared claims each story lists.
const TOP_CLAIMS: usize = 10;

/// The title and the counts, written once every story is known.
pub fn head(totals: &Totals) -> String {
    format!("# crossclaim summary\n\n{}\n\n", totals.line())
}

/// What was skipped, after the stories.
pub fn tail(skipped: &[Skipped]) -> String {
    let mut md = String::new();
    if !skipped.is_empty() {
        md.push_str("## Skipped inputs\n\n");
        for s in skipped {
            let _ = writeln!(md, "- `{}`: {}", code(&s.path), cell(&s.reason));
        }
        md.push('\n');
    }
    md
}

/// One story: its disagreements and the claims most outlets share.
pub fn story_section(md: &mut String, story: &StoryReport) {
    let _ = writeln!(md, "## Story `{}`\n", code(&story.story.name));
    let outlets: Vec<String> = story
        .story
        .articles
        .iter()
        .map(|a| cell(&a.outlet))
        .collect();
    let _ = writeln!(md, "Outlets: {}.\n", outlets.join(", "));
    md.push_str("### Disagreements\n\n");
    if story.disagreements.is_empty() {
        md.push_str("None found.\n\n");
    } else {
        md.push_str("| id | verdict | severity | measure | outlet A | figure A | outlet B | figure B | gap |\n");
        md.push_str("|---|---|---|---|---|---|---|---|---:|\n");
        for d in &story.disagreements {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {:.1}% |",
                d.id,
                d.verdict.as_str(),
                d.severity.as_str(),
                cell(&d.measure),
                cell(&story.article_of(d.a.sentence).outlet),
                cell(&story.figure(d.a).text),
                cell(&story.article_of(d.b.sentence).outlet),
                cell(&story.figure(d.b).text),
                d.relative_difference * 100.0
            );
        }
        md.push('\n');
        for d in &story.disagreements {
            let _ = writeln!(md, "- **{}**: {}", d.id, cell(&d.explanation));
        }
        md.push('\n');
    }
    let mut shared: Vec<_> = story.claims.iter().filter(|c| c.outlets > 1).collect();
    shared.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(a.members[0].cmp(&b.members[0]))
    });
    let _ = writeln!(
        md,
        "### Claims shared by several outlets ({})\n",
        shared.len()
    );
    for claim in shared.iter().take(TOP_CLAIMS) {
        let first = claim.members[0];
        let _ = writeln!(
            md,
            "- {} outlets ({}): {}",
            claim.outlets,
            claim.id,
            cell(&story.sentences[first].text)
        );
    }
    if shared.len() > TOP_CLAIMS {
        let _ = writeln!(
            md,
            "- ... and {} more in claims.csv",
            shared.len() - TOP_CLAIMS
        );
    }
    md.push('\n');
}

/// Keeps article text literal on one table row: pipes and the characters that
/// would start HTML, emphasis, code or a link are escaped, line breaks become spaces.
pub(super) fn cell(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        // GitHub never reads `_` inside a word as emphasis (`000_abc` stays as is),
        // so it is escaped only at a word edge, keeping names readable in the diff.
        let inside_word = |i: usize| {
            i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        };
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '_' if inside_word(i) => out.push('_'),
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A name inside an inline code span, which cannot hold a backtick.
fn code(s: &str) -> String {
    s.replace('`', "'").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn escapes_markup_in_table_cells() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<b>x</b> & *y*"), "&lt;b&gt;x&lt;/b&gt; & \\*y\\*");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(cell("5½ — ’"), "5½ — ’");
    }

    #[test]
    fn escapes_underscores_only_at_word_edges() {
        assert_eq!(cell("000_abc"), "000_abc");
        assert_eq!(cell("_lead_ story"), "\\_lead\\_ story");
    }
}
