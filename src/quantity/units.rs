//! Units after a number and currencies before it, each normalised to one unit per
//! dimension so that "48-hour" and "2 days" compare equal:
//! duration -> hour, length -> km, area -> hectare, volume -> litre, mass -> kg,
//! speed -> km_per_hour, temperature -> celsius, age -> year_of_age. Money keeps its
//! currency (no exchange rates); cents and pence become hundredths of it.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::Kind;
use crate::tokens::{Tok, Tokens};

/// One way of writing a unit: its words (tokens, lowercase) and the normalisation.
#[derive(Debug)]
pub(super) struct Unit {
    pub words: &'static [&'static str],
    pub unit: &'static str,
    pub kind: Kind,
    /// Normalised = written * factor + offset.
    pub factor: f64,
    pub offset: f64,
}

const fn u(words: &'static [&'static str], unit: &'static str, kind: Kind, factor: f64) -> Unit {
    Unit {
        words,
        unit,
        kind,
        factor,
        offset: 0.0,
    }
}

/// A share written as "one out of three": the fraction, shown in percent.
pub(super) static SHARE: Unit = u(&["out", "of"], "percent", Kind::Percent, 100.0);

/// "twice", "doubled": times, as the unit of a count or a multiple.
pub(super) static TIMES: Unit = u(&["times"], "times", Kind::Count, 1.0);

/// Months and days of a span given by two dates (spans.rs).
pub(super) static SPAN_MONTHS: Unit = u(&["months"], HOUR, Kind::Duration, 730.5);
pub(super) static SPAN_DAYS: Unit = u(&["days"], HOUR, Kind::Duration, 24.0);

const HOUR: &str = "hour";
const AGE: &str = "year_of_age";
const F_TO_C: f64 = 5.0 / 9.0;

