//! Behaviour of `extract` on small invented sentences, one behaviour per test.

use super::{Hedge, Kind, Quantity, extract};

/// The one quantity of `text`, with its measure read (`measure::read_text`).
fn one(text: &str) -> Quantity {
    let found = crate::measure::read_text(text);
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().expect("one quantity")
}

fn figures(text: &str) -> Vec<(String, f64, Kind)> {
    extract(text)
        .into_iter()
        .map(|q| (q.text, q.number, q.kind))
        .collect()
}

#[test]
fn reads_hedged_count_as_interval() {
    let q = one("About 1,200 people died in the flood.");
    assert_eq!(
        (q.value, q.hedge, q.unit.as_str()),
        (1200.0, Hedge::Approximate, "people")
    );
    assert_eq!((q.low, q.high), (Some(1080.0), Some(1320.0)));
    assert_eq!(q.event.as_deref(), Some("deaths"));
    assert_eq!(q.text, "About 1,200");
    assert_eq!(q.hedge_words.as_deref(), Some("about"));
}

#[test]
fn upper_bound_leaves_low_open() {
    let q = one("As many as 80 homes were destroyed.");
    assert_eq!(
        (q.low, q.high, q.hedge),
        (None, Some(80.0), Hedge::UpperBound)
    );
    assert_eq!(q.counted.as_deref(), Some("home"));
    assert_eq!(q.event.as_deref(), Some("destroyed"));
}

#[test]
fn nearly_is_just_below() {
    let q = one("Nearly 40 villages were cut off.");
    assert_eq!((q.low, q.high), (Some(36.0), Some(40.0)));
}

#[test]
fn more_than_is_lower_bound_and_keeps_scope() {
    let q = one("More than 90 fishermen went missing in the last week.");
    assert_eq!((q.low, q.high), (Some(90.0), None));
    assert_eq!(q.scope.as_deref(), Some("last week"));
    assert_eq!(q.event.as_deref(), Some("missing"));
}

#[test]
fn between_makes_a_range_with_the_unit_of_the_second_figure() {
    let q = one("The storm left between 3 and 4 million people without power.");
    assert_eq!(
        (q.low, q.high, q.hedge),
        (Some(3e6), Some(4e6), Hedge::Range)
    );
    assert_eq!(q.text, "between 3 and 4 million");
}

