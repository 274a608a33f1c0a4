//! Fits the alignment scorer's weights and threshold on a labelled pair file
//! (MRPC train), reproducibly: Newton's method from zero, folds by row index,
//! no random seed, so the same file always gives the same weights.
//!
//! cargo run --release --example tune_align -- \
//!     ../shared/benchmarks/paraphrase/mrpc_train.tsv [../shared/benchmarks/paraphrase/mrpc_test.tsv]
//!
//! The L2 strength and the threshold rule are chosen by 10-fold cross-validation
//! on the first file (fold = row index mod 10): each fold is fitted and given a
//! threshold on the other nine, and the pooled held-out decisions are scored.
//! The pick is the one whose worse margin over the targets of issue 5
//! (accuracy 0.76, F1 0.83) is largest; margins within `TIE` of it count as
//! tied, and the strongest L2 among them wins (the best of its two rules).
//! Prints `WEIGHTS` and `DEFAULT_THRESHOLD` to paste into src/align/score.rs.
//! The optional second file is only scored with the fitted values, never used
//! to choose or fit.
//! `DUMP=FILE` also writes the measures of every pair of the first file as CSV.

use anyhow::{Context, Result};
use crossclaim::align::{FEATURE_NAMES, FEATURES, Features, Scorer};
use crossclaim::pairs::read_pairs;

/// The L2 strengths cross-validation chooses from.
const L2: [f64; 5] = [1e-4, 1e-3, 3e-3, 1e-2, 3e-2];
const FOLDS: usize = 10;
/// Margins closer than this (about four pairs of MRPC train) are one margin to
/// cross-validation. With the WordNet measures, L2 1e-4 beat 1e-3 by 0.0008
/// but fitted weights four times larger (bias 14.3 against 4.2), and those
/// scored the generated corpus of `make bench` lower (pair F1 0.746 against
/// 0.748 at 100k): between ties, the smaller weights.
const TIE: f64 = 0.001;
/// Issue 5's targets on MRPC test, which the margin rule aims past.
const TARGET_ACCURACY: f64 = 0.76;
const TARGET_F1: f64 = 0.83;

/// How a threshold is chosen on the scores of the fitting data.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// The best mean of accuracy and F1.
    Mean,
    /// The largest worse margin over the two targets.
    Margin,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train_path = args
        .first()
        .context("usage: tune_align TRAIN.tsv [TEST.tsv]")?;
    let train = load(train_path)?;
    if let Some(path) = std::env::var_os("DUMP") {
        let mut out = FEATURE_NAMES.join(",") + ",label\n";
        for (row, &label) in train.x.iter().zip(&train.y) {
            let cells: Vec<String> = row.iter().map(|v| format!("{v}")).collect();
            out += &format!("{},{}\n", cells.join(","), u8::from(label));
        }
        std::fs::write(&path, out).context("cannot write the dump")?;
    }
    let mut results = Vec::new();
    println!("{FOLDS}-fold cross-validation on {train_path}:");
    for l2 in L2 {
        for rule in [Rule::Mean, Rule::Margin] {
            let (acc, f1) = cross_validate(&train, l2, rule);
            let margin = (acc - TARGET_ACCURACY).min(f1 - TARGET_F1);
            println!(
                "  L2 {l2:<6} {:<6} accuracy {acc:.4} F1 {f1:.4} margin {margin:+.4}",
                format!("{rule:?}")
            );
            results.push((margin, l2, rule));
        }
    }
    let top = results.iter().map(|r| r.0).fold(f64::MIN, f64::max);
    let (_, l2, rule) = results
        .into_iter()
        .filter(|r| r.0 >= top - TIE)
        .max_by(|x, y| x.1.total_cmp(&y.1).then(x.0.total_cmp(&y.0)))
        .context("no L2 strength to choose from")?;
    println!("chosen: L2 {l2}, rule {rule:?}");
    let weights = fit(&train.x, &train.y, l2);
    let scores = train.scores(&weights);
    let threshold = choose_threshold(&scores, &train.y, rule);
    let (acc, f1) = measure(&scores, &train.y, threshold);
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

