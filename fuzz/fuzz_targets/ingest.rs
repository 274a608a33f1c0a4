//! Fuzzes ingest end to end through real files: the first byte picks the format
//! (.txt, .md, .html, .jsonl, .json, .csv); any bytes are read or skipped with a
//! reason, never a panic, and every body block lies inside its article's text.
#![no_main]

use libfuzzer_sys::fuzz_target;

use crossclaim::ingest::{IngestOptions, plan};

const EXTENSIONS: [&str; 6] = ["txt", "md", "html", "jsonl", "json", "csv"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("crossclaim-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("outlet.{}", EXTENSIONS[usize::from(pick) % EXTENSIONS.len()]));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let mut reader = plan(&[path.clone()], &IngestOptions::default()).read(16);
    for story in reader.by_ref() {
        for article in &story.articles {
            for block in &article.body {
                assert!(block.start <= block.end && block.end <= article.text.len());
                assert!(article.text.is_char_boundary(block.start));
                assert!(article.text.is_char_boundary(block.end));
            }
        }
    }
    let _ = reader.finish();
    let _ = std::fs::remove_file(&path);
});
