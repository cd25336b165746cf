//! Weighted logistic regression with an L2 penalty, fitted by Newton's
//! method (iteratively reweighted least squares). Small and exact: the
//! spin model has four inputs.

/// One training example: the model's inputs, the label and its weight.
#[derive(Debug, Clone)]
pub struct Example {
    pub inputs: [f64; 4],
    pub spun: bool,
    pub weight: f64,
}

/// Fitted coefficients: the intercept, then one weight per input.
pub type Coefficients = [f64; 5];

/// The L2 penalty on the weights (not on the intercept).
pub const PENALTY: f64 = 1.0;

/// Fits the coefficients to `examples`.
#[allow(clippy::needless_range_loop)] // the indices are the algorithm's
pub fn fit(examples: &[Example]) -> Coefficients {
    let mut beta = [0.0f64; 5];
    for _ in 0..100 {
        // Gradient and Hessian of the penalised negative log-likelihood.
        let mut gradient = [0.0f64; 5];
        let mut hessian = [[0.0f64; 5]; 5];
        for e in examples {
            let x = row(&e.inputs);
            let p = sigmoid(dot(&beta, &x));
            let y = if e.spun { 1.0 } else { 0.0 };
            for i in 0..5 {
                gradient[i] += e.weight * (p - y) * x[i];
                for j in 0..5 {
                    hessian[i][j] += e.weight * p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..5 {
            gradient[i] += PENALTY * beta[i];
            hessian[i][i] += PENALTY;
        }
        let step = solve(hessian, gradient);
        for i in 0..5 {
            beta[i] -= step[i];
        }
        if step.iter().map(|s| s.abs()).fold(0.0, f64::max) < 1e-10 {
            break;
        }
    }
    beta
}

/// The logit of `inputs` under `beta`.
pub fn logit(beta: &Coefficients, inputs: &[f64; 4]) -> f64 {
    dot(beta, &row(inputs))
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn row(inputs: &[f64; 4]) -> [f64; 5] {
    [1.0, inputs[0], inputs[1], inputs[2], inputs[3]]
}

fn dot(a: &[f64; 5], b: &[f64; 5]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting.
#[allow(clippy::needless_range_loop)] // the indices are the algorithm's
fn solve(mut a: [[f64; 5]; 5], mut b: [f64; 5]) -> [f64; 5] {
    for col in 0..5 {
        let pivot = (col..5)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..5 {
            let f = a[r][col] / a[col][col];
            for c in col..5 {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0; 5];
    for r in (0..5).rev() {
        let s: f64 = (r + 1..5).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_known_model_from_its_probabilities() {
        // Each point appears as spun and as clean, weighted by the true
        // probability: the fit's optimum is the true model, less the
        // penalty's pull.
        let truth = [-1.0, 2.0, 0.0, 1.0, -0.5];
        let mut examples = Vec::new();
        for a in 0..6 {
            for b in 0..6 {
                let (x, y) = (a as f64 / 2.0, b as f64 / 2.0);
                let inputs = [
                    x,
                    ((a * b) % 3) as f64 / 2.0,
                    y,
                    (x - y) * (x - y) / 4.0 - 0.5,
                ];
                let p = sigmoid(logit(&truth, &inputs));
                for (spun, w) in [(true, p), (false, 1.0 - p)] {
                    examples.push(Example {
                        inputs,
                        spun,
                        weight: 1000.0 * w,
                    });
                }
            }
        }
        let beta = fit(&examples);
        for (got, want) in beta.iter().zip(truth) {
            assert!((got - want).abs() < 0.05, "{beta:?}");
        }
    }
}
