//! Grouping tests on small invented stories.

use super::*;
use crate::model::Span;

fn story(articles: &[&[&str]]) -> (Vec<Sentence>, Vec<String>) {
    let mut sentences = Vec::new();
    let mut outlets = Vec::new();
    for (a, texts) in articles.iter().enumerate() {
        for (no, t) in texts.iter().enumerate() {
            sentences.push(Sentence {
                article: a,
                no,
                span: Span::new(0, t.len()),
                text: (*t).to_owned(),
            });
            outlets.push(format!("outlet{a}"));
        }
    }
    (sentences, outlets)
}

fn quantities(sentences: &[Sentence]) -> Vec<Vec<crate::quantity::Quantity>> {
    sentences
        .iter()
        .map(|s| crate::measure::read_text(&s.text))
        .collect()
}

fn groups(articles: &[&[&str]]) -> Vec<Vec<usize>> {
    let (sentences, outlets) = story(articles);
    let outlet_of: Vec<&str> = outlets.iter().map(String::as_str).collect();
    group(
        &sentences,
        &quantities(&sentences),
        &outlet_of,
        &AlignConfig::default(),
    )
    .into_iter()
    .map(|c| c.members)
    .collect()
}

const A: &[&str] = &[
    "The storm destroyed 120 homes in the valley, officials said on Monday.",
    "The mayor opened a new bridge over the river.",
    "Schools will stay closed until Friday.",
];
const B: &[&str] = &[
    "Schools will remain closed until Friday, the district said.",
    "Officials said the storm destroyed 150 homes in the valley on Monday.",
];
const C: &[&str] = &["The storm destroyed about 130 homes in the valley, officials said."];

#[test]
fn groups_paraphrases_across_outlets_and_leaves_the_rest_alone() {
    let g = groups(&[A, B, C]);
    assert!(g.contains(&vec![0, 4, 5]), "{g:?}");
    assert!(g.contains(&vec![2, 3]), "{g:?}");
    assert!(g.contains(&vec![1]), "{g:?}");
    assert_eq!(g.iter().map(Vec::len).sum::<usize>(), 6);
}

#[test]
fn never_puts_two_sentences_of_one_outlet_in_a_group() {
    let twice: &[&str] = &[
        "The storm destroyed 120 homes in the valley, officials said.",
        "Officials said the storm destroyed 120 homes in the valley.",
    ];
    let g = groups(&[twice, C]);
    assert!(g.iter().all(|m| m.len() <= 2), "{g:?}");
    assert!(!g.contains(&vec![0, 1]), "{g:?}");
}

#[test]
fn a_long_sentence_does_not_chain_two_claims() {
    let long: &[&str] = &[
        "The storm destroyed 120 homes in the valley, and schools will stay closed until Friday.",
    ];
    let g = groups(&[A, B, long]);
    let with_long = g
        .iter()
        .find(|m| m.contains(&5))
        .cloned()
        .unwrap_or_default();
    let homes_and_schools = with_long.contains(&0) && with_long.contains(&2);
    assert!(!homes_and_schools, "{g:?}");
}

#[test]
fn grouping_is_identical_for_one_and_two_threads() {
    let (sentences, outlets) = story(&[A, B, C, A, B]);
    let outlet_of: Vec<&str> = outlets.iter().map(String::as_str).collect();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map(|pool| {
                pool.install(|| {
                    group(
                        &sentences,
                        &quantities(&sentences),
                        &outlet_of,
                        &AlignConfig::default(),
                    )
                })
            })
            .map(|claims| {
                claims
                    .into_iter()
                    .map(|c| (c.id, c.members))
                    .collect::<Vec<_>>()
            })
            .ok()
    };
    let one = run(1);
    assert!(one.is_some());
    assert_eq!(one, run(2));
}

#[test]
fn a_sentence_that_adds_a_second_claim_still_meets_the_first() {
    let wire: &[&str] = &[
        "The harbour master, Jane Roe, told reporters on Friday that the port had twice offered night shifts to clear the backlog of ships, but she said the union was fixated on a pay rise.",
        "Fishing boats stayed in the harbour all week.",
    ];
    let daily: &[&str] = &[
        "The port had twice offered night shifts to clear the backlog of ships, the harbour master said.",
        "A new ferry will start running in June.",
    ];
    let g = groups(&[wire, daily]);
    assert!(g.contains(&vec![0, 2]), "{g:?}");
    assert!(g.contains(&vec![1]) && g.contains(&vec![3]), "{g:?}");
}

#[test]
fn shared_attribution_alone_is_no_claim() {
    let a: &[&str] = &[
        "The bridge will stay closed until the spring, the transport ministry said in a statement.",
    ];
    let b: &[&str] = &[
        "Train fares will rise by a tenth in January, the transport ministry said in a statement.",
    ];
    let g = groups(&[a, b]);
    assert!(g.contains(&vec![0]) && g.contains(&vec![1]), "{g:?}");
}

#[test]
fn a_shared_figure_groups_a_reworded_claim_and_a_different_one_does_not() {
    let reworded: &[&str] = &["Volunteers planted 3,000 trees along the river this spring."];
    let stated: &[&str] =
        &["Some 3,000 saplings went into the ground by the river in the spring, the group said."];
    let other: &[&str] =
        &["Some 8,000 saplings went into the ground by the river in the spring, the group said."];
    assert_eq!(groups(&[reworded, stated]), vec![vec![0, 1]]);
    assert_eq!(groups(&[reworded, other]), vec![vec![0], vec![1]]);
}

#[test]
fn a_figure_alone_is_no_shared_claim() {
    let a: &[&str] = &["A ten-day period is unacceptable for us."];
    let b: &[&str] = &["The union keeps demanding a ten-day pause in the talks."];
    assert_eq!(groups(&[a, b]), vec![vec![0], vec![1]]);
}

#[test]
fn a_bound_agrees_with_a_vague_amount_of_the_same_measure() {
    let figure = |text: &str| {
        let q = crate::measure::read_text(text);
        q.into_iter().find(|q| q.kind.is_figure()).unwrap()
    };
    let vague = figure("Hundreds of people were killed in the city in the past week.");
    let bound = figure("More than 400 people were killed in the city in the last week.");
    let injured = figure("More than 400 people were injured in the city in the last week.");
    assert!(same_figure(&vague, &bound));
    assert!(!same_figure(&vague, &injured));
    let estimate = figure("About 43,000 people have been killed in the war.");
    let high = figure("As many as 50,000 people have been killed in the war.");
    assert!(!same_figure(&estimate, &high));
}

#[test]
fn a_sentence_that_states_two_claims_sits_in_both() {
    let both: &[&str] = &[
        "About 12,000 residents are still stranded in the flooded valley, and hundreds of people have died there in the last week.",
    ];
    let stranded: &[&str] =
        &["About 12,000 residents remain stranded in the flooded valley, aid workers said."];
    let died: &[&str] = &["More than 300 people have died in the flooded valley in the last week."];
    let g = groups(&[both, stranded, died]);
    assert!(g.contains(&vec![0, 1]), "{g:?}");
    assert!(g.contains(&vec![0, 2]), "{g:?}");
}
