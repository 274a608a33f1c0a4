//! The reading on small invented sentences, one behaviour per test.

use super::{Previous, read_sentence, read_text};
use crate::quantity::{Kind, Quantity, Role, Stance, extract};

/// The figures of a text, read.
fn read(text: &str) -> Vec<Quantity> {
    read_text(text)
        .into_iter()
        .filter(|q| q.kind.is_figure())
        .collect()
}

fn one(text: &str) -> Quantity {
    let found = read(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().expect("one figure")
}

fn field(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

#[test]
fn killed_died_and_toll_are_one_event_that_counts_people() {
    for text in [
        "About 1,200 people died in the flood.",
        "Floods killed 1,200.",
        "The death toll rose to 1,200.",
        "There were 1,200 fatalities.",
        "The floods claimed 1,200 lives.",
    ] {
        let q = one(text);
        assert_eq!(field(&q.event), "deaths", "{text}");
        assert_eq!(q.unit, "people", "{text}");
    }
}

#[test]
fn a_verb_no_table_lists_names_the_event_by_its_base() {
    let a = one("Some 62,000 fans packed the arena.");
    assert_eq!(
        (field(&a.event), field(&a.counted), a.unit.as_str()),
        ("pack", "fan", "people")
    );
    let b = one("The final drew 48,000.");
    assert_eq!(field(&b.event), "draw");
    let c = one("Gunmen abducted 7 people.");
    assert_eq!(field(&c.event), "abducted");
}

#[test]
fn each_event_word_goes_to_its_nearest_count() {
    let qs = read("Some 80 people were trapped and 12 people were injured.");
    assert_eq!(field(&qs[0].event), "trapped");
    assert_eq!(field(&qs[1].event), "injured");
}

#[test]
fn the_measure_named_before_the_figure_is_its_thing() {
    assert_eq!(
        field(&one("The tunnel lies at a depth of 140 metres.").counted),
        "depth"
    );
    assert_eq!(field(&one("The strike lasted 23 days.").counted), "strike");
    assert_eq!(field(&one("Turnout was 62%.").counted), "turnout");
    assert_eq!(
        field(&one("A total of 45 people were hurt.").counted),
        "people"
    );
}

#[test]
fn nouns_fold_to_one_class_and_reach_through_of() {
    assert_eq!(one("the airline's 21,000 employees").unit, "people");
    assert_eq!(one("its roughly 24,000 staff").unit, "people");
    assert!(super::same_thing("civilian", "people"));
    assert!(super::same_thing("truce", "ceasefire"));
    assert!(!super::same_thing("woman", "man"));
    assert_eq!(field(&one("a 23-day standoff").counted), "standoff");
    assert_eq!(field(&one("after 24 days of talks").counted), "talk");
    assert_eq!(field(&one("a three-year civil war").counted), "war");
}

#[test]
fn the_base_of_a_share_is_a_headcount() {
    let qs = read("It cut 900 jobs, 4% of its 21,000 employees.");
    let base = qs.iter().find(|q| q.value == 21_000.0).expect("base read");
    assert_eq!(base.unit, "people");
}

#[test]
fn words_that_are_no_scope_give_none() {
    for text in [
        "It drew 48,000, the most since the 2009 season.",
        "Some 300 homes burned, the most in the province's history.",
        "Police said on Tuesday that 45 people died.",
        "Officials said last week that 45 people died.",
    ] {
        let q = one(text);
        assert_eq!(q.scope, None, "{text}");
    }
}

#[test]
fn windows_rates_and_parts_are_scopes() {
    assert_eq!(
        field(&one("More than 30 people died in the last week.").scope),
        "last week"
    );
    assert_eq!(
        field(&one("It moved 30 cars every minute.").scope),
        "per minute"
    );
    assert_eq!(
        field(&one("Some 40 homes burned in the city.").scope),
        "in the city"
    );
    assert_eq!(
        field(&one("The virus killed 15 nationwide.").scope),
        "national"
    );
    assert_eq!(
        field(&one("Since 2011, 400 people died.").scope),
        "since 2011"
    );
}

#[test]
fn a_restated_figure_shares_its_event() {
    let qs = read("The dam released 40,000 acre-feet, more than 200 million cubic metres.");
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(qs[0].event, qs[1].event);
    assert!(qs[0].event.is_some());
}

#[test]
fn magnitudes_are_a_kind_of_their_own() {
    for text in [
        "A magnitude-5.9 tremor struck.",
        "The quake measured magnitude 6.1.",
        "A 6.1-magnitude quake hit.",
        "It measured 6.0 on the Richter scale.",
    ] {
        let q = one(text);
        assert_eq!(
            (q.kind, q.unit.as_str()),
            (Kind::Magnitude, "magnitude"),
            "{text}"
        );
    }
}

#[test]
fn a_disputed_figure_is_not_asserted() {
    let qs = read("We are told 1,240 are missing, but ninety is the honest number.");
    assert_eq!(qs[0].stance, Stance::Disputed);
    assert_eq!(qs[1].stance, Stance::Asserted);
    assert_eq!(
        one("He could face up to 20 years in prison.").stance,
        Stance::Hypothetical
    );
    assert_eq!(
        one("The quake killed 20 people in May.").stance,
        Stance::Asserted
    );
}

#[test]
fn past_events_and_ages_have_their_roles() {
    let text = "It was worse than the 1987 flood, which destroyed some 2,000 homes.";
    let mut qs = extract(text);
    read_sentence(text, &mut qs, None, Some(2020));
    let homes = qs.iter().find(|q| q.value == 2000.0).expect("read");
    assert_eq!(homes.role, Role::Past);
    let qs = read("The flood killed 6 people, said Ana Ruiz, 47, a nurse.");
    let roles: Vec<Role> = qs.iter().map(|q| q.role).collect();
    assert_eq!(roles, [Role::Story, Role::Age]);
    assert_eq!(one("A 61-year-old man was hurt.").role, Role::Age);
    let roles: Vec<Role> = read("The toll rose from 30 to 45.")
        .iter()
        .map(|q| q.role)
        .collect();
    assert_eq!(roles, [Role::Old, Role::Story]);
}

#[test]
fn holders_and_places_are_read_and_folded() {
    assert_eq!(field(&one("SkyJet cut 8% of its staff.").holder), "skyjet");
    assert_eq!(field(&one("BlueAir cut 15%.").holder), "blueair");
    assert_eq!(
        field(&one("Floods killed 9 people in São Paulo.").place),
        "sao paulo"
    );
    assert_eq!(field(&one("Police said 40 people died.").holder), "");
}

#[test]
fn borrows_the_event_of_the_sentence_before() {
    let text = "Officials counted 45 people.";
    let mut qs = extract(text);
    let previous = Previous {
        text: "The storm killed many.",
        has_figure: false,
    };
    read_sentence(text, &mut qs, Some(previous), None);
    assert_eq!(field(&qs[0].event), "deaths");
}

#[test]
fn attribution_is_read() {
    let q = one("About 12,000 people have died, according to the Health Ministry.");
    assert!(field(&q.source).contains("Health Ministry"), "{q:?}");
}

#[test]
fn a_corrected_figure_is_disputed_and_its_correction_counts_its_thing() {
    let qs = read("Early lists said 240 people were missing, but the real number is about 90.");
    assert_eq!(qs[0].stance, Stance::Disputed);
    assert_eq!(qs[1].stance, Stance::Asserted);
    assert_eq!(qs[1].event.as_deref(), Some("missing"));
    assert_eq!(qs[1].unit, "people");
}

#[test]
fn before_an_event_dates_a_level_but_not_a_count() {
    let level = one("The lake stood at 97% of capacity before the release began.");
    assert_eq!(level.scope.as_deref(), Some("before release"));
    let count = one("The gunman killed 12 people before the police arrived.");
    assert_eq!(count.scope, None);
}

#[test]
fn a_level_verb_is_no_event_and_its_subject_names_the_measure() {
    for text in [
        "Turnout in the election reached 61%.",
        "Officials said turnout in the election came in at as much as 61%.",
        "Turnout stood at about 61%, monitors said.",
    ] {
        let q = one(text);
        assert_eq!(q.event, None, "{text}");
        assert_eq!(field(&q.counted), "turnout", "{text}");
    }
    // A change is the event it states.
    let rise = one("The canal rose 1.4 metres overnight.");
    assert_eq!(field(&rise.event), "rise");
}
