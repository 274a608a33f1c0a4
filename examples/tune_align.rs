//! Fits the alignment scorer's weights and threshold on a labelled pair file
//! (MRPC train), reproducibly: full-batch gradient descent from zero, no random
//! seed, so the same file always gives the same weights.
//!
//! cargo run --release --example tune_align -- \
//!     ../shared/benchmarks/paraphrase/mrpc_train.tsv [../shared/benchmarks/paraphrase/mrpc_test.tsv]
//!
//! Prints `WEIGHTS` and `DEFAULT_THRESHOLD` to paste into src/align/score.rs. The
//! optional second file is only scored with the fitted values, never used to fit.

use anyhow::{Context, Result};
use crossclaim::align::{FEATURE_NAMES, FEATURES, Scorer, combine};
use crossclaim::pairs::read_pairs;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train_path = args
        .first()
        .context("usage: tune_align TRAIN.tsv [TEST.tsv]")?;
    let (x, y) = load(train_path)?;
    let weights = fit(&x, &y);
    let (threshold, acc, f1) = best_threshold(&x, &y, &weights);
    println!("train: {} pairs, accuracy {acc:.3}, F1 {f1:.3}", y.len());
    for (name, w) in FEATURE_NAMES.iter().zip(&weights) {
        println!("  {name:>22} {w:+.4}");
    }
    let list: Vec<String> = weights.iter().map(|w| format!("{w:.4}")).collect();
    println!(
        "pub const WEIGHTS: [f64; FEATURES + 1] = [{}];",
        list.join(", ")
    );
    println!("pub const DEFAULT_THRESHOLD: f64 = {threshold:.3};");
    if let Some(test_path) = args.get(1) {
        let (x, y) = load(test_path)?;
        let (acc, f1) = measure(&x, &y, &weights, threshold);
        println!("test: {} pairs, accuracy {acc:.3}, F1 {f1:.3}", y.len());
    }
    Ok(())
}

type Row = [f64; FEATURES];

/// Features exactly as `crossclaim pairs` computes them (rarity from the file itself).
fn load(path: &str) -> Result<(Vec<Row>, Vec<bool>)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let pairs = read_pairs(&text)?;
    let scorer = Scorer::new(pairs.iter().flat_map(|p| [p.a, p.b]));
    let mut x = Vec::new();
    let mut y = Vec::new();
    for p in &pairs {
        let label = p.label.context("every row needs a label (0 or 1)")?;
        x.push(scorer.pair_features(&scorer.features(p.a), &scorer.features(p.b)));
        y.push(label);
    }
    Ok((x, y))
}

/// Logistic regression on standardised features with a small L2 penalty;
/// returns weights on the raw features, bias last.
fn fit(x: &[Row], y: &[bool]) -> [f64; FEATURES + 1] {
    let n = x.len() as f64;
    let mut mean = [0.0; FEATURES];
    let mut sd = [0.0; FEATURES];
    for row in x {
        for k in 0..FEATURES {
            mean[k] += row[k] / n;
        }
    }
    for row in x {
        for k in 0..FEATURES {
            sd[k] += (row[k] - mean[k]).powi(2) / n;
        }
    }
    let sd = sd.map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 });
    let z: Vec<Row> = x
        .iter()
        .map(|row| std::array::from_fn(|k| (row[k] - mean[k]) / sd[k]))
        .collect();
    let mut w = [0.0; FEATURES + 1];
    for _ in 0..20000 {
        let mut grad = [0.0; FEATURES + 1];
        for (row, &label) in z.iter().zip(y) {
            let err = combine(row, &w) - f64::from(u8::from(label));
            for k in 0..FEATURES {
                grad[k] += err * row[k] / n;
            }
            grad[FEATURES] += err / n;
        }
        for k in 0..FEATURES {
            grad[k] += 1e-3 * w[k];
        }
        for k in 0..=FEATURES {
            w[k] -= 0.5 * grad[k];
        }
    }
    let mut raw = [0.0; FEATURES + 1];
    raw[FEATURES] = w[FEATURES];
    for k in 0..FEATURES {
        raw[k] = w[k] / sd[k];
        raw[FEATURES] -= w[k] * mean[k] / sd[k];
    }
    raw
}

/// The threshold (to 0.005) with the best mean of accuracy and F1 on the fitting
/// data: both are targets, and accuracy alone leans towards "different".
fn best_threshold(x: &[Row], y: &[bool], w: &[f64; FEATURES + 1]) -> (f64, f64, f64) {
    let mut best = (0.5, 0.0, 0.0);
    for step in 1..200 {
        let t = f64::from(step) * 0.005;
        let (acc, f1) = measure(x, y, w, t);
        if acc + f1 > best.1 + best.2 {
            best = (t, acc, f1);
        }
    }
    best
}

fn measure(x: &[Row], y: &[bool], w: &[f64; FEATURES + 1], t: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for (row, &label) in x.iter().zip(y) {
        match (combine(row, w) >= t, label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            (false, false) => tn += 1.0,
        }
    }
    let acc = (tp + tn) / (tp + fp + fn_ + tn);
    let f1 = if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    };
    (acc, f1)
}
