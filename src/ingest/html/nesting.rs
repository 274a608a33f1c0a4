//! Bounds the nesting of an HTML page before it reaches the parser. The HTML
//! dependency recurses with the depth of the tree and spends time quadratic in
//! it: 15,000 nested `<div>`s overflow the stack and 8,000 take half a minute.
//!
//! One pass over the page follows the HTML tree builder closely enough to never
//! count less depth than it would build (implied end tags, end tags stopped by
//! scope, formatting elements that the builder reopens), and drops the start
//! and end tags of elements that would open deeper than `MAX_DEPTH`: their text
//! stays, one level up (a block element leaves a line break). A page with more
//! than `MAX_ELEMENTS` elements is refused. Pages within both bounds pass
//! through untouched.

use std::borrow::Cow;

use super::tags::{
    BUTTON_SCOPE, TABLE_SCOPE, closes_paragraph, find_byte, is_block, is_formatting, is_marker,
    is_raw_text, is_special, is_void, markup_end, raw_text_end, stops_end_tag, tag,
};

/// Deepest nesting handed to the parser. News pages nest 20 to 60 deep. The
/// parser's time grows with elements times depth (a chain 256 deep takes 16 ms,
/// 128 deep 4 ms), and its recursion stays far inside a worker's stack.
pub const MAX_DEPTH: usize = 128;

/// Most elements in one page (a long news page has a few thousand). With the
/// depth bound, this bounds the time one page can take.
pub const MAX_ELEMENTS: usize = 200_000;

/// Elements an end tag searches down the stack before giving up.
const MAX_SEARCH: usize = 512;

/// The page, flattened where it nests deeper than `MAX_DEPTH`, or why it is refused.
pub fn bound(html: &str) -> Result<Cow<'_, str>, String> {
    let mut scan = Scan::new(html);
    scan.run()?;
    Ok(scan.finish())
}

struct Open {
    name: String,
    id: usize,
    /// Left out of the page: opened beyond `MAX_DEPTH`.
    dropped: bool,
}

/// An element of the tree builder's list of active formatting elements
/// (`<b>`, `<font>`, ...): closed implicitly, it is reopened before the next
/// content, so it counts towards the depth until its end tag.
struct Active {
    name: String,
    id: usize,
    open: bool,
}

struct Scan<'a> {
    html: &'a str,
    at: usize,
    stack: Vec<Open>,
    active: Vec<Active>,
    /// Elements on the stack that are not dropped.
    live: usize,
    /// Active formatting elements no longer on the stack.
    reopened: usize,
    elements: usize,
    /// Start and end tags seen.
    tags: usize,
    /// Open `svg` and `math` elements: inside them no element is raw text.
    foreign: usize,
    /// The greatest depth reached.
    deepest: usize,
    next_id: usize,
    /// The flattened page, up to `copied` of the original.
    out: String,
    copied: usize,
}

impl<'a> Scan<'a> {
    fn new(html: &'a str) -> Self {
        Self {
            html,
            at: 0,
            stack: Vec::new(),
            active: Vec::new(),
            live: 0,
            reopened: 0,
            elements: 0,
            tags: 0,
            foreign: 0,
            deepest: 0,
            next_id: 0,
            out: String::new(),
            copied: 0,
        }
    }

