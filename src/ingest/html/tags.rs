//! The element tables and tokenizer steps that `nesting` follows: which
//! elements are void, special, formatting or raw text, where scopes stop, and
//! how a tag, a comment or a script's text ends. As the HTML standard's tree
//! builder and tokenizer define them; where this is simpler, it errs towards
//! counting more depth, never less.

/// The tree builder's scope boundaries, `button` included, and the MathML and
/// SVG elements that are boundaries too.
pub const BUTTON_SCOPE: &[&str] = &[
    "html",
    "table",
    "td",
    "th",
    "caption",
    "marquee",
    "object",
    "template",
    "applet",
    "button",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
    "title",
];
pub const TABLE_SCOPE: &[&str] = &["table", "tbody", "thead", "tfoot", "html", "template"];

/// Whether an end tag for `name` stops searching at the open element `node`
/// (`node` is not `name`): table parts stop at tables, block elements at
/// scope boundaries, other elements at any special element.
pub fn stops_end_tag(node: &str, name: &str) -> bool {
    if matches!(
        name,
        "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption"
    ) {
        matches!(node, "html" | "table" | "template")
    } else if is_special(name) {
        BUTTON_SCOPE.contains(&node) || matches!(node, "ul" | "ol" | "select")
    } else {
        is_special(node)
    }
}

/// Start tags that close an open `<p>` (a table does not: quirks mode).
pub fn closes_paragraph(name: &str) -> bool {
    CLOSE_P.contains(&name)
}

pub const CLOSE_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "plaintext",
    "xmp",
    "li",
    "dd",
    "dt",
];

pub fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

pub const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

pub fn is_formatting(name: &str) -> bool {
    FORMATTING.contains(&name)
}

pub const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements after which the tree builder puts a marker in its list of active
/// formatting elements.
pub fn is_marker(name: &str) -> bool {
    MARKERS.contains(&name)
}

pub const MARKERS: &[&str] = &[
    "td", "th", "caption", "marquee", "object", "applet", "template",
];

/// Elements whose text is not parsed for tags (script, style) or is read as
/// text up to the end tag (title, textarea).
pub fn is_raw_text(name: &str) -> bool {
    RAW_TEXT.contains(&name)
}

pub const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements that break a line when their tags are dropped.
pub fn is_block(name: &str) -> bool {
    closes_paragraph(name)
        || [
            "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "li", "br",
        ]
        .contains(&name)
}

/// The tree builder's special elements: an end tag of another element never
/// closes past one.
pub fn is_special(name: &str) -> bool {
    closes_paragraph(name) || is_void(name) || is_raw_text(name) || OTHER_SPECIAL.contains(&name)
}

pub const OTHER_SPECIAL: &[&str] = &[
    "applet",
    "body",
    "button",
    "caption",
    "col",
    "colgroup",
    "frameset",
    "head",
    "html",
    "marquee",
    "noscript",
    "object",
    "select",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "tr",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
];

pub fn find_byte(bytes: &[u8], byte: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|i| from + i)
}

pub fn find_str(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// The end of `<!...>` starting at `lt`: a comment ends at its first `-->` or
/// `--!>` (or at once, `<!-->`), anything else at the next `>`.
pub fn markup_end(bytes: &[u8], lt: usize) -> usize {
    if bytes[lt..].starts_with(b"<!--") {
        let body = lt + 4;
        if bytes[body..].starts_with(b">") {
            return body + 1;
        }
        if bytes[body..].starts_with(b"->") {
            return body + 2;
        }
        // One pass to whichever end comes first: searching for each end in
        // turn would cross the rest of the page once per comment.
        let mut from = body;
        while let Some(dash) = find_str(bytes, b"--", from) {
            match bytes.get(dash + 2) {
                Some(b'>') => return dash + 3,
                Some(b'!') if bytes.get(dash + 3) == Some(&b'>') => return dash + 4,
                _ => from = dash + 1,
            }
        }
        return bytes.len();
    }
    find_byte(bytes, b'>', lt).map_or(bytes.len(), |e| e + 1)
}

/// A tag's name (lower case) starting at `at`, and the offset after its `>`:
/// attribute values open a quote only right after `=`, as the tokenizer reads them.
pub fn tag(bytes: &[u8], at: usize) -> (String, usize) {
    let mut i = at;
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
        )
    {
        i += 1;
    }
    let name = String::from_utf8_lossy(&bytes[at..i]).to_ascii_lowercase();
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (name, i + 1),
            b'=' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i = find_byte(bytes, q, i + 1).map_or(bytes.len(), |e| e + 1);
                    }
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                    }
                }
            }
            _ => i += 1,
        }
    }
    (name, bytes.len())
}

/// Where the text of a raw-text element opened before `at` ends: at the first
/// `</name` followed by a space, `/` or `>` (the tree builder can only end it
/// there or later, so nothing after is counted too little).
pub fn raw_text_end(bytes: &[u8], at: usize, name: &str) -> usize {
    let mut from = at;
    while let Some(lt) = find_str(bytes, b"</", from) {
        let end = lt + 2 + name.len();
        let named = bytes
            .get(lt + 2..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let closed = matches!(
            bytes.get(end),
            None | Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
        );
        if named && closed {
            return lt;
        }
        from = lt + 2;
    }
    bytes.len()
}
