//! `crossclaim diff OLD_DIR NEW_DIR`: what changed between two report folders,
//! in Markdown for a pull-request comment. It reads only `report.json`, so it
//! works on reports from any older run; disagreements and shared claims are
//! matched by their content ids first, then by what they are about, so that an
//! updated figure shows as "changed" rather than as one resolved and one new.

mod load;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use anyhow::Result;

use crate::model::Severity;

/// A disagreement as the diff shows it, resolved from the indices in the JSON.
#[derive(Clone, PartialEq)]
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
#[derive(Clone)]
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
    /// The worst severity among disagreements that are new or changed (updates excluded).
    pub worst_new: Option<Severity>,
}

/// Compares the `report.json` of two report folders.
pub fn diff_dirs(old: &Path, new: &Path) -> Result<DiffSummary> {
    Ok(diff_sides(&load::load(old)?, &load::load(new)?))
}

fn diff_sides(old: &Side, new: &Side) -> DiffSummary {
    let (added, resolved, changed) = match_disagreements(&old.disagreements, &new.disagreements);
    let (new_claims, gone_claims, changed_claims) = match_claims(&old.claims, &new.claims);
    let worst_new = added
        .iter()
        .copied()
        .chain(changed.iter().map(|(_, n)| *n))
        .filter(|d| d.verdict != "update")
        .map(|d| d.severity)
        .min();
    let mut md = String::from("## crossclaim report changes\n\n");
    let _ = writeln!(
        md,
        "Disagreements: {} new, {} resolved, {} changed. Shared claims: {} new, {} no longer shared, {} changed.\n",
        added.len(),
        resolved.len(),
        changed.len(),
        new_claims.len(),
        gone_claims.len(),
        changed_claims.len()
    );
    let header = "| story | id | kind | measure | figure A | figure B | gap |\n|---|---|---|---|---|---|---:|\n";
    let mut table = |title: &str, rows: Vec<String>| {
        if !rows.is_empty() {
            let _ = writeln!(md, "### {title}\n\n{header}{}\n", rows.join("\n"));
        }
    };
    table(
        "New disagreements",
        added.iter().map(|d| d.line()).collect(),
    );
    table(
        "Resolved disagreements",
        resolved.iter().map(|d| d.line()).collect(),
    );
    table(
        "Changed disagreements",
        changed
            .iter()
            .flat_map(|(o, n)| [o.line().replacen("| ", "| was: ", 1), n.line()])
            .collect(),
    );
    let mut list = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            let _ = writeln!(md, "### {title}\n\n{}\n", items.join("\n"));
        }
    };
    list(
        "New shared claims",
        new_claims.iter().map(|c| claim_item(c, "")).collect(),
    );
    list(
        "Claims no longer shared",
        gone_claims.iter().map(|c| claim_item(c, "")).collect(),
    );
    list(
        "Changed claims",
        changed_claims
            .iter()
            .map(|(o, n)| claim_item(n, &format!(" (was {} outlets, {})", o.outlets, o.id)))
            .collect(),
    );
    if added.is_empty()
        && resolved.is_empty()
        && changed.is_empty()
        && new_claims.is_empty()
        && gone_claims.is_empty()
        && changed_claims.is_empty()
    {
        md.push_str("No change in disagreements or shared claims.\n");
    }
    DiffSummary {
        markdown: md,
        worst_new,
    }
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
        let d = diff_sides(&old, &new);
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
        let d = diff_sides(&old, &new);
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
        let d = diff_sides(&old, &new);
        assert!(
            d.markdown
                .contains("Shared claims: 1 new, 0 no longer shared, 1 changed")
        );
        assert!(d.markdown.contains("(3 outlets) (was 2 outlets, c1)"));
        assert_eq!(d.worst_new, None);
    }

    #[test]
    fn identical_reports_have_no_changes() {
        let make = || {
            side(
                vec![dis("d1", "deaths", "20", Severity::Minor)],
                vec![claim("c1", &["a: x", "b: x"])],
            )
        };
        let d = diff_sides(&make(), &make());
        assert!(
            d.markdown
                .ends_with("No change in disagreements or shared claims.\n")
        );
        assert_eq!(d.worst_new, None);
    }
}
