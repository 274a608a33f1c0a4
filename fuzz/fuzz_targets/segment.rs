//! Fuzzes cleaning and sentence splitting: any text must give in-bounds spans on
//! character boundaries, sentences in order that never overlap, and no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

use crossclaim::ingest::clean;
use crossclaim::segment::{is_space, split};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut at = 0;
    for span in split(text) {
        assert!(at <= span.start && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(text[at..span.start].chars().all(is_space));
        at = span.end;
    }
    assert!(text[at..].chars().all(is_space));
    let cleaned = clean(text);
    let mut at = 0;
    for block in &cleaned.body {
        assert!(at <= block.start && block.start <= block.end && block.end <= text.len());
        assert!(text.is_char_boundary(block.start) && text.is_char_boundary(block.end));
        at = block.end;
    }
});
