//! The corpus index: `report.html` of a run with several stories is a table of
//! stories, the most major disagreements first, each linked to its own page
//! under `stories/`. The index holds a row per story and no story text, so it
//! stays small (about 300 bytes a story) however long the stories are.

use std::fmt::Write;
use std::io;

use rustc_hash::FxHashSet;

use super::card::rank;
use super::escape;
use crate::model::{Skipped, StoryReport};
use crate::report::Totals;

/// What the index says of one story.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    /// The first title among its articles (by outlet), to tell stories
    /// named by number apart.
    pub title: Option<String>,
    /// The file name of its page, without `.html` (see `Slugs`).
    pub slug: String,
    pub major: usize,
    pub minor: usize,
    pub updates: usize,
    pub articles: usize,
    pub outlets: usize,
    pub shared: usize,
    /// The measure and gap of its widest disagreement (updates aside).
    pub widest: Option<(String, f64)>,
}

impl Entry {
    pub fn of(story: &StoryReport, slug: String) -> Self {
        let mut counts = [0usize; 3];
        let mut widest: Option<(&str, f64)> = None;
        for d in &story.disagreements {
            let r = rank(d);
            counts[usize::from(r)] += 1;
            if r < 2 && widest.is_none_or(|(_, gap)| d.relative_difference > gap) {
                widest = Some((&d.measure, d.relative_difference));
            }
        }
        let mut outlets: Vec<&str> = story
            .story
            .articles
            .iter()
            .map(|a| a.outlet.as_str())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let title = story
            .story
            .articles
            .iter()
            .find_map(|a| a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()))
            .map(|t| shortened(t, 90));
        Self {
            name: story.story.name.clone(),
            title,
            slug,
            major: counts[0],
            minor: counts[1],
            updates: counts[2],
            articles: story.story.articles.len(),
            outlets: outlets.len(),
            shared: story.claims.iter().filter(|c| c.outlets > 1).count(),
            widest: widest.map(|(m, gap)| (m.to_owned(), gap)),
        }
    }

    /// The page of the story, from `report.html`.
    pub fn href(&self) -> String {
        format!("{}/{}.html", crate::report::STORY_PAGES, self.slug)
    }
}

/// `text` cut at a word to at most about `most` characters, with an ellipsis.
fn shortened(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let cut: String = text.chars().take(most).collect();
    let at = cut
        .rfind(' ')
        .filter(|&i| i > most / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// The order of the index: most major disagreements first, then most minor,
/// then most updates, ties in name order (`entries` come in name order).
pub fn order(entries: &[Entry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| {
        let e = &entries[i];
        (std::cmp::Reverse((e.major, e.minor, e.updates)), i)
    });
    order
}

/// File names for story pages, one per story name, safe on every file system
/// and in a URL. A name that is already a safe lowercase name is kept
/// ("valley-floods"); any other gets a readable part and a hash of the name
/// ("Élection 2024" -> "lection-2024~74ca859f"), the `~` setting it apart from
/// every kept name. Names come in story order, so a clash (two hashes alike)
/// is settled the same way in every run.
#[derive(Default)]
pub struct Slugs {
    taken: FxHashSet<String>,
}

impl Slugs {
    pub fn slug(&mut self, name: &str) -> String {
        let base = if is_plain(name) {
            name.to_owned()
        } else {
            let mut readable = String::new();
            for c in name.chars() {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_alphanumeric() {
                    readable.push(c);
                } else if !readable.is_empty() && !readable.ends_with('-') {
                    readable.push('-');
                }
                if readable.len() >= 40 {
                    break;
                }
            }
            let readable = readable.trim_end_matches('-');
            let hash = crate::merge::fnv1a(name.as_bytes()) as u32;
            format!("{readable}~{hash:08x}")
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !self.taken.insert(slug.clone()) {
            slug = format!("{base}~{n}");
            n += 1;
        }
        slug
    }
}

/// Whether a story name can be its page's file name as it is: lowercase ASCII
/// letters, digits, `-` and `_`, 1 to 80 of them, no name Windows reserves.
fn is_plain(name: &str) -> bool {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let reserved = RESERVED.contains(&name)
        || ((name.starts_with("com") || name.starts_with("lpt"))
            && name.len() == 4
            && name.ends_with(|c: char| c.is_ascii_digit()));
    (1..=80).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !reserved
}

/// Whether `name` is a file name `Slugs` gives, with `.html`: the only names
/// crossclaim writes, reads back or removes in the story pages folder.
pub fn is_page_file(name: &str) -> bool {
    name.strip_suffix(".html").is_some_and(|slug| {
        (1..=100).contains(&slug.len())
            && slug.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'~')
            })
    })
}