#[rustfmt::skip]
static UNITS: &[Unit] = &[
    // Ages come first so that "61-year-old" is not a duration.
    u(&["years", "old"], AGE, Kind::Count, 1.0), u(&["year", "old"], AGE, Kind::Count, 1.0),
    u(&["year", "-", "old"], AGE, Kind::Count, 1.0), u(&["years", "-", "old"], AGE, Kind::Count, 1.0),
    u(&["years", "of", "age"], AGE, Kind::Count, 1.0), u(&["yo"], AGE, Kind::Count, 1.0),
    u(&["months", "old"], AGE, Kind::Count, 1.0 / 12.0), u(&["month", "-", "old"], AGE, Kind::Count, 1.0 / 12.0),
    u(&["months", "of", "age"], AGE, Kind::Count, 1.0 / 12.0),
    u(&["weeks", "old"], AGE, Kind::Count, 7.0 / 365.25), u(&["week", "-", "old"], AGE, Kind::Count, 7.0 / 365.25),
    u(&["weeks", "of", "age"], AGE, Kind::Count, 7.0 / 365.25),
    u(&["days", "old"], AGE, Kind::Count, 1.0 / 365.25), u(&["day", "old"], AGE, Kind::Count, 1.0 / 365.25),
    u(&["day", "-", "old"], AGE, Kind::Count, 1.0 / 365.25),
    // Durations, in hours.
    u(&["seconds"], HOUR, Kind::Duration, 1.0 / 3600.0), u(&["second"], HOUR, Kind::Duration, 1.0 / 3600.0),
    u(&["sec"], HOUR, Kind::Duration, 1.0 / 3600.0), u(&["secs"], HOUR, Kind::Duration, 1.0 / 3600.0),
    u(&["minutes"], HOUR, Kind::Duration, 1.0 / 60.0), u(&["minute"], HOUR, Kind::Duration, 1.0 / 60.0),
    u(&["min"], HOUR, Kind::Duration, 1.0 / 60.0), u(&["mins"], HOUR, Kind::Duration, 1.0 / 60.0),
    u(&["hours"], HOUR, Kind::Duration, 1.0), u(&["hour"], HOUR, Kind::Duration, 1.0),
    u(&["hrs"], HOUR, Kind::Duration, 1.0), u(&["hr"], HOUR, Kind::Duration, 1.0), u(&["h"], HOUR, Kind::Duration, 1.0),
    u(&["days"], HOUR, Kind::Duration, 24.0), u(&["day"], HOUR, Kind::Duration, 24.0),
    u(&["weeks"], HOUR, Kind::Duration, 168.0), u(&["week"], HOUR, Kind::Duration, 168.0),
    u(&["fortnight"], HOUR, Kind::Duration, 336.0), u(&["fortnights"], HOUR, Kind::Duration, 336.0),
    u(&["months"], HOUR, Kind::Duration, 730.5), u(&["month"], HOUR, Kind::Duration, 730.5),
    u(&["years"], HOUR, Kind::Duration, 8766.0), u(&["year"], HOUR, Kind::Duration, 8766.0),
    u(&["yrs"], HOUR, Kind::Duration, 8766.0), u(&["decades"], HOUR, Kind::Duration, 87_660.0),
    u(&["decade"], HOUR, Kind::Duration, 87_660.0), u(&["centuries"], HOUR, Kind::Duration, 876_600.0),
    u(&["century"], HOUR, Kind::Duration, 876_600.0),
    // Percentages.
    u(&["percent"], "percent", Kind::Percent, 1.0), u(&["per", "cent"], "percent", Kind::Percent, 1.0),
    u(&["percents"], "percent", Kind::Percent, 1.0), u(&["pc"], "percent", Kind::Percent, 1.0), u(&["percentage", "points"], "percentage_point", Kind::Percent, 1.0),
    u(&["percentage"], "percent", Kind::Percent, 1.0), u(&["%"], "percent", Kind::Percent, 1.0),
    // Speed before length ("miles an hour").
    u(&["miles", "per", "hour"], "km_per_hour", Kind::Speed, 1.609_344), u(&["miles", "an", "hour"], "km_per_hour", Kind::Speed, 1.609_344),
    u(&["mph"], "km_per_hour", Kind::Speed, 1.609_344), u(&["kph"], "km_per_hour", Kind::Speed, 1.0),
    u(&["kmph"], "km_per_hour", Kind::Speed, 1.0), u(&["kmh"], "km_per_hour", Kind::Speed, 1.0), u(&["km", "/", "h"], "km_per_hour", Kind::Speed, 1.0),
    u(&["km", "/", "hr"], "km_per_hour", Kind::Speed, 1.0), u(&["knots"], "km_per_hour", Kind::Speed, 1.852),
    u(&["kilometres", "per", "hour"], "km_per_hour", Kind::Speed, 1.0), u(&["kilometers", "per", "hour"], "km_per_hour", Kind::Speed, 1.0),
    u(&["kilometres", "an", "hour"], "km_per_hour", Kind::Speed, 1.0), u(&["kilometers", "an", "hour"], "km_per_hour", Kind::Speed, 1.0),
    // Area, in hectares.
    u(&["square", "miles"], "hectare", Kind::Area, 258.998_811), u(&["square", "mile"], "hectare", Kind::Area, 258.998_811),
    u(&["sq", "mi"], "hectare", Kind::Area, 258.998_811), u(&["sq", "miles"], "hectare", Kind::Area, 258.998_811),
    u(&["square", "kilometres"], "hectare", Kind::Area, 100.0), u(&["square", "kilometers"], "hectare", Kind::Area, 100.0),
    u(&["sq", "km"], "hectare", Kind::Area, 100.0), u(&["km", "2"], "hectare", Kind::Area, 100.0), u(&["km", "²"], "hectare", Kind::Area, 100.0),
    u(&["square", "metres"], "hectare", Kind::Area, 1e-4), u(&["square", "meters"], "hectare", Kind::Area, 1e-4),
    u(&["m", "2"], "hectare", Kind::Area, 1e-4), u(&["m", "²"], "hectare", Kind::Area, 1e-4),
    u(&["square", "feet"], "hectare", Kind::Area, 9.290_304e-6), u(&["sq", "ft"], "hectare", Kind::Area, 9.290_304e-6),
    u(&["acre", "-", "feet"], "litre", Kind::Volume, 1_233_481.837_5), u(&["acre", "-", "foot"], "litre", Kind::Volume, 1_233_481.837_5),
    u(&["acre", "feet"], "litre", Kind::Volume, 1_233_481.837_5),
    u(&["acres"], "hectare", Kind::Area, 0.404_685_642), u(&["acre"], "hectare", Kind::Area, 0.404_685_642),
    u(&["hectares"], "hectare", Kind::Area, 1.0), u(&["hectare"], "hectare", Kind::Area, 1.0), u(&["ha"], "hectare", Kind::Area, 1.0),
    // Volume, in litres.
    u(&["cubic", "kilometres"], "litre", Kind::Volume, 1e12), u(&["cubic", "kilometers"], "litre", Kind::Volume, 1e12),
    u(&["km", "3"], "litre", Kind::Volume, 1e12), u(&["cubic", "metres"], "litre", Kind::Volume, 1e3),
    u(&["cubic", "meters"], "litre", Kind::Volume, 1e3), u(&["m", "3"], "litre", Kind::Volume, 1e3),
    u(&["cubic", "feet"], "litre", Kind::Volume, 28.316_846_6), u(&["cubic", "foot"], "litre", Kind::Volume, 28.316_846_6),
    u(&["barrels"], "litre", Kind::Volume, 158.987_295), u(&["barrel"], "litre", Kind::Volume, 158.987_295),
    u(&["bbl"], "litre", Kind::Volume, 158.987_295), u(&["gallons"], "litre", Kind::Volume, 3.785_411_784),
    u(&["gallon"], "litre", Kind::Volume, 3.785_411_784), u(&["litres"], "litre", Kind::Volume, 1.0),
    u(&["liters"], "litre", Kind::Volume, 1.0), u(&["litre"], "litre", Kind::Volume, 1.0), u(&["liter"], "litre", Kind::Volume, 1.0),
    u(&["l"], "litre", Kind::Volume, 1.0), u(&["ml"], "litre", Kind::Volume, 1e-3),
    u(&["millilitres"], "litre", Kind::Volume, 1e-3), u(&["milliliters"], "litre", Kind::Volume, 1e-3),
    u(&["cups"], "litre", Kind::Volume, 0.236_588), u(&["cup"], "litre", Kind::Volume, 0.236_588),
    u(&["tablespoons"], "litre", Kind::Volume, 0.014_787), u(&["tbsp"], "litre", Kind::Volume, 0.014_787),
    u(&["teaspoons"], "litre", Kind::Volume, 0.004_929), u(&["teaspoon"], "litre", Kind::Volume, 0.004_929),
    u(&["tsp"], "litre", Kind::Volume, 0.004_929),
    // Length, in kilometres.
    u(&["nautical", "miles"], "km", Kind::Length, 1.852), u(&["kilometres"], "km", Kind::Length, 1.0),
    u(&["kilometers"], "km", Kind::Length, 1.0), u(&["kilometre"], "km", Kind::Length, 1.0),
    u(&["kilometer"], "km", Kind::Length, 1.0), u(&["km"], "km", Kind::Length, 1.0), u(&["kms"], "km", Kind::Length, 1.0),
    u(&["miles"], "km", Kind::Length, 1.609_344), u(&["mile"], "km", Kind::Length, 1.609_344),
    u(&["mi"], "km", Kind::Length, 1.609_344), u(&["metres"], "km", Kind::Length, 1e-3),
    u(&["meters"], "km", Kind::Length, 1e-3), u(&["metre"], "km", Kind::Length, 1e-3), u(&["meter"], "km", Kind::Length, 1e-3),
    u(&["m"], "km", Kind::Length, 1e-3), u(&["centimetres"], "km", Kind::Length, 1e-5),
    u(&["centimeters"], "km", Kind::Length, 1e-5), u(&["cm"], "km", Kind::Length, 1e-5),
    u(&["millimetres"], "km", Kind::Length, 1e-6), u(&["millimeters"], "km", Kind::Length, 1e-6),
    u(&["mm"], "km", Kind::Length, 1e-6), u(&["dm"], "km", Kind::Length, 1e-4),
    u(&["feet"], "km", Kind::Length, 3.048e-4), u(&["foot"], "km", Kind::Length, 3.048e-4), u(&["ft"], "km", Kind::Length, 3.048e-4),
    u(&["inches"], "km", Kind::Length, 2.54e-5), u(&["inch"], "km", Kind::Length, 2.54e-5),
    u(&["\""], "km", Kind::Length, 2.54e-5), u(&["yards"], "km", Kind::Length, 9.144e-4),
    u(&["yard"], "km", Kind::Length, 9.144e-4), u(&["yds"], "km", Kind::Length, 9.144e-4),
    u(&["micrometres"], "km", Kind::Length, 1e-9), u(&["micrometers"], "km", Kind::Length, 1e-9),
    u(&["microns"], "km", Kind::Length, 1e-9), u(&["micron"], "km", Kind::Length, 1e-9), u(&["μm"], "km", Kind::Length, 1e-9),
    u(&["nanometres"], "km", Kind::Length, 1e-12), u(&["nanometers"], "km", Kind::Length, 1e-12), u(&["nm"], "km", Kind::Length, 1e-12),
    // Digital storage, in bytes; power in watts, energy in kilowatt-hours, frequency in hertz.
    u(&["bytes"], "byte", Kind::Data, 1.0), u(&["kb"], "byte", Kind::Data, 1e3), u(&["kilobytes"], "byte", Kind::Data, 1e3),
    u(&["mb"], "byte", Kind::Data, 1e6), u(&["megabytes"], "byte", Kind::Data, 1e6), u(&["gb"], "byte", Kind::Data, 1e9),
    u(&["gigabytes"], "byte", Kind::Data, 1e9), u(&["tb"], "byte", Kind::Data, 1e12), u(&["terabytes"], "byte", Kind::Data, 1e12),
    u(&["pb"], "byte", Kind::Data, 1e15), u(&["petabytes"], "byte", Kind::Data, 1e15),
    u(&["w"], "watt", Kind::Power, 1.0), u(&["watts"], "watt", Kind::Power, 1.0), u(&["kw"], "watt", Kind::Power, 1e3),
    u(&["kilowatts"], "watt", Kind::Power, 1e3), u(&["mw"], "watt", Kind::Power, 1e6), u(&["megawatts"], "watt", Kind::Power, 1e6),
    u(&["gw"], "watt", Kind::Power, 1e9), u(&["gigawatts"], "watt", Kind::Power, 1e9),
    u(&["kwh"], "kwh", Kind::Energy, 1.0), u(&["kilowatt", "-", "hours"], "kwh", Kind::Energy, 1.0),
    u(&["mwh"], "kwh", Kind::Energy, 1e3), u(&["megawatt", "-", "hours"], "kwh", Kind::Energy, 1e3),
    u(&["gwh"], "kwh", Kind::Energy, 1e6), u(&["gigawatt", "-", "hours"], "kwh", Kind::Energy, 1e6),
    u(&["twh"], "kwh", Kind::Energy, 1e9), u(&["terawatt", "-", "hours"], "kwh", Kind::Energy, 1e9),
    u(&["hz"], "hertz", Kind::Frequency, 1.0), u(&["hertz"], "hertz", Kind::Frequency, 1.0), u(&["khz"], "hertz", Kind::Frequency, 1e3),
    u(&["kilohertz"], "hertz", Kind::Frequency, 1e3), u(&["mhz"], "hertz", Kind::Frequency, 1e6), u(&["megahertz"], "hertz", Kind::Frequency, 1e6),
    u(&["ghz"], "hertz", Kind::Frequency, 1e9), u(&["gigahertz"], "hertz", Kind::Frequency, 1e9),
    // Mass, in kilograms.
    u(&["metric", "tons"], "kg", Kind::Mass, 1e3), u(&["metric", "tonnes"], "kg", Kind::Mass, 1e3),
    u(&["tonnes"], "kg", Kind::Mass, 1e3), u(&["tonne"], "kg", Kind::Mass, 1e3),
    u(&["tons"], "kg", Kind::Mass, 907.185), u(&["ton"], "kg", Kind::Mass, 907.185), u(&["t"], "kg", Kind::Mass, 1e3),
    u(&["kilograms"], "kg", Kind::Mass, 1.0), u(&["kilogram"], "kg", Kind::Mass, 1.0), u(&["kilos"], "kg", Kind::Mass, 1.0),
    u(&["kg"], "kg", Kind::Mass, 1.0), u(&["grams"], "kg", Kind::Mass, 1e-3), u(&["gram"], "kg", Kind::Mass, 1e-3),
    u(&["g"], "kg", Kind::Mass, 1e-3), u(&["mg"], "kg", Kind::Mass, 1e-6), u(&["milligrams"], "kg", Kind::Mass, 1e-6),
    u(&["micrograms"], "kg", Kind::Mass, 1e-9), u(&["microgram"], "kg", Kind::Mass, 1e-9), u(&["μg"], "kg", Kind::Mass, 1e-9),
    u(&["pounds"], "kg", Kind::Mass, 0.453_592), u(&["pound"], "kg", Kind::Mass, 0.453_592),
    u(&["lbs"], "kg", Kind::Mass, 0.453_592), u(&["lb"], "kg", Kind::Mass, 0.453_592),
    u(&["ounces"], "kg", Kind::Mass, 0.028_35), u(&["ounce"], "kg", Kind::Mass, 0.028_35), u(&["oz"], "kg", Kind::Mass, 0.028_35),
    u(&["gigatonnes"], "kg", Kind::Mass, 1e12), u(&["gigatonne"], "kg", Kind::Mass, 1e12), u(&["gigatons"], "kg", Kind::Mass, 1e12),
    u(&["gt"], "kg", Kind::Mass, 1e12), u(&["megatonnes"], "kg", Kind::Mass, 1e9), u(&["megatonne"], "kg", Kind::Mass, 1e9),
    u(&["megatons"], "kg", Kind::Mass, 1e9), u(&["mt"], "kg", Kind::Mass, 1e9), u(&["kilotonnes"], "kg", Kind::Mass, 1e6),
    u(&["kilotonne"], "kg", Kind::Mass, 1e6), u(&["kilotons"], "kg", Kind::Mass, 1e6), u(&["kiloton"], "kg", Kind::Mass, 1e6),
    u(&["kt"], "kg", Kind::Mass, 1e6),
    // Temperature, in degrees Celsius ("30C" only glued and in capitals).
    u(&["c"], "celsius", Kind::Temperature, 1.0),
    Unit { words: &["f"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    u(&["degrees", "celsius"], "celsius", Kind::Temperature, 1.0), u(&["degree", "celsius"], "celsius", Kind::Temperature, 1.0),
    u(&["degrees", "centigrade"], "celsius", Kind::Temperature, 1.0), u(&["degrees", "c"], "celsius", Kind::Temperature, 1.0),
    u(&["deg", "c"], "celsius", Kind::Temperature, 1.0), u(&["deg", "celsius"], "celsius", Kind::Temperature, 1.0),
    u(&["°", "c"], "celsius", Kind::Temperature, 1.0), u(&["celsius"], "celsius", Kind::Temperature, 1.0),
    u(&["celcius"], "celsius", Kind::Temperature, 1.0), u(&["kelvin"], "celsius", Kind::Temperature, 1.0),
    Unit { words: &["degrees", "fahrenheit"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    Unit { words: &["degree", "fahrenheit"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    Unit { words: &["degrees", "farenheit"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    Unit { words: &["degrees", "f"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    Unit { words: &["°", "f"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    Unit { words: &["fahrenheit"], unit: "celsius", kind: Kind::Temperature, factor: F_TO_C, offset: -32.0 * F_TO_C },
    u(&["degrees"], "degree", Kind::Temperature, 1.0), u(&["degree"], "degree", Kind::Temperature, 1.0),
    u(&["deg"], "degree", Kind::Temperature, 1.0), u(&["°"], "degree", Kind::Temperature, 1.0),
    // Money written after the amount.
    u(&["us", "dollars"], "usd", Kind::Money, 1.0), u(&["us", "dollar"], "usd", Kind::Money, 1.0),
    u(&["australian", "dollars"], "aud", Kind::Money, 1.0), u(&["canadian", "dollars"], "cad", Kind::Money, 1.0),
    u(&["hong", "kong", "dollars"], "hkd", Kind::Money, 1.0),
    u(&["dollars"], "usd", Kind::Money, 1.0), u(&["dollar"], "usd", Kind::Money, 1.0), u(&["usd"], "usd", Kind::Money, 1.0),
    u(&["musd"], "usd", Kind::Money, 1e6), u(&["$"], "usd", Kind::Money, 1.0),
    u(&["cents"], "usd", Kind::Money, 0.01), u(&["cent"], "usd", Kind::Money, 0.01),
    u(&["pence"], "gbp", Kind::Money, 0.01), u(&["p"], "gbp", Kind::Money, 0.01), u(&["penny"], "gbp", Kind::Money, 0.01), u(&["pennies"], "gbp", Kind::Money, 0.01),
    u(&["pounds", "sterling"], "gbp", Kind::Money, 1.0), u(&["gbp"], "gbp", Kind::Money, 1.0),
    u(&["mgbp"], "gbp", Kind::Money, 1e6), u(&["£"], "gbp", Kind::Money, 1.0),
    u(&["euros"], "eur", Kind::Money, 1.0), u(&["euro"], "eur", Kind::Money, 1.0), u(&["eur"], "eur", Kind::Money, 1.0),
    u(&["meur"], "eur", Kind::Money, 1e6), u(&["€"], "eur", Kind::Money, 1.0),
    u(&["yen"], "jpy", Kind::Money, 1.0), u(&["chinese", "yuan"], "cny", Kind::Money, 1.0), u(&["yuan"], "cny", Kind::Money, 1.0),
    u(&["rmb"], "cny", Kind::Money, 1.0), u(&["renminbi"], "cny", Kind::Money, 1.0),
    u(&["swiss", "francs"], "chf", Kind::Money, 1.0), u(&["francs"], "franc", Kind::Money, 1.0),
    u(&["finnish", "markka"], "fim", Kind::Money, 1.0), u(&["markka"], "fim", Kind::Money, 1.0),
    u(&["pesetas"], "esp", Kind::Money, 1.0), u(&["dutch", "guilders"], "nlg", Kind::Money, 1.0),
    u(&["guilders"], "nlg", Kind::Money, 1.0), u(&["turkish", "lira"], "try", Kind::Money, 1.0),
    u(&["lira"], "try", Kind::Money, 1.0), u(&["rupees"], "inr", Kind::Money, 1.0),
    u(&["roubles"], "rub", Kind::Money, 1.0), u(&["rubles"], "rub", Kind::Money, 1.0), u(&["pesos"], "peso", Kind::Money, 1.0),
    // How many times ("shot seven times"); a multiple when a comparison follows (extract.rs).
    u(&["times"], "times", Kind::Count, 1.0),
];

/// Unit spellings grouped by first word, longest first.
static BY_FIRST: LazyLock<FxHashMap<&'static str, Vec<&'static Unit>>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, Vec<&'static Unit>> = FxHashMap::default();
    for unit in UNITS {
        map.entry(unit.words[0]).or_default().push(unit);
    }
    for list in map.values_mut() {
        list.sort_by_key(|u| std::cmp::Reverse(u.words.len()));
    }
    map
});

/// Single letters and symbols that are units only when glued to the number or
/// followed by no word ("3 h", "1 m x 1 m"), never in "2 in April" style text.
fn needs_glue(w: &str) -> bool {
    matches!(
        w,
        "h" | "m" | "l" | "g" | "t" | "\"" | "mi" | "$" | "ha" | "min" | "mb" | "kb" | "pb"
    ) || glue_only(w)
}

/// Abbreviations that are units only glued to the number ("30C", "5p", "12pc",
/// "4W", "7nm"); spaced, they are letters or words ("grade 5 C", "page 5 p").
fn glue_only(w: &str) -> bool {
    matches!(w, "c" | "f" | "p" | "pc" | "w" | "mt" | "gt" | "kt" | "nm")
}

/// The unit written at token `j`, and the token after it.
pub(super) fn unit_at(s: &Tokens, j: usize) -> Option<(&'static Unit, usize)> {
    let first = s.low(j);
    let list = BY_FIRST.get(first)?;
    list.iter().find_map(|&unit| {
        let n = unit.words.len();
        let all = unit.words.iter().enumerate().all(|(k, w)| {
            s.low(j + k) == *w && (k == 0 || !matches!(*w, "2" | "3" | "-") || s.glued(j + k))
        });
        // A unit word must end where the token ends: "m212" is a code, not metres.
        let clean_end = !(s.glued(j + n) && matches!(s.kind(j + n), Some(Tok::Num | Tok::Word)));
        // "7 nm" spaced is nanometres; "NM" spaced is New Mexico.
        let nm = s.raw(j) == "nm";
        let loose_ok =
            !needs_glue(first) || s.glued(j) || nm || !matches!(s.kind(j + n), Some(Tok::Word));
        // "30C" and "86F" are temperatures; "30c" is cents and "5f" nothing.
        let case_ok = !matches!(first, "c" | "f") || glued_degrees(s, j);
        let glue_ok = !glue_only(first) || s.glued(j) || nm;
        // "a second-floor office", "the 2006 second-overall pick": an ordinal.
        let ordinal = first == "second"
            && s.low(j + 1) == "-"
            && s.glued(j + 1)
            && s.kind(j + 2) == Some(Tok::Word);
        // A closing quotation mark after a number is no inch ("Firefox 2".").
        let quote = first == "\"" && s.text[..s.toks[j].start].matches('"').count() % 2 == 1;
        if ordinal || quote {
            return None;
        }
        (all && clean_end && loose_ok && case_ok && glue_ok).then_some((unit, j + n))
    })
}

/// "30C", "86F": a capital C or F glued to the number, then no noun, verb or
/// symbol ("the 13F filing", "14.7C/ per share", "When must 13F be filed").
fn glued_degrees(s: &Tokens, j: usize) -> bool {
    // "a Boeing 777F": a model after a name.
    let named = j >= 3 && s.capitalised(j - 2) && s.kind(j - 3) == Some(Tok::Word);
    s.raw(j).starts_with(['C', 'F'])
        && !named
        && match s.kind(j + 1) {
            None => true,
            Some(Tok::Word) => matches!(
                s.low(j + 1),
                "to" | "and"
                    | "or"
                    | "in"
                    | "on"
                    | "at"
                    | "by"
                    | "for"
                    | "as"
                    | "from"
                    | "with"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "today"
                    | "tomorrow"
                    | "yesterday"
                    | "overnight"
            ),
            Some(Tok::Punct) => matches!(s.low(j + 1), "." | "," | ";" | ")" | "-" | "–" | "!"),
            Some(Tok::Num) => false,
        }
}

/// A currency written before the amount ("$", "US$", "c $", "£", "EUR", "RM45",
/// "$US12", "Rs 500"): code and first token.
pub(super) fn currency_before(s: &Tokens, i: usize) -> Option<(&'static str, usize)> {
    let j = i.checked_sub(1)?;
    let code = match s.low(j) {
        "$" => return Some(dollar(s, j)),
        "£" => "gbp",
        "€" => "eur",
        "¥" => "jpy",
        "₹" => "inr",
        "₩" => "krw",
        "₪" => "ils",
        "₱" => "php",
        "₽" => "rub",
        "₺" => "try",
        "₦" => "ngn",
        "usd" => "usd",
        "eur" => "eur",
        "gbp" => "gbp",
        "jpy" => "jpy",
        "cny" | "rmb" => "cny",
        "chf" => "chf",
        "dollar" => "usd",
        // "Rs. 500": the abbreviation's full stop.
        "." if j > 0 && matches!(s.low(j - 1), "rs" | "dhs") && s.glued(j) => {
            return Some((if s.low(j - 1) == "rs" { "inr" } else { "aed" }, j - 1));
        }
        // Codes and letters name the currency of digits only; most tokens are
        // words, so they are not looked up.
        _ if s.kind(i) != Some(Tok::Num) => return None,
        _ => {
            // "$US12 million", "$A1.2m": the letters after the dollar sign name it.
            if s.kind(j) == Some(Tok::Word)
                && s.glued(i)
                && j > 0
                && s.low(j - 1) == "$"
                && s.glued(j)
            {
                let code = match s.low(j) {
                    "us" => "usd",
                    "a" | "au" => "aud",
                    "c" | "can" => "cad",
                    "nz" => "nzd",
                    "hk" => "hkd",
                    "s" => "sgd",
                    _ => return None,
                };
                return Some((code, j - 1));
            }
            return coded(s, j, i).map(|code| (code, j));
        }
    };
    Some((code, j))
}

/// "$" at token `j`, with the letters that may name its dollar before it.
fn dollar(s: &Tokens, j: usize) -> (&'static str, usize) {
    let prefix = j.checked_sub(1).map_or("", |p| s.low(p));
    // "u.s $": the letters before the dollar sign name the dollar.
    if prefix == "s" && j >= 3 && s.low(j - 2) == "." && s.low(j - 3) == "u" {
        return ("usd", j - 3);
    }
    // One letter names a dollar only glued to it: "it's $5" is no Singapore dollar.
    let glued = s.glued(j);
    let code = match prefix {
        "us" | "usd" => "usd",
        "c" | "ca" | "cad" | "can" => "cad",
        "a" if glued => "aud",
        "au" | "aud" => "aud",
        "hk" | "hkd" => "hkd",
        "nz" | "nzd" => "nzd",
        "mx" | "mxn" | "mex" => "mxn",
        "nt" => "twd",
        "s" if glued => "sgd",
        "sg" | "sgd" => "sgd",
        "r" if glued => "brl",
        _ => return ("usd", j),
    };
    (code, j - 1)
}

/// A currency written as a code or a word (`data/quantity/currencies.tsv`).
struct Currency {
    code: &'static str,
    upper: bool,
    /// Only glued to an amount with a scale ("e85 million", "p74million": € and £ lost).
    scaled: bool,
    before: bool,
    after: bool,
}

static CURRENCIES: LazyLock<FxHashMap<&'static str, Currency>> = LazyLock::new(|| {
    include_str!("../../data/quantity/currencies.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (written, code, case, place) = (f.next()?, f.next()?, f.next()?, f.next()?);
            let currency = Currency {
                code,
                upper: case == "upper",
                scaled: case == "scaled",
                before: place != "after",
                after: place != "before",
            };
            Some((written, currency))
        })
        .collect()
});

/// The currency code or word at token `j`, written before the number at token `i`.
fn coded(s: &Tokens, j: usize, i: usize) -> Option<&'static str> {
    let c = CURRENCIES.get(s.low(j)).filter(|c| c.before)?;
    let raw = s.raw(j);
    if c.upper && raw.chars().any(char::is_lowercase) {
        return None;
    }
    if c.scaled {
        let scale = super::numbers::scale_word(s.low(i + 1)).is_some_and(|m| m >= 1e6)
            || matches!(s.low(i + 1), "m" | "bn" | "mn");
        let lower = raw.bytes().all(|b| b.is_ascii_lowercase());
        return (lower && s.glued(i) && scale).then_some(c.code);
    }
    // A code stands apart from the word before it ("the RM45", not "FORM45").
    if j > 0 && s.glued(j) && s.kind(j - 1) == Some(Tok::Word) {
        return None;
    }
    // "euro110 billion" (AP style) is glued; "the euro 1.5 percent" is no amount.
    if matches!(s.low(j), "euro" | "euros") && !s.glued(i) {
        return None;
    }
    // Short codes ("PS" and "Y" of old wire text for £ and ¥, "R" for rand, "RM")
    // only glued to an amount, and not a console or a year ("PS3", "Y2K", "R2"):
    // ten or more, or with a scale.
    if c.upper && raw.len() <= 2 {
        let t = s.toks.get(i)?;
        let scaled = super::numbers::scale_word(s.low(i + 1)).is_some()
            || matches!(s.low(i + 1), "m" | "bn" | "mn");
        let big = t.value >= 10.0 || !t.plain;
        let tail_ok = !s.glued(i + 1) || s.kind(i + 1) != Some(Tok::Word) || scaled;
        if !s.glued(i) || !(big || scaled) || !tail_ok {
            return None;
        }
    }
    Some(c.code)
}

/// The currency code or word written at token `j` after an amount ("500 SEK", "40 shekels").
pub(super) fn currency_after(s: &Tokens, j: usize) -> Option<&'static str> {
    let c = CURRENCIES.get(s.low(j)).filter(|c| c.after)?;
    let upper_ok = !c.upper || !s.raw(j).chars().any(char::is_lowercase);
    let clean_end = !(s.glued(j + 1) && matches!(s.kind(j + 1), Some(Tok::Num | Tok::Word)));
    (upper_ok && clean_end).then_some(c.code)
}
