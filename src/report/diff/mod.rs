//! `crossclaim diff OLD_DIR NEW_DIR`: what changed between two report folders,
//! in Markdown for a pull-request comment. It reads only `report.json`, so it
//! works on reports from any older run; disagreements and shared claims are
//! matched by their content ids first, then by what they are about, so that an
//! updated figure shows as "changed" rather than as one resolved and one new.
//! The Markdown can be cut to a size (a GitHub comment holds 65,536 characters),
//! saying what was left out; `--format json` gives bots every change.

mod load;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::model::Severity;

/// A disagreement as the diff shows it, resolved from the indices in the JSON.
#[derive(Clone, PartialEq, Serialize)]
struct Dis {
    id: String,
    story: String,
    verdict: String,
    severity: Severity,
    measure: String,
    outlet_a: String,
    figure_a: String,
    outlet_b: String,
    figure_b: String,
    gap: f64,
}

impl Dis {
    /// What the disagreement is about, independent of the figures stated.
    fn topic(&self) -> (&str, &str, &str, &str) {
        (&self.story, &self.measure, &self.outlet_a, &self.outlet_b)
    }

    fn line(&self) -> String {
        format!(
            "| {} | {} | {} {} | {} | {}: {} | {}: {} | {:.1}% |",
            cell(&self.story),
            self.id,
            self.severity.as_str(),
            self.verdict.replace('_', " "),
            cell(&self.measure),
            cell(&self.outlet_a),
            cell(&self.figure_a),
            cell(&self.outlet_b),
            cell(&self.figure_b),
            self.gap * 100.0
        )
    }
}

/// A claim that two or more outlets share; members are `outlet: sentence`.
#[derive(Clone, Serialize)]
struct SharedClaim {
    id: String,
    story: String,
    outlets: usize,
    members: Vec<String>,
}

/// Everything one report folder says, as the diff needs it.
struct Side {
    disagreements: Vec<Dis>,
    claims: Vec<SharedClaim>,
}

/// What `diff` found; `markdown` is the comment to post.
pub struct DiffSummary {
    pub markdown: String,
    /// The same changes as one JSON object, for bots.
    pub json: String,
    /// The worst severity among disagreements that are new or changed (updates excluded).
    pub worst_new: Option<Severity>,
}

/// Compares the `report.json` of two report folders; the Markdown is cut to
/// `max_bytes` when given.
pub fn diff_dirs(old: &Path, new: &Path, max_bytes: Option<usize>) -> Result<DiffSummary> {
    Ok(diff_sides(&load::load(old)?, &load::load(new)?, max_bytes))
}

/// The version of the JSON that `diff --format json` writes.
pub const DIFF_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Changed<'a, T> {
    old: &'a T,
    new: &'a T,
}

#[derive(Serialize)]
struct Changes<'a, T> {
    new: Vec<&'a T>,
    gone: Vec<&'a T>,
    changed: Vec<Changed<'a, T>>,
}

impl<'a, T> Changes<'a, T> {
    fn of((new, gone, changed): Matched<'a, T>) -> Self {
        Self {
            new,
            gone,
            changed: changed
                .into_iter()
                .map(|(old, new)| Changed { old, new })
                .collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.new.is_empty() && self.gone.is_empty() && self.changed.is_empty()
    }
}

#[derive(Serialize)]
struct DiffJson<'a> {
    schema: &'static str,
    version: u32,
    disagreements: &'a Changes<'a, Dis>,
    shared_claims: &'a Changes<'a, SharedClaim>,
}

/// One section of the Markdown: a title, the lines that open it (a table
/// header) and its items, each one line or a few.
struct Section {
    title: &'static str,
    what: &'static str,
    head: &'static str,
    items: Vec<String>,
}

