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
use crossclaim::align::{FEATURE_NAMES, FEATURES, Features, Scorer, combine};
use crossclaim::pairs::read_pairs;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train_path = args
        .first()
        .context("usage: tune_align TRAIN.tsv [TEST.tsv]")?;
    let train = load(train_path)?;
    let weights = fit(&train.x, &train.y);
    let (threshold, acc, f1) = best_threshold(&train.scores(&weights), &train.y);
    println!(
        "train: {} pairs, accuracy {acc:.3}, F1 {f1:.3}",
        train.y.len()
    );
    for (name, w) in FEATURE_NAMES.iter().zip(&weights) {
        println!("  {name:>22} {w:+.4}");
    }
    let list: Vec<String> = weights.iter().map(|w| format!("{w:.4}")).collect();
    println!(
        "pub const WEIGHTS: [f64; FEATURES + 1] = [{}];",
        list.join(", ")
    );
    println!("pub const DEFAULT_THRESHOLD: f64 = {threshold:.3};");
    if std::env::var_os("SWEEP").is_some() {
        let parts: Vec<(f64, f64)> = train
            .prepared
            .iter()
            .map(|(a, b)| train.scorer.score_parts(a, b, &weights))
            .collect();
        for wt in [0.51, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1.01] {
            let scores: Vec<f64> = parts
                .iter()
                .map(|&(w, c)| if c >= wt { w.max(c) } else { w })
                .collect();
            let (t, acc, f1) = best_threshold(&scores, &train.y);
            println!("window bar {wt}: threshold {t:.3} train accuracy {acc:.3} F1 {f1:.3}");
        }
    }
    if let Some(test_path) = args.get(1) {
        let test = load(test_path)?;
        let (acc, f1) = measure(&test.scores(&weights), &test.y, threshold);
        println!(
            "test: {} pairs, accuracy {acc:.3}, F1 {f1:.3}",
            test.y.len()
        );
    }
    Ok(())
}

type Row = [f64; FEATURES];

/// A labelled pair file prepared exactly as `crossclaim pairs` prepares it
/// (rarity from the file itself).
struct Labelled {
    scorer: Scorer,
    prepared: Vec<(Features, Features)>,
    /// The measures of each whole pair: what the weights are fitted on.
    x: Vec<Row>,
    y: Vec<bool>,
}

impl Labelled {
    /// The scores `crossclaim pairs` would give with these weights.
    fn scores(&self, weights: &[f64; FEATURES + 1]) -> Vec<f64> {
        self.prepared
            .iter()
            .map(|(a, b)| self.scorer.score_parts(a, b, weights).0)
            .collect()
    }
}

fn load(path: &str) -> Result<Labelled> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let pairs = read_pairs(&text)?;
    let scorer = Scorer::new(pairs.iter().flat_map(|p| [p.a, p.b]));
    let (mut prepared, mut x, mut y) = (Vec::new(), Vec::new(), Vec::new());
    for p in &pairs {
        let label = p.label.context("every row needs a label (0 or 1)")?;
        let (a, b) = (scorer.features(p.a), scorer.features(p.b));
        x.push(scorer.pair_features(&a, &b));
        prepared.push((a, b));
        y.push(label);
    }
    Ok(Labelled {
        scorer,
        prepared,
        x,
        y,
    })
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
fn best_threshold(scores: &[f64], y: &[bool]) -> (f64, f64, f64) {
    let mut best = (0.5, 0.0, 0.0);
    for step in 1..200 {
        let t = f64::from(step) * 0.005;
        let (acc, f1) = measure(scores, y, t);
        if acc + f1 > best.1 + best.2 {
            best = (t, acc, f1);
        }
    }
    best
}

fn measure(scores: &[f64], y: &[bool], t: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for (&score, &label) in scores.iter().zip(y) {
        match (score >= t, label) {
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
