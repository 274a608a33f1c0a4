//! Fuzzes quantity extraction: any text gives spans on character boundaries
//! inside the text, finite figures, and intervals whose low end is not above the high.
#![no_main]

use libfuzzer_sys::fuzz_target;

use crossclaim::quantity::extract;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for q in extract(text) {
        assert!(q.start <= q.end && q.end <= text.len());
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert_eq!(q.text, text[q.start..q.end]);
        assert!(q.value.is_finite());
        if let (Some(low), Some(high)) = (q.low, q.high) {
            assert!(low <= high, "{q:?}");
        }
    }
});
