//! Magnitudes of earthquakes: "magnitude 6.1", "a 5.9-magnitude quake", "6.0 on
//! the Richter scale", and by the words further around a figure: "a magnitude
//! of at least 5.9", "a 6.1 quake", "a 6.7-strength quake".

use crate::tokens::Tokens;

/// Whether the number at tokens `first..next` is a magnitude: "magnitude"
/// (or "magnitude-") before it, "magnitude" or "on the Richter scale" after it.
pub(super) fn magnitude(s: &Tokens, first: usize, next: usize) -> bool {
    let before = |k: usize| first.checked_sub(k).map_or("", |p| s.low(p));
    let after = |k: usize| s.low(next + k);
    before(1) == "magnitude"
        || (before(1) == "-" && before(2) == "magnitude")
        || after(0) == "magnitude"
        || (after(0) == "-" && after(1) == "magnitude")
        || (after(0) == "on" && after(1) == "the" && after(2) == "richter")
}

/// Words of earthquakes: a decimal right before them is a magnitude ("a 6.1 quake").
const QUAKES: &[&str] = &[
    "quake",
    "quakes",
    "earthquake",
    "earthquakes",
    "temblor",
    "tremor",
    "aftershock",
    "aftershocks",
];

/// Whether the figure at tokens `first..next` (value `v`) is a magnitude by the
/// words further around it: "a magnitude of 6.1", "put the magnitude at 5.9",
/// "magnitudes ranging from 3.6 to 4.3", "from 2.8 to 3.8 degrees on the
/// Richter scale", "a 6.1 quake", "a 6.7-strength quake", "5.9 Earthquake".
pub(super) fn magnitude_near(s: &Tokens, first: usize, next: usize, v: f64) -> bool {
    if !(0.0..10.0).contains(&v) {
        return false;
    }
    let after = |k: usize| s.low(next + k);
    let mut k = 0;
    if matches!(after(0), "degrees" | "degree" | "points" | "point") {
        k = 1;
    }
    if after(k) == "on" && after(k + 1) == "the" && after(k + 2) == "richter" {
        return true;
    }
    let quake_after = QUAKES.contains(&after(k))
        || (matches!(after(k), "-" | "strength") && QUAKES.contains(&after(k + 1)))
        || (after(k) == "-" && after(k + 1) == "strength" && QUAKES.contains(&after(k + 2)));
    // A decimal: "a 6.1 quake", not "6 quakes".
    if quake_after && v.fract() != 0.0 {
        return true;
    }
    let mut j = first;
    for _ in 0..6 {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        j = p;
        match s.low(j) {
            "magnitude" | "magnitudes" => return true,
            "of" | "at" | "a" | "an" | "the" | "put" | "was" | "is" | "ranging" | "from"
            | "between" | "least" | "about" | "around" | "some" | "nearly" | "quake's"
            | "measured" | "measuring" | "'s" | "’s" | "'" | "’" | "s" => {}
            _ => return false,
        }
    }
    false
}
