//! Quantity extraction speed on generated news-like sentences, single-threaded.
//! Target: at least 50,000 sentences per second. Run with `cargo bench --bench quantity`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossclaim::quantity::extract;

/// Deterministic sentences: templates filled from small lists by a fixed counter,
/// so every run measures the same text.
fn sentences(n: usize) -> Vec<String> {
    const HEDGES: &[&str] = &[
        "about",
        "more than",
        "as many as",
        "nearly",
        "some",
        "at least",
        "",
    ];
    const FIGURES: &[&str] = &[
        "430,000",
        "1,250",
        "two dozen",
        "half a million",
        "5½",
        "hundreds of",
        "12.5",
        "three",
    ];
    const NOUNS: &[&str] = &[
        "people",
        "civilians",
        "homes",
        "soldiers",
        "hospitals",
        "families",
    ];
    const EVENTS: &[&str] = &[
        "were killed",
        "have died",
        "were injured",
        "remain trapped",
        "were displaced",
        "were destroyed",
    ];
    const TAILS: &[&str] = &[
        "in the last week, officials said.",
        "since 2011, according to the monitoring group.",
        "so far this year.",
        "during the six-year civil war.",
        "after a 48-hour pause collapsed on Sept. 19.",
        "and the agency asked for $4.5 million in aid.",
    ];
    (0..n)
        .map(|i| {
            format!(
                "{} {} {} {} {}",
                HEDGES[i % HEDGES.len()],
                FIGURES[(i / 3) % FIGURES.len()],
                NOUNS[(i / 5) % NOUNS.len()],
                EVENTS[(i / 7) % EVENTS.len()],
                TAILS[(i / 11) % TAILS.len()],
            )
            .trim_start()
            .to_owned()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let input = sentences(10_000);
    let mut group = c.benchmark_group("quantity");
    group.throughput(Throughput::Elements(input.len() as u64));
    group.sample_size(20);
    group.bench_function("extract_10k_sentences", |b| {
        b.iter(|| {
            let mut found = 0;
            for s in &input {
                found += extract(black_box(s)).len();
            }
            black_box(found)
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