fn diff_sides(old: &Side, new: &Side, max_bytes: Option<usize>) -> DiffSummary {
    let dis = Changes::of(match_disagreements(&old.disagreements, &new.disagreements));
    let claims = Changes::of(match_claims(&old.claims, &new.claims));
    let worst_new = dis
        .new
        .iter()
        .copied()
        .chain(dis.changed.iter().map(|c| c.new))
        .filter(|d| d.verdict != "update")
        .map(|d| d.severity)
        .min();
    let json = serde_json::to_string_pretty(&DiffJson {
        schema: "crossclaim-diff",
        version: DIFF_JSON_VERSION,
        disagreements: &dis,
        shared_claims: &claims,
    })
    .map(|j| j + "\n")
    .unwrap_or_default();
    let mut head = String::from("## crossclaim report changes\n\n");
    let _ = writeln!(
        head,
        "Disagreements: {} new, {} resolved, {} changed. Shared claims: {} new, {} no longer shared, {} changed.\n",
        dis.new.len(),
        dis.gone.len(),
        dis.changed.len(),
        claims.new.len(),
        claims.gone.len(),
        claims.changed.len()
    );
    let table = "| story | id | kind | measure | figure A | figure B | gap |\n|---|---|---|---|---|---|---:|\n";
    let sections = [
        Section {
            title: "New disagreements",
            what: "new disagreements",
            head: table,
            items: dis.new.iter().map(|d| d.line()).collect(),
        },
        Section {
            title: "Resolved disagreements",
            what: "resolved disagreements",
            head: table,
            items: dis.gone.iter().map(|d| d.line()).collect(),
        },
        Section {
            title: "Changed disagreements",
            what: "changed disagreements",
            head: table,
            items: dis
                .changed
                .iter()
                .map(|c| {
                    format!(
                        "{}\n{}",
                        c.old.line().replacen("| ", "| was: ", 1),
                        c.new.line()
                    )
                })
                .collect(),
        },
        Section {
            title: "New shared claims",
            what: "new shared claims",
            head: "",
            items: claims.new.iter().map(|c| claim_item(c, "")).collect(),
        },
        Section {
            title: "Claims no longer shared",
            what: "claims no longer shared",
            head: "",
            items: claims.gone.iter().map(|c| claim_item(c, "")).collect(),
        },
        Section {
            title: "Changed claims",
            what: "changed claims",
            head: "",
            items: claims
                .changed
                .iter()
                .map(|c| {
                    claim_item(
                        c.new,
                        &format!(" (was {} outlets, {})", c.old.outlets, c.old.id),
                    )
                })
                .collect(),
        },
    ];
    let mut md = render(&head, &sections, max_bytes.unwrap_or(usize::MAX));
    if dis.is_empty() && claims.is_empty() {
        md.push_str("No change in disagreements or shared claims.\n");
    }
    DiffSummary {
        markdown: md,
        json,
        worst_new,
    }
}

/// The room kept at the end of a cut comment for the note that says what was cut.
const CUT_NOTE_ROOM: usize = 1024;

/// The Markdown: the head, then each section's items while they fit in
/// `max_bytes`; when some do not, a closing note counts what was left out.
fn render(head: &str, sections: &[Section], max_bytes: usize) -> String {
    let whole = render_within(head, sections, usize::MAX, max_bytes);
    if whole.len() <= max_bytes {
        return whole;
    }
    render_within(
        head,
        sections,
        max_bytes.saturating_sub(CUT_NOTE_ROOM),
        max_bytes,
    )
}

fn render_within(head: &str, sections: &[Section], budget: usize, max_bytes: usize) -> String {
    let mut md = String::from(head);
    let mut cut: Vec<String> = Vec::new();
    for s in sections.iter().filter(|s| !s.items.is_empty()) {
        let opening = format!("### {}\n\n{}", s.title, s.head);
        let mut shown = 0;
        let mut body = String::new();
        for item in &s.items {
            let need = md.len() + opening.len() + body.len() + item.len() + 2;
            if need > budget {
                break;
            }
            body.push_str(item);
            body.push('\n');
            shown += 1;
        }
        if shown > 0 {
            md.push_str(&opening);
            md.push_str(&body);
            md.push('\n');
        }
        if shown < s.items.len() {
            cut.push(format!(
                "{} of {} {}",
                s.items.len() - shown,
                s.items.len(),
                s.what
            ));
        }
    }
    if !cut.is_empty() {
        let _ = writeln!(
            md,
            "_Cut to fit {max_bytes} bytes: left out {}. Run `crossclaim diff` on the two report \
             folders for every change, or `--format json`._",
            cut.join(", ")
        );
    }
    md
}

