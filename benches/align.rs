//! Speed of the alignment stage: pair scoring and story grouping on invented text.

use criterion::{Criterion, criterion_group, criterion_main};
use crossclaim::align::{AlignConfig, Scorer, cluster_articles, group};
use crossclaim::model::{Sentence, Span};

fn sentences(n: usize) -> Vec<Sentence> {
    (0..n)
        .map(|i| {
            let text = format!(
                "Officials in district {} said {} homes were damaged by the storm on day {}.",
                i % 37,
                i * 7 % 101,
                i % 5
            );
            Sentence {
                article: i % 6,
                no: i / 6,
                span: Span::new(0, text.len()),
                text,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let s = sentences(300);
    let outlets: Vec<String> = s.iter().map(|x| format!("o{}", x.article)).collect();
    let outlet_of: Vec<&str> = outlets.iter().map(String::as_str).collect();
    let scorer = Scorer::new(s.iter().map(|x| x.text.as_str()));
    let (a, b) = (scorer.features(&s[0].text), scorer.features(&s[1].text));
    let quantities: Vec<_> = s
        .iter()
        .map(|x| crossclaim::quantity::extract(&x.text))
        .collect();
    c.bench_function("score_pair", |bench| bench.iter(|| scorer.score(&a, &b)));
    c.bench_function("group_300_sentences", |bench| {
        bench.iter(|| group(&s, &quantities, &outlet_of, &AlignConfig::default()))
    });
    let articles: Vec<String> = (0..500)
        .map(|i| {
            format!(
                "Story{} town{} river{} flood rescue {}",
                i / 5,
                i / 5,
                i / 5,
                i
            )
        })
        .collect();
    let texts: Vec<&str> = articles.iter().map(String::as_str).collect();
    c.bench_function("cluster_500_articles", |bench| {
        bench.iter(|| cluster_articles(&texts))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
