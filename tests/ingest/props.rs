//! Property: whatever the input, sentence spans tile the text. They come in order,
//! never overlap, sit on character boundaries, are trimmed and non-empty, and
//! everything between them is whitespace.

use crossclaim::segment::{is_space, split};
use proptest::prelude::*;

/// Pieces that exercise every rule: abbreviations, list markers, ellipses, quotes,
/// odd spaces, line breaks and clock times.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("U.S.".to_owned()),
        Just(". . .".to_owned()),
        Just("...".to_owned()),
        Just("1.".to_owned()),
        Just("2)".to_owned()),
        Just("a.".to_owned()),
        Just("• 9.".to_owned()),
        Just("p.m.".to_owned()),
        Just("Tuesday".to_owned()),
        Just("\u{201c}".to_owned()),
        Just("\u{201d}".to_owned()),
        Just("\u{2014}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(" ".to_owned()),
        Just(".".to_owned()),
        Just("!?".to_owned()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,4}",
        "\\PC{0,4}",
        any::<char>().prop_map(String::from),
    ]
}

fn check_tiling(text: &str) -> Result<(), TestCaseError> {
    let spans = split(text);
    let mut at = 0;
    for span in &spans {
        prop_assert!(at <= span.start && span.start < span.end && span.end <= text.len());
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        prop_assert!(
            text[at..span.start].chars().all(is_space),
            "non-space text lost before {span:?}"
        );
        let s = &text[span.start..span.end];
        prop_assert!(!s.starts_with(is_space) && !s.ends_with(is_space));
        at = span.end;
    }
    prop_assert!(
        text[at..].chars().all(is_space),
        "non-space text lost at the end"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sentence_spans_tile_text_built_from_tricky_tokens(tokens in prop::collection::vec(token(), 0..40)) {
        check_tiling(&tokens.join(" "))?;
        check_tiling(&tokens.concat())?;
    }

    #[test]
    fn sentence_spans_tile_any_string(text in "\\PC{0,200}|(?s).{0,200}") {
        check_tiling(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cleaned_body_blocks_are_ordered_spans_of_the_text(lines in prop::collection::vec(
        prop_oneof![token(), Just("ADVERTISEMENT".to_owned()), Just("By Ana Ruiz".to_owned()),
            Just("---".to_owned()), Just("title: T".to_owned()), Just("WASHINGTON (AP) \u{2014} ".to_owned())],
        0..30,
    )) {
        let text = lines.join("\n");
        let mut at = 0;
        for block in crossclaim::ingest::clean(&text).body {
            prop_assert!(at <= block.start && block.start < block.end && block.end <= text.len());
            prop_assert!(text.is_char_boundary(block.start) && text.is_char_boundary(block.end));
            at = block.end;
        }
    }
}