type Matched<'a, T> = (Vec<&'a T>, Vec<&'a T>, Vec<(&'a T, &'a T)>);

/// Splits into (new, resolved, changed): same id and same content is unchanged;
/// same id or same topic with different content is changed.
fn match_disagreements<'a>(old: &'a [Dis], new: &'a [Dis]) -> Matched<'a, Dis> {
    let mut old_by_id: BTreeMap<&str, &Dis> = old.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut unmatched_new = Vec::new();
    let mut changed = Vec::new();
    for d in new {
        match old_by_id.remove(d.id.as_str()) {
            Some(o) if o != d => changed.push((o, d)),
            Some(_) => {}
            None => unmatched_new.push(d),
        }
    }
    let mut old_by_topic: BTreeMap<_, Vec<&Dis>> = BTreeMap::new();
    for o in old_by_id.into_values() {
        old_by_topic.entry(o.topic()).or_default().push(o);
    }
    let mut added = Vec::new();
    for d in unmatched_new {
        match old_by_topic.get_mut(&d.topic()).and_then(Vec::pop) {
            Some(o) => changed.push((o, d)),
            None => added.push(d),
        }
    }
    let resolved = old_by_topic.into_values().flatten().collect();
    (added, resolved, changed)
}

/// Splits shared claims into (new, no longer shared, changed): a claim whose id
/// is gone but that shares a member sentence with a new one has changed members.
fn match_claims<'a>(old: &'a [SharedClaim], new: &'a [SharedClaim]) -> Matched<'a, SharedClaim> {
    let old_ids: BTreeMap<&str, &SharedClaim> = old.iter().map(|c| (c.id.as_str(), c)).collect();
    let new_ids: BTreeMap<&str, &SharedClaim> = new.iter().map(|c| (c.id.as_str(), c)).collect();
    let gone: Vec<&SharedClaim> = old
        .iter()
        .filter(|c| !new_ids.contains_key(c.id.as_str()))
        .collect();
    let mut taken = vec![false; gone.len()];
    let (mut added, mut changed) = (Vec::new(), Vec::new());
    for c in new.iter().filter(|c| !old_ids.contains_key(c.id.as_str())) {
        let overlap = |o: &SharedClaim| o.members.iter().filter(|m| c.members.contains(m)).count();
        // The old claim with the most sentences in common; the first one on a tie.
        let best = gone
            .iter()
            .enumerate()
            .filter(|(i, o)| !taken[*i] && o.story == c.story && overlap(o) > 0)
            .max_by(|(i, a), (j, b)| overlap(a).cmp(&overlap(b)).then(j.cmp(i)));
        match best {
            Some((i, o)) => {
                taken[i] = true;
                changed.push((*o, c));
            }
            None => added.push(c),
        }
    }
    let no_longer = gone
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(c, _)| c)
        .collect();
    (added, no_longer, changed)
}

fn claim_item(c: &SharedClaim, note: &str) -> String {
    let mut item = format!(
        "- `{}` {} ({} outlets){note}",
        cell(&c.story).replace('`', "'"),
        c.id,
        c.outlets
    );
    for m in &c.members {
        let _ = write!(item, "\n  - {}", cell(m));
    }
    item
}