    fn finish(mut self) -> Cow<'a, str> {
        if self.copied == 0 {
            return Cow::Borrowed(self.html);
        }
        self.out.push_str(&self.html[self.copied..]);
        Cow::Owned(self.out)
    }

    /// Replaces `start..end` of the page with `with`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        self.out.push_str(&self.html[self.copied..start]);
        self.out.push_str(with);
        self.copied = end;
    }

    fn depth(&self) -> usize {
        self.live + self.reopened
    }

    /// Counts a tag; a page of more tags than elements allow is refused (each
    /// end tag may search the stack, so their number bounds the time too).
    fn count_tag(&mut self) -> Result<(), String> {
        self.tags += 1;
        if self.tags > 4 * MAX_ELEMENTS {
            return Err(format!(
                "the HTML has more than {} tags (a news page has a few thousand): not read",
                4 * MAX_ELEMENTS
            ));
        }
        Ok(())
    }

    fn run(&mut self) -> Result<(), String> {
        let bytes = self.html.as_bytes();
        while let Some(lt) = find_byte(bytes, b'<', self.at) {
            self.at = lt + 1;
            match bytes.get(lt + 1) {
                Some(b'!') => self.at = markup_end(bytes, lt),
                Some(b'?') => self.at = find_byte(bytes, b'>', lt).map_or(bytes.len(), |e| e + 1),
                Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                    let (name, end) = tag(bytes, lt + 2);
                    self.at = end;
                    self.count_tag()?;
                    self.end_tag(&name, lt, end);
                }
                Some(b'/') => {
                    self.at = find_byte(bytes, b'>', lt).map_or(bytes.len(), |e| e + 1);
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, end) = tag(bytes, lt + 1);
                    self.at = end;
                    if !self.start_tag(name, lt, end)? {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Handles a start tag spanning `start..end`; false when the rest of the
    /// page is text (`<plaintext>`).
    fn start_tag(&mut self, name: String, start: usize, end: usize) -> Result<bool, String> {
        self.count_tag()?;
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            return Err(format!(
                "the HTML has more than {MAX_ELEMENTS} elements (a news page has a few thousand): not read"
            ));
        }
        if is_void(&name) || matches!(name.as_str(), "html" | "head" | "body") {
            return Ok(true);
        }
        self.implied_ends(&name);
        if name == "a" && self.active.iter().any(|a| a.name == "a") {
            self.close("a", false);
        }
        let dropped = self.depth() >= MAX_DEPTH;
        if dropped {
            self.replace(start, end, if is_block(&name) { "<br>" } else { "" });
        }
        let id = self.next_id;
        self.next_id += 1;
        if !dropped {
            self.live += 1;
            self.deepest = self.deepest.max(self.depth());
            if matches!(name.as_str(), "svg" | "math") {
                self.foreign += 1;
            }
            if is_formatting(&name) {
                self.active.push(Active {
                    name: name.clone(),
                    id,
                    open: true,
                });
            }
        }
        let raw = is_raw_text(&name) && self.foreign == 0;
        let plaintext = name == "plaintext";
        self.stack.push(Open { name, id, dropped });
        if plaintext {
            return Ok(false);
        }
        if raw {
            // The text of a script or style is no article text: when its element
            // is dropped, so is the text.
            let bytes = self.html.as_bytes();
            let close = raw_text_end(bytes, self.at, &self.stack[self.stack.len() - 1].name);
            if dropped {
                self.replace(self.at, close, "");
            }
            self.at = close;
        }
        Ok(true)
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        if is_void(name) || matches!(name, "html" | "head" | "body") {
            return;
        }
        if let Some(dropped) = self.close(name, true) {
            if dropped {
                self.replace(start, end, "");
            }
        } else if let Some(i) = self.active.iter().rposition(|a| a.name == name && !a.open) {
            // A formatting element closed before its end tag stops being reopened.
            self.active.remove(i);
            self.reopened -= 1;
        }
    }

    /// Closes the nearest open `name` that the tree builder would reach from
    /// the current node (scope rules); returns whether it was dropped, or None
    /// when the end is ignored. With `ended`, it is closed by its own end tag.
    fn close(&mut self, name: &str, ended: bool) -> Option<bool> {
        let k = self.find_where(|n| n == name, |node| stops_end_tag(node, name))?;
        let dropped = self.stack[k].dropped;
        self.pop_to(k, ended);
        Some(dropped)
    }

    /// The nearest open element that is `wanted`, searching down from the
    /// current node and stopping at one that `stops`. The search gives up after
    /// `MAX_SEARCH` elements, as if it had stopped: a tag it gives up on is
    /// ignored, which can only count more depth, never less.
    fn find_where(
        &self,
        wanted: impl Fn(&str) -> bool,
        stops: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        for (k, open) in self.stack.iter().enumerate().rev().take(MAX_SEARCH) {
            if wanted(&open.name) {
                return Some(k);
            }
            if stops(&open.name) {
                return None;
            }
        }
        None
    }

    /// Pops the stack down to (and with) entry `k`. With `ended`, entry `k` was
    /// closed by its own end tag and leaves the active list; every element
    /// closed on the way stays there, to be reopened.
    fn pop_to(&mut self, k: usize, ended: bool) {
        while self.stack.len() > k {
            let Some(open) = self.stack.pop() else {
                break;
            };
            if open.dropped {
                continue;
            }
            self.live -= 1;
            if matches!(open.name.as_str(), "svg" | "math") {
                self.foreign -= 1;
            }
            if is_formatting(&open.name)
                && let Some(i) = self.active.iter().rposition(|a| a.id == open.id)
            {
                if ended && self.stack.len() == k {
                    self.active.remove(i);
                } else {
                    self.active[i].open = false;
                    self.reopened += 1;
                }
            }
            if is_marker(&open.name) {
                // Formatting elements opened inside a cell stay inside it.
                while self.active.last().is_some_and(|a| a.id > open.id) {
                    if let Some(a) = self.active.pop()
                        && !a.open
                    {
                        self.reopened -= 1;
                    }
                }
            }
        }
    }

    /// The end tags a start tag implies: a new paragraph, list item or cell
    /// closes the open one.
    fn implied_ends(&mut self, name: &str) {
        if closes_paragraph(name)
            && let Some(k) = self.find_where(|n| n == "p", |n| BUTTON_SCOPE.contains(&n))
        {
            self.pop_to(k, false);
        }
        // A list item closes the open one it reaches past anything but special
        // elements (address, div and p aside).
        let list_scope = |n: &str| is_special(n) && !matches!(n, "address" | "div" | "p");
        let found = match name {
            "li" => self.find_where(|n| n == "li", list_scope),
            "dd" | "dt" => self.find_where(|n| matches!(n, "dd" | "dt"), list_scope),
            "td" | "th" => self.find_where(
                |n| matches!(n, "td" | "th"),
                |n| {
                    matches!(
                        n,
                        "tr" | "table" | "tbody" | "thead" | "tfoot" | "html" | "template"
                    )
                },
            ),
            "tr" => self.find_where(|n| n == "tr", |n| TABLE_SCOPE.contains(&n)),
            "tbody" | "thead" | "tfoot" => self.find_where(
                |n| matches!(n, "tbody" | "thead" | "tfoot"),
                |n| matches!(n, "table" | "html" | "template"),
            ),
            // These close only the current node.
            "option" | "optgroup" => self.current("option"),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => ["h1", "h2", "h3", "h4", "h5", "h6"]
                .iter()
                .find_map(|h| self.current(h)),
            _ => None,
        };
        if let Some(k) = found {
            self.pop_to(k, false);
        }
    }

    /// The current node's index when it is named `name`.
    fn current(&self, name: &str) -> Option<usize> {
        let k = self.stack.len().checked_sub(1)?;
        (self.stack[k].name == name).then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The greatest depth the scan counts on a page.
    fn deepest(html: &str) -> usize {
        let mut scan = Scan::new(html);
        scan.run().unwrap();
        scan.deepest
    }

    #[test]
    fn a_page_within_the_bounds_passes_unchanged() {
        let html = "<html><body><div><p>One.<p>Two.<ul><li>a<li>b</ul></div></body></html>";
        assert!(matches!(bound(html), Ok(Cow::Borrowed(_))));
        assert_eq!(deepest(html), 3);
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        let n = 20_000;
        let html = format!(
            "<body>{}<p>The dam held.</p>{}</body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let flat = bound(&html).unwrap();
        assert!(flat.contains("The dam held."));
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_do_not_count_as_depth() {
        let html = format!(
            "<div>{}</div><ul>{}</ul>",
            "<p>Text.".repeat(1000),
            "<li>Item".repeat(1000)
        );
        assert!(matches!(bound(&html), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn end_tags_stopped_by_a_table_do_not_lower_the_depth() {
        // `</div>` cannot reach past an open table cell: every round nests deeper.
        let html = "<div><table><tr><td></div>".repeat(200);
        let flat = bound(&html).unwrap();
        assert!(matches!(flat, Cow::Owned(_)));
    }

    #[test]
    fn formatting_elements_closed_implicitly_still_count() {
        // The tree builder reopens every <b> in each new paragraph.
        let mut html = String::from("<p>");
        for i in 0..1000 {
            html.push_str(&format!("<b class=c{i}>"));
        }
        html.push_str(&"</p><p>x".repeat(3));
        let flat = bound(&html).unwrap();
        assert!(
            flat.matches("<b ").count() <= MAX_DEPTH,
            "{}",
            flat.matches("<b ").count()
        );
    }

    #[test]
    fn a_list_item_does_not_close_one_past_a_heading() {
        // <li><h1><li>: the tree builder nests the second item in the heading.
        assert_eq!(deepest(&"<ul><li><h1>".repeat(3)), 9);
    }

    #[test]
    fn inside_svg_a_title_is_no_raw_text() {
        let html = format!(
            "<svg><title>{}</title></svg>",
            "<div>".repeat(MAX_DEPTH + 5)
        );
        assert!(matches!(bound(&html).unwrap(), Cow::Owned(_)));
    }

    #[test]
    fn comments_and_scripts_hide_no_tags() {
        let html = format!("<!-- x --!>{}", "<div>".repeat(MAX_DEPTH + 5));
        assert!(matches!(bound(&html).unwrap(), Cow::Owned(_)));
        let html = format!("<script>{}</script>", "<div>".repeat(MAX_DEPTH + 5));
        assert!(matches!(bound(&html).unwrap(), Cow::Borrowed(_)));
        let html = format!("<div a=\"x>\" b='>'>{}", "<div>".repeat(MAX_DEPTH + 5));
        assert!(matches!(bound(&html).unwrap(), Cow::Owned(_)));
    }

    #[test]
    fn comments_ending_in_bang_are_each_read_once() {
        // Found by the html fuzz target: looking for `-->` and `--!>` in turn
        // crossed the rest of the page once per comment.
        let html = "<!-- a comment --!>".repeat(20_000);
        assert!(matches!(bound(&html), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn refuses_a_page_of_too_many_elements() {
        let html = "<span>x</span>".repeat(MAX_ELEMENTS + 1);
        assert!(bound(&html).unwrap_err().contains("elements"));
    }
}
