//! Logistic regression with an L2 penalty, fitted by Newton's method from
//! zero on standardised features: no random seed, so the same rows always
//! give the same weights. Used by the examples that fit the project's models
//! (`examples/tune_figures.rs`); the library only evaluates fitted models.

/// Fits weights (one per feature, then the bias) to rows `x` and labels `y`.
pub fn fit(x: &[Vec<f64>], y: &[bool], l2: f64) -> Vec<f64> {
    let q = x.first().map_or(0, Vec::len) + 1;
    let n = x.len().max(1) as f64;
    let d = q - 1;
    let mut mean = vec![0.0; d];
    let mut sd = vec![0.0; d];
    for row in x {
        for k in 0..d {
            mean[k] += row[k] / n;
        }
    }
    for row in x {
        for k in 0..d {
            sd[k] += (row[k] - mean[k]).powi(2) / n;
        }
    }
    let sd: Vec<f64> = sd
        .into_iter()
        .map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 })
        .collect();
    let z: Vec<Vec<f64>> = x
        .iter()
        .map(|row| {
            (0..q)
                .map(|k| {
                    if k < d {
                        (row[k] - mean[k]) / sd[k]
                    } else {
                        1.0
                    }
                })
                .collect()
        })
        .collect();
    let mut w = vec![0.0; q];
    for _ in 0..100 {
        let mut grad = vec![0.0; q];
        let mut hessian = vec![vec![0.0; q]; q];
        for (row, &label) in z.iter().zip(y) {
            let p = sigmoid(row.iter().zip(&w).map(|(a, b)| a * b).sum());
            let (err, curve) = (p - f64::from(u8::from(label)), p * (1.0 - p) / n);
            for i in 0..q {
                grad[i] += err * row[i] / n;
                for j in 0..=i {
                    hessian[i][j] += curve * row[i] * row[j];
                }
            }
        }
        // The penalty leaves the bias alone.
        for i in 0..d {
            grad[i] += l2 * w[i];
            hessian[i][i] += l2;
        }
        for (i, row) in hessian.iter_mut().enumerate() {
            row[i] += 1e-9;
        }
        let step = solve(&hessian, &grad);
        let mut size = 0.0f64;
        for i in 0..q {
            w[i] -= step[i];
            size = size.max(step[i].abs());
        }
        if size < 1e-10 {
            break;
        }
    }
    // Back to the features' own scale.
    let mut out = vec![0.0; q];
    let mut bias = w[q - 1];
    for k in 0..d {
        out[k] = w[k] / sd[k];
        bias -= w[k] * mean[k] / sd[k];
    }
    out[q - 1] = bias;
    out
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Solves `h x = g` for a symmetric positive definite `h` whose lower
/// triangle is filled (Cholesky).
fn solve(h: &[Vec<f64>], g: &[f64]) -> Vec<f64> {
    let q = g.len();
    let mut l = vec![vec![0.0; q]; q];
    for i in 0..q {
        for j in 0..=i {
            let s = h[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            l[i][j] = if i == j {
                s.max(1e-300).sqrt()
            } else {
                s / l[j][j]
            };
        }
    }
    let mut t = vec![0.0; q];
    for i in 0..q {
        t[i] = (g[i] - (0..i).map(|k| l[i][k] * t[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; q];
    for i in (0..q).rev() {
        x[i] = (t[i] - (i + 1..q).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_a_feature_that_decides_the_label() {
        let x: Vec<Vec<f64>> = (0..200).map(|i| vec![f64::from(i % 2), 0.5]).collect();
        let y: Vec<bool> = (0..200).map(|i| i % 2 == 1).collect();
        let w = fit(&x, &y, 0.01);
        let p = |v: f64| sigmoid(w[0] * v + w[1] * 0.5 + w[2]);
        assert!(p(1.0) > 0.9 && p(0.0) < 0.1, "{w:?}");
    }
}