fn cell(s: &str) -> String {
    super::markdown::cell(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dis(id: &str, measure: &str, figure_b: &str, severity: Severity) -> Dis {
        Dis {
            id: id.into(),
            story: "s".into(),
            verdict: "disagreement".into(),
            severity,
            measure: measure.into(),
            outlet_a: "a".into(),
            figure_a: "10".into(),
            outlet_b: "b".into(),
            figure_b: figure_b.into(),
            gap: 0.5,
        }
    }

    fn claim(id: &str, members: &[&str]) -> SharedClaim {
        SharedClaim {
            id: id.into(),
            story: "s".into(),
            outlets: members.len(),
            members: members.iter().map(|m| m.to_string()).collect(),
        }
    }

    fn side(disagreements: Vec<Dis>, claims: Vec<SharedClaim>) -> Side {
        Side {
            disagreements,
            claims,
        }
    }

    #[test]
    fn an_updated_figure_for_the_same_measure_is_a_change() {
        let old = side(vec![dis("d1", "deaths", "20", Severity::Major)], vec![]);
        let new = side(vec![dis("d2", "deaths", "25", Severity::Major)], vec![]);
        let d = diff_sides(&old, &new, None);
        assert!(
            d.markdown.contains("0 new, 0 resolved, 1 changed"),
            "{}",
            d.markdown
        );
        assert!(d.markdown.contains("| was: s | d1 |"));
        assert_eq!(d.worst_new, Some(Severity::Major));
    }

    #[test]
    fn other_measures_are_new_and_resolved() {
        let old = side(vec![dis("d1", "deaths", "20", Severity::Major)], vec![]);
        let new = side(vec![dis("d2", "injured", "11", Severity::Minor)], vec![]);
        let d = diff_sides(&old, &new, None);
        assert!(d.markdown.contains("1 new, 1 resolved, 0 changed"));
        assert_eq!(d.worst_new, Some(Severity::Minor));
    }

    #[test]
    fn a_claim_that_gains_a_member_has_changed() {
        let old = side(vec![], vec![claim("c1", &["a: x", "b: x"])]);
        let new = side(
            vec![],
            vec![
                claim("c2", &["a: x", "b: x", "c: x"]),
                claim("c3", &["a: y", "b: y"]),
            ],
        );
        let d = diff_sides(&old, &new, None);
        assert!(
            d.markdown
                .contains("Shared claims: 1 new, 0 no longer shared, 1 changed")
        );
        assert!(d.markdown.contains("(3 outlets) (was 2 outlets, c1)"));
        assert_eq!(d.worst_new, None);
    }

    #[test]
    fn a_long_diff_is_cut_to_its_budget_and_says_what_was_left_out() {
        let old = side(vec![], vec![]);
        let many = (0..500)
            .map(|i| {
                dis(
                    &format!("d{i}"),
                    &format!("measure {i}"),
                    "20",
                    Severity::Minor,
                )
            })
            .collect();
        let new = side(many, vec![claim("c1", &["a: x", "b: x"])]);
        let d = diff_sides(&old, &new, Some(4096));
        assert!(d.markdown.len() <= 4096, "{}", d.markdown.len());
        assert!(
            d.markdown
                .contains("Disagreements: 500 new, 0 resolved, 0 changed.")
        );
        let shown = d.markdown.matches("| s | d").count();
        assert!(shown > 10 && shown < 500, "{shown}");
        let note = format!(
            "left out {} of 500 new disagreements, 1 of 1 new shared claims.",
            500 - shown
        );
        assert!(d.markdown.contains(&note), "{}", d.markdown);
        // JSON holds every change, whatever the budget.
        let json: serde_json::Value = serde_json::from_str(&d.json).expect("json");
        assert_eq!(json["schema"], "crossclaim-diff");
        assert_eq!(
            json["disagreements"]["new"].as_array().map(Vec::len),
            Some(500)
        );
        assert_eq!(json["disagreements"]["new"][0]["severity"], "minor");
        assert_eq!(json["shared_claims"]["new"][0]["id"], "c1");
        // A diff that fits is not cut.
        let whole = diff_sides(&old, &new, None).markdown;
        assert_eq!(diff_sides(&old, &new, Some(whole.len())).markdown, whole);
        assert!(!whole.contains("Cut to fit"));
    }

    #[test]
    fn identical_reports_have_no_changes() {
        let make = || {
            side(
                vec![dis("d1", "deaths", "20", Severity::Minor)],
                vec![claim("c1", &["a: x", "b: x"])],
            )
        };
        let d = diff_sides(&make(), &make(), None);
        assert!(
            d.markdown
                .ends_with("No change in disagreements or shared claims.\n")
        );
        assert_eq!(d.worst_new, None);
    }
}
