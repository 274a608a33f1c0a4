//! Cleaning plus sentence splitting, single-threaded, on generated news-like text
//! (headlines, bylines, junk lines, abbreviations, quotes, figures, odd spaces).
//! Target: at least 20 MB/s. Run with `cargo bench --bench segment`. The last
//! case swaps sentencex for the hand-written engine, for comparison.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use crossclaim::ingest::clean;
use crossclaim::segment::{split, split_with};

// The hand-written engine measured against sentencex (kept with the tests).
#[path = "../tests/ingest/handmade.rs"]
mod handmade;

const SENTENCES: &[&str] = &[
    "The U.S. Senate voted 52\u{a0}to 48 on Tuesday, officials said.",
    "\u{201c}We will not accept a seven-day pause,\u{201d} Gov. Ann Lee told reporters at 5 p.m. Monday.",
    "About 4,300 people were evacuated, according to Lt. Col. Jo Park of the No. 2 brigade.",
    "Sens. Bo Kim (Ariz.) and Ray Cole (S.C.) issued a joint statement on Sept. 28.",
    "The talks\u{200a}\u{2014}\u{200a}long and difficult\u{2014}ended without a deal.",
    "Prices rose 3.5 percent in the 5\u{bd}-year period. . . . Nobody expected it.",
    "He paused ... and went on, saying the plan would cost $4.2 billion.",
    "Deputy minister Ivan B. Petrov said the offer stood.",
];

const JUNK: &[&str] = &[
    "ADVERTISEMENT",
    "Click to Read More and View Comments",
    "A man waves a flag in the capital / Reuters",
    "Copyright 2016 Example News. All rights reserved.",
];

/// About `bytes` of articles: a headline, a byline, a date, then paragraphs with a
/// junk line every few paragraphs. Deterministic: the same text every run.
fn generate(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while text.len() < bytes {
        if i.is_multiple_of(40) {
            text.push_str(
                "Floods Close Schools Across the Region\n\nBy Ana Ruiz\nOctober 3, 2016\n\n",
            );
        }
        for k in 0..3 {
            text.push_str(SENTENCES[(i * 7 + k * 3) % SENTENCES.len()]);
            text.push(' ');
        }
        text.push_str("\r\n\r\n");
        if i % 5 == 4 {
            text.push_str(JUNK[i % JUNK.len()]);
            text.push_str("\n\n");
        }
        i += 1;
    }
    text
}

fn clean_and_split(text: &str) -> usize {
    clean(text)
        .body
        .iter()
        .map(|b| split(&text[b.start..b.end]).len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let text = generate(4 * 1024 * 1024);
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("clean_and_split_4mb", |b| {
        b.iter(|| clean_and_split(black_box(&text)))
    });
    group.bench_function("split_only_4mb", |b| {
        b.iter(|| split(black_box(&text)).len())
    });
    group.bench_function("split_handmade_engine_4mb", |b| {
        b.iter(|| split_with(black_box(&text), handmade::split).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