/// Writes the index page: counts, the table of stories in `order`, skipped
/// inputs. Row by row, so that memory does not grow with the page.
pub fn page(
    w: &mut impl io::Write,
    totals: &Totals,
    entries: &[Entry],
    order: &[usize],
    skipped: &[Skipped],
) -> io::Result<()> {
    let mut h = super::document_head("crossclaim report");
    let with = entries
        .iter()
        .filter(|e| e.major + e.minor + e.updates > 0)
        .count();
    let _ = writeln!(
        h,
        "<h1>crossclaim report</h1>\n<p class=\"muted\">{}</p>\n\
         <p>{} of {} stories have disagreements. Stories with the most major disagreements come first, \
         then the most minor; each opens on its own page.</p>",
        totals.line(),
        with,
        entries.len()
    );
    h.push_str(
        "<table class=\"index\"><thead><tr><th>Story</th><th class=\"n\">Major</th>\
         <th class=\"n\">Minor</th><th class=\"n\">Updates</th><th class=\"n wide\">Articles</th>\
         <th class=\"n wide\">Shared claims</th><th class=\"wide\">Widest gap</th></tr></thead>\n<tbody>\n",
    );
    w.write_all(h.as_bytes())?;
    for &i in order {
        h.clear();
        row(&mut h, &entries[i]);
        w.write_all(h.as_bytes())?;
    }
    w.write_all(b"</tbody></table>\n")?;
    w.write_all(super::tail(skipped).as_bytes())
}

fn row(h: &mut String, e: &Entry) {
    let n = |count: usize| {
        if count == 0 {
            "<td class=\"n zero\">0</td>".to_owned()
        } else {
            format!("<td class=\"n\">{count}</td>")
        }
    };
    let widest = e.widest.as_ref().map_or(String::new(), |(measure, gap)| {
        format!(
            "{} <span class=\"muted\">{:.0}%</span>",
            escape(measure),
            gap * 100.0
        )
    });
    let title = e.title.as_ref().map_or(String::new(), |t| {
        format!("<div class=\"muted\">{}</div>", escape(t))
    });
    let outlets = if e.outlets == e.articles {
        String::new()
    } else {
        format!(" <span class=\"muted\">({} outlets)</span>", e.outlets)
    };
    let _ = writeln!(
        h,
        "<tr><td><a href=\"{}\">{}</a>{title}</td>{}{}{}<td class=\"n wide\">{}{outlets}</td>\
         <td class=\"n wide\">{}</td><td class=\"wide\">{widest}</td></tr>",
        escape(&e.href()),
        escape(&e.name),
        n(e.major),
        n(e.minor),
        n(e.updates),
        e.articles,
        e.shared,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, major: usize, minor: usize, updates: usize) -> Entry {
        Entry {
            name: name.to_owned(),
            title: None,
            slug: name.to_owned(),
            major,
            minor,
            updates,
            articles: 2,
            outlets: 2,
            shared: 0,
            widest: None,
        }
    }

    #[test]
    fn stories_with_the_most_major_disagreements_come_first() {
        let entries = [
            entry("a", 0, 5, 0),
            entry("b", 2, 0, 0),
            entry("c", 0, 0, 0),
            entry("d", 2, 1, 0),
            entry("e", 0, 5, 1),
        ];
        assert_eq!(order(&entries), [3, 1, 4, 0, 2]);
    }

    #[test]
    fn slugs_keep_plain_names_and_hash_the_others() {
        let mut slugs = Slugs::default();
        assert_eq!(slugs.slug("valley-floods"), "valley-floods");
        let other = slugs.slug("Élection 2024 / Paris");
        assert!(other.starts_with("lection-2024-paris~"), "{other}");
        assert!(is_page_file(&format!("{other}.html")));
        assert_eq!(slugs.slug("Élection 2024"), "lection-2024~74ca859f");
        assert!(slugs.slug("con").starts_with("con~"));
        assert!(slugs.slug("../etc").starts_with("etc~"));
        assert!(slugs.slug("").starts_with('~'));
    }

    #[test]
    fn a_clash_gets_a_number() {
        let mut slugs = Slugs::default();
        assert_eq!(slugs.slug("b"), "b");
        assert_eq!(slugs.slug("b"), "b~2");
        assert_eq!(slugs.slug("b"), "b~3");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(shortened("Short title", 90), "Short title");
        let long = "word ".repeat(30);
        let cut = shortened(long.trim(), 20);
        assert_eq!(cut, "word word word word…");
    }

    #[test]
    fn only_page_names_are_page_files() {
        assert!(is_page_file("valley-floods.html"));
        assert!(!is_page_file("../report.html"));
        assert!(!is_page_file("notes.txt"));
        assert!(!is_page_file(".html"));
        assert!(!is_page_file("Mine.html"));
    }
}
