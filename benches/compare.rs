//! Speed of one story through the whole pipeline, and of the measure reading
//! and the comparison stage alone, on invented articles: figures with hedges, sources and places, some
//! sentences with curly quotes (non-ASCII text takes the patterns' Unicode path).

use criterion::{Criterion, criterion_group, criterion_main};
use crossclaim::config::Config;
use crossclaim::model::{Article, Story};
use crossclaim::{align, analyse_story, compare, measure, quantity, segment};

const OUTLETS: usize = 6;
const SENTENCES: usize = 50;

fn article(outlet: usize) -> Article {
    let text: String = (0..SENTENCES)
        .map(|i| {
            let n = 40 + (i * 7 + outlet * 3) % 90;
            match i % 4 {
                0 => format!("About {n} people died in Holton, police said on day {i}. "),
                1 => format!(
                    "Governor Ann Lee said as many as {n}0 homes were damaged in the last week. "
                ),
                2 => format!(
                    "“We counted {n} bodies,” said a spokesman for the Red Cross in district {i}. "
                ),
                _ => format!(
                    "More than {n} families were evacuated, according to the interior ministry. "
                ),
            }
        })
        .collect();
    let cleaned = crossclaim::ingest::clean(&text);
    Article {
        story: "bench".into(),
        outlet: format!("outlet{outlet}"),
        source: format!("outlet{outlet}.txt"),
        date: None,
        title: None,
        byline: None,
        url: None,
        text,
        body: cleaned.body,
        dropped_lines: 0,
    }
}

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let story = Story {
        name: "bench".into(),
        articles: (0..OUTLETS).map(article).collect(),
    };
    c.bench_function("analyse_story_300_sentences", |b| {
        b.iter(|| analyse_story(story.clone(), &config))
    });
    let sentences: Vec<_> = story
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| segment::sentences(i, a))
        .collect();
    let mut quantities: Vec<_> = sentences
        .iter()
        .map(|s| quantity::extract(&s.text))
        .collect();
    c.bench_function("measure_300_sentences", |b| {
        b.iter(|| {
            let mut qs = quantities.clone();
            measure::read_story(&story.articles, &sentences, &mut qs);
            qs
        })
    });
    measure::read_story(&story.articles, &sentences, &mut quantities);
    let outlets: Vec<&str> = sentences
        .iter()
        .map(|s| story.articles[s.article].outlet.as_str())
        .collect();
    let grouping = align::group_with(&sentences, &quantities, &outlets, &config.align);
    c.bench_function("compare_300_sentences", |b| {
        b.iter(|| {
            compare::compare(
                &story.articles,
                &sentences,
                &quantities,
                &grouping,
                &config.compare,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