#[test]
fn a_change_is_two_figures_not_a_range() {
    let found = figures("Prices rose from 200 to 300 dollars.");
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn vague_words_are_ranges_with_the_hedge_kept() {
    let q = one("Tens of thousands of voters queued.");
    assert_eq!(
        (q.hedge, q.low, q.high),
        (Hedge::Vague, Some(20_000.0), Some(100_000.0))
    );
    assert_eq!(q.counted.as_deref(), Some("voter"));
}

#[test]
fn hyphenated_durations_share_one_unit() {
    let a = one("a fortnight-long truce");
    let b = one("a 14-day truce");
    let c = one("the 336-hour truce");
    assert_eq!(a.kind, Kind::Duration);
    assert_eq!((a.value, b.value, c.value), (336.0, 336.0, 336.0));
    assert_eq!(b.counted.as_deref(), Some("truce"));
}

#[test]
fn vulgar_fraction_joins_its_number() {
    let q = one("the 3½-year dispute");
    assert_eq!((q.number, q.value), (3.5, 3.5 * 8766.0));
    assert_eq!(q.counted.as_deref(), Some("dispute"));
}

#[test]
fn half_a_million_and_two_dozen_are_read() {
    assert_eq!(one("half a million tourists").value, 500_000.0);
    assert_eq!(one("two dozen boats").value, 24.0);
    assert_eq!(one("5 1/2 miles").number, 5.5);
}

#[test]
fn areas_and_volumes_convert_to_one_unit() {
    let acres = one("640 acres burned");
    let miles = one("1 square mile burned");
    assert!((acres.value - miles.value).abs() / miles.value < 0.01);
    assert!((one("2 barrels").value - one("84 gallons").value).abs() < 0.01);
}

#[test]
fn money_keeps_its_currency_and_scale() {
    let q = one("The city paid $4.5m for repairs.");
    assert_eq!(
        (q.value, q.unit.as_str(), q.kind),
        (4.5e6, "usd", Kind::Money)
    );
    let p = one("It cost 50 cents.");
    assert_eq!((p.number, p.value), (50.0, 0.5));
}

#[test]
fn age_is_not_a_duration() {
    let q = one("A 61-year-old farmer was hurt.");
    assert_eq!((q.unit.as_str(), q.kind), ("year_of_age", Kind::Count));
}

#[test]
fn relative_durations_are_durations_but_not_a_week_ago() {
    assert_eq!(one("It began two weeks ago.").kind, Kind::Duration);
    assert_eq!(
        one("The talks ended five days after the vote.").kind,
        Kind::Duration
    );
    assert_eq!(kinds("It began a week ago."), [Kind::Other]);
}

#[test]
fn years_dates_times_and_ordinals_are_not_figures() {
    let kinds: Vec<Kind> = figures("Since 2011, on March 4, at 2:30 pm, the 3rd convoy")
        .into_iter()
        .map(|f| f.2)
        .collect();
    assert_eq!(kinds, [Kind::Year, Kind::Date, Kind::Time, Kind::Ordinal]);
}

#[test]
fn labels_models_and_seasons_are_not_figures() {
    for text in [
        "No. 2 seed",
        "an F-16 jet",
        "the 2012-13 season",
        "call +1-222-2222-2222",
    ] {
        assert!(extract(text).iter().all(|q| !q.kind.is_figure()), "{text}");
    }
}

#[test]
fn pronoun_one_is_not_a_number() {
    assert!(extract("The one you mentioned is gone.").is_empty());
}

#[test]
fn counted_noun_is_the_head_not_the_adjective() {
    let q = one("during the three-year civil war");
    assert_eq!(q.counted.as_deref(), Some("war"));
    let q = one("offered 72-hour closures of the border");
    assert_eq!(q.counted.as_deref(), Some("closure"));
}

#[test]
fn a_bare_event_counts_people() {
    let q = one("At least 12 were killed.");
    assert_eq!(
        (q.unit.as_str(), q.event.as_deref()),
        ("people", Some("deaths"))
    );
}

#[test]
fn spans_point_into_the_text() {
    let text = "Some 100 people were working.";
    let q = one(text);
    assert_eq!(&text[q.start..q.end], q.text);
    assert_eq!(q.hedge, Hedge::Approximate);
}

fn kinds(text: &str) -> Vec<Kind> {
    extract(text).into_iter().map(|q| q.kind).collect()
}

#[test]
fn a_year_before_a_plural_noun_is_a_count() {
    assert_eq!(kinds("Some 2000 people marched."), [Kind::Count]);
    assert_eq!(kinds("It was built in 1994."), [Kind::Year]);
}

#[test]
fn a_hedged_four_digit_number_is_no_year() {
    assert_eq!(kinds("more than 2000 were hurt"), [Kind::Count]);
}

#[test]
fn addresses_and_list_markers_are_other() {
    assert_eq!(kinds("Jane Doe, 123 Random Street"), [Kind::Other]);
    assert_eq!(kinds("1) explains why"), [Kind::Other]);
}

#[test]
fn a_name_with_a_number_is_other() {
    assert_eq!(kinds("sharper than any taken by Voyager 2"), [Kind::Other]);
}

#[test]
fn angles_are_not_temperatures() {
    assert_eq!(kinds("Rotate 90°"), [Kind::Other]);
}

#[test]
fn one_of_a_group_counts_only_when_hedged() {
    assert_eq!(kinds("It is one of the first examples."), [Kind::Other]);
    let q = one("At least one of the bridges collapsed.");
    assert_eq!(
        (q.hedge, q.counted.as_deref()),
        (Hedge::LowerBound, Some("bridge"))
    );
}

#[test]
fn scores_and_round_the_clock_are_not_figures() {
    assert!(
        extract("They won 3-1 with 24/7 coverage.")
            .iter()
            .all(|q| !q.kind.is_figure())
    );
}

#[test]
fn a_number_too_long_for_a_float_is_no_figure() {
    let text = format!("The count was {}.", "7".repeat(400));
    assert!(extract(&text).is_empty());
}

#[test]
fn a_plus_between_digits_is_arithmetic_not_a_bound() {
    let found = extract("=SUM(1+1) appeared, and 20+ groups came.");
    assert!(found.iter().all(|q| q.text != "1+"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|q| q.text == "20+" && q.hedge == Hedge::LowerBound)
    );
}

/// Every word table in `data/quantity/` is sorted by its first column, one row per key.
#[test]
fn word_tables_are_sorted_and_unique() {
    let tables = [
        (
            "currencies.tsv",
            include_str!("../../data/quantity/currencies.tsv"),
        ),
        ("rates.tsv", include_str!("../../data/quantity/rates.tsv")),
        (
            "one_after.tsv",
            include_str!("../../data/quantity/one_after.tsv"),
        ),
        ("idioms.txt", include_str!("../../data/quantity/idioms.txt")),
        ("zero.tsv", include_str!("../../data/quantity/zero.tsv")),
    ];
    for (name, text) in tables {
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split('\t').next().unwrap_or(l))
            .collect();
        assert!(!keys.is_empty(), "{name} is empty");
        for pair in keys.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{name}: {:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
    }
}