/// Accuracy and F1 of the pooled held-out decisions when each fold is fitted
/// and thresholded on the others, as the full file is at the end.
fn cross_validate(data: &Labelled, l2: f64, rule: Rule) -> (f64, f64) {
    let mut decided = vec![0.0; data.y.len()];
    for fold in 0..FOLDS {
        let rest: Vec<usize> = (0..data.y.len()).filter(|i| i % FOLDS != fold).collect();
        let x: Vec<Row> = rest.iter().map(|&i| data.x[i]).collect();
        let y: Vec<bool> = rest.iter().map(|&i| data.y[i]).collect();
        let weights = fit(&x, &y, l2);
        let scores: Vec<f64> = rest.iter().map(|&i| data.score(i, &weights)).collect();
        let threshold = choose_threshold(&scores, &y, rule);
        for i in (0..data.y.len()).filter(|i| i % FOLDS == fold) {
            decided[i] = f64::from(u8::from(data.score(i, &weights) >= threshold));
        }
    }
    measure(&decided, &data.y, 0.5)
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
        (0..self.y.len()).map(|i| self.score(i, weights)).collect()
    }

    fn score(&self, i: usize, weights: &[f64; FEATURES + 1]) -> f64 {
        let (a, b) = &self.prepared[i];
        self.scorer.score_parts(a, b, weights).0
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

/// Logistic regression on standardised features with an L2 penalty (not on
/// the bias), by Newton's method to convergence; returns weights on the raw
/// features, bias last.
fn fit(x: &[Row], y: &[bool], l2: f64) -> [f64; FEATURES + 1] {
    const Q: usize = FEATURES + 1;
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
    let z: Vec<[f64; Q]> = x
        .iter()
        .map(|row| {
            std::array::from_fn(|k| {
                if k < FEATURES {
                    (row[k] - mean[k]) / sd[k]
                } else {
                    1.0
                }
            })
        })
        .collect();
    let mut w = [0.0; Q];
    for _ in 0..100 {
        let mut grad = [0.0; Q];
        let mut hessian = vec![[0.0; Q]; Q];
        for (row, &label) in z.iter().zip(y) {
            let p = 1.0 / (1.0 + (-row.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()).exp());
            let (err, curve) = (p - f64::from(u8::from(label)), p * (1.0 - p) / n);
            for i in 0..Q {
                grad[i] += err * row[i] / n;
                for j in 0..=i {
                    hessian[i][j] += curve * row[i] * row[j];
                }
            }
        }
        for k in 0..FEATURES {
            grad[k] += l2 * w[k];
            hessian[k][k] += l2;
        }
        hessian[FEATURES][FEATURES] += 1e-9;
        let step = solve(&hessian, &grad);
        let mut largest = 0.0f64;
        for k in 0..Q {
            w[k] -= step[k];
            largest = largest.max(step[k].abs());
        }
        if largest < 1e-10 {
            break;
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

/// Solves `h x = g` for a symmetric positive definite `h` given by its lower
/// triangle, by Cholesky.
fn solve<const Q: usize>(h: &[[f64; Q]], g: &[f64; Q]) -> [f64; Q] {
    let mut l = vec![[0.0; Q]; Q];
    for i in 0..Q {
        for j in 0..=i {
            let s = h[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            l[i][j] = if i == j {
                s.max(1e-300).sqrt()
            } else {
                s / l[j][j]
            };
        }
    }
    let mut t = [0.0; Q];
    for i in 0..Q {
        t[i] = (g[i] - (0..i).map(|k| l[i][k] * t[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = [0.0; Q];
    for i in (0..Q).rev() {
        x[i] = (t[i] - (i + 1..Q).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

/// The threshold (to 0.005) that `rule` picks on the fitting data: both
/// accuracy and F1 are targets, and accuracy alone leans towards "different".
fn choose_threshold(scores: &[f64], y: &[bool], rule: Rule) -> f64 {
    let mut best = (0.5, f64::MIN);
    for step in 1..200 {
        let t = f64::from(step) * 0.005;
        let (acc, f1) = measure(scores, y, t);
        let value = match rule {
            Rule::Mean => acc + f1,
            Rule::Margin => (acc - TARGET_ACCURACY).min(f1 - TARGET_F1),
        };
        if value > best.1 {
            best = (t, value);
        }
    }
    best.0
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
