//! Fits the figure-pair model (`data/figure-model.tsv`) on annotated ECB+
//! stories, and scores it on stories it never saw.
//!
//!     cargo run --release --example tune_figures -- fit      # writes data/figure-model.tsv
//!     cargo run --release --example tune_figures -- eval     # held-out figures, per pattern
//!
//! Data: the stories of `../shared/benchmarks/ecbplus/` and their figure
//! annotations in `data/ecbplus/figures/` (see `data/ecbplus/GUIDELINE.md`).
//! `fit` uses only the `train` stories of `split_cybulska_barhom`; `eval`
//! only its `dev` stories (topics 2, 5, 12, 18, 21, 23, 34, 35).
//!
//! Every candidate pair of the tool's figures is labelled by the annotation:
//! same measure when both figures are annotated figures of one measure,
//! else different. The L2 strength is chosen by 5-fold cross-validation over
//! topics (log loss of the held-out pairs); the two thresholds by the same
//! folds, on the disagreement rows that `compare::decide` makes from the
//! held-out probabilities: the most conflicts found with row precision at
//! least `MIN_PRECISION`, or where no threshold reaches it the largest F0.25
//! (precision before recall). No random seed: the same data give
//! the same model.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crossclaim::align::Grouping;
use crossclaim::compare::{
    self, Candidates, CompareConfig, FEATURE_NAMES, FEATURES, Logistic, Model,
};
use crossclaim::config::Config;
use crossclaim::ingest::{self, IngestOptions};
use crossclaim::logistic::{fit, sigmoid};
use crossclaim::model::{Article, Disagreement, Sentence, Verdict};
use crossclaim::quantity::Quantity;

const ECB: &str = "../shared/benchmarks/ecbplus";
const GOLD: &str = "data/ecbplus/figures";
const OUT: &str = "data/figure-model.tsv";
const L2: [f64; 5] = [1e-4, 1e-3, 1e-2, 3e-2, 1e-1];
const FOLDS: usize = 5;
/// The row precision a threshold pair must reach in cross-validation.
const MIN_PRECISION: f64 = 0.8;

#[derive(Deserialize)]
struct GoldFile {
    measures: Vec<GoldMeasure>,
    figures: Vec<GoldFigureRaw>,
    conflicts: Vec<GoldConflict>,
}

#[derive(Deserialize)]
struct GoldMeasure {
    id: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct GoldFigureRaw {
    id: String,
    file: String,
    line: usize,
    text: String,
    #[serde(default)]
    nth: usize,
    measure: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    stance: Option<String>,
}

#[derive(Deserialize)]
struct GoldConflict {
    a: String,
    b: String,
    #[serde(rename = "type")]
    kind: String,
}

/// One annotated figure, located in its article's text.
struct GoldFigure {
    file: String,
    start: usize,
    end: usize,
    measure: String,
    /// The annotated role and stance when not the default ("role:past", "stance:disputed").
    marks: Vec<String>,
}

/// A story run through the pipeline up to the comparison, with its gold.
struct Story {
    name: String,
    topic: u32,
    articles: Vec<Article>,
    sentences: Vec<Sentence>,
    quantities: Vec<Vec<Quantity>>,
    grouping: Grouping,
    gold: Vec<GoldFigure>,
    /// Conflicting gold pairs (indices into `gold`, smaller first) and their type.
    conflicts: HashMap<(usize, usize), String>,
    /// Tags of each measure.
    tags: HashMap<String, Vec<String>>,
}

fn main() -> Result<()> {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let splits: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ECB).join("splits.json"))
            .context("cannot read the ECB+ splits")?,
    )?;
    let names = |part: &str| -> Vec<String> {
        splits["split_cybulska_barhom"][part]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let config = Config::default();
    match mode.as_str() {
        "fit" => {
            let stories = load(&names("train"), &config)?;
            fit_model(&stories, &config.compare)
        }
        "dump" => {
            // Every train pair with its features, label and texts, for study.
            let stories = load(&names("train"), &config)?;
            dump(&stories, &config.compare)
        }
        "probe" => {
            // Differing pairs of one story folder with their probabilities.
            let dir = std::env::args().nth(2).context("probe DIR")?;
            let model = Model::parse(&std::fs::read_to_string(OUT)?).map_err(anyhow::Error::msg)?;
            probe(Path::new(&dir), &model, &config)
        }
        "eval" => {
            let stories = load(&names("dev"), &config)?;
            let model = Model::parse(&std::fs::read_to_string(OUT)?).map_err(anyhow::Error::msg)?;
            evaluate(&stories, &model, &config.compare);
            Ok(())
        }
        _ => bail!("usage: tune_figures fit|eval"),
    }
}

fn probe(dir: &Path, model: &Model, config: &Config) -> Result<()> {
    let plan = ingest::plan(&[dir.to_path_buf()], &IngestOptions::default());
    for story in plan.read(1) {
        let crossclaim::Prepared {
            sentences,
            quantities,
            grouping,
        } = crossclaim::prepare_story(&story.articles, config);
        let c = compare::candidates(
            &story.articles,
            &sentences,
            &quantities,
            &grouping,
            &config.compare,
        );
        let show_agreeing = std::env::var_os("SHOW_AGREEING").is_some();
        for pair in &c.pairs {
            let p = model.probability(&pair.x);
            if pair.agrees && !(show_agreeing && p >= model.matched) {
                continue;
            }
            let (a, b) = (&c.figures[pair.a], &c.figures[pair.b]);
            println!(
                "{p:.3}{} {} \"{}\" / {} \"{}\"\n   {}\n   {}\n   {:?}",
                if pair.agrees { " agrees" } else { "" },
                story.articles[a.article].outlet,
                a.q.text,
                story.articles[b.article].outlet,
                b.q.text,
                sentences[a.at.sentence].text,
                sentences[b.at.sentence].text,
                pair.x
                    .iter()
                    .zip(FEATURE_NAMES)
                    .filter(|(v, _)| **v != 0.0)
                    .map(|(v, n)| format!("{n}={v:.2}"))
                    .collect::<Vec<_>>()
            );
        }
    }
    Ok(())
}

fn load(names: &[String], config: &Config) -> Result<Vec<Story>> {
    names.iter().map(|n| load_story(n, config)).collect()
}

fn load_story(name: &str, config: &Config) -> Result<Story> {
    let dir = Path::new(ECB).join("stories").join(name);
    let plan = ingest::plan(std::slice::from_ref(&dir), &IngestOptions::default());
    let mut reader = plan.read(1);
    let story = reader.next().context("no story read")?;
    let skipped = reader.finish();
    if !skipped.is_empty() {
        eprintln!("{name}: skipped {}", skipped.len());
    }
    let crossclaim::Prepared {
        sentences,
        quantities,
        grouping,
    } = crossclaim::prepare_story(&story.articles, config);
    let (gold, conflicts, tags) = load_gold(name, &dir)?;
    let topic = name[1..3].parse().unwrap_or(0);
    Ok(Story {
        name: name.to_owned(),
        topic,
        articles: story.articles,
        sentences,
        quantities,
        grouping,
        gold,
        conflicts,
        tags,
    })
}

#[allow(clippy::type_complexity)]
fn load_gold(
    name: &str,
    dir: &Path,
) -> Result<(
    Vec<GoldFigure>,
    HashMap<(usize, usize), String>,
    HashMap<String, Vec<String>>,
)> {
    let path = PathBuf::from(GOLD).join(format!("{name}.json"));
    let file: GoldFile = serde_json::from_str(
        &std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?,
    )?;
    let mut texts: HashMap<String, (String, Vec<usize>)> = HashMap::new();
    let mut gold = Vec::new();
    let mut index = HashMap::new();
    for f in &file.figures {
        let (text, starts) = texts.entry(f.file.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(dir.join(&f.file)).unwrap_or_default();
            // Byte offsets of the non-blank lines (ECB+'s sentence numbers).
            let mut starts = Vec::new();
            let mut at = 0;
            for line in text.split('\n') {
                if !line.trim().is_empty() {
                    starts.push(at);
                }
                at += line.len() + 1;
            }
            (text, starts)
        });
        let Some(&line_start) = starts.get(f.line) else {
            continue;
        };
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |e| line_start + e);
        let line = &text[line_start..line_end];
        let Some((offset, _)) = line.match_indices(&f.text).nth(f.nth) else {
            continue;
        };
        index.insert(f.id.clone(), gold.len());
        let mut marks = Vec::new();
        if let Some(role) = f.role.as_deref().filter(|r| *r != "main") {
            marks.push(format!("role:{role}"));
        }
        if let Some(stance) = f.stance.as_deref().filter(|s| *s != "asserted") {
            marks.push(format!("stance:{stance}"));
        }
        gold.push(GoldFigure {
            file: f.file.clone(),
            start: line_start + offset,
            end: line_start + offset + f.text.len(),
            measure: f.measure.clone(),
            marks,
        });
    }
    let mut conflicts = HashMap::new();
    for c in &file.conflicts {
        if let (Some(&a), Some(&b)) = (index.get(&c.a), index.get(&c.b)) {
            conflicts.insert((a.min(b), a.max(b)), c.kind.clone());
        }
    }
    let tags = file.measures.into_iter().map(|m| (m.id, m.tags)).collect();
    Ok((gold, conflicts, tags))
}

impl Story {
    /// The patterns a pair of gold figures shows: their measures' tags and
    /// their roles and stances other than the default.
    fn patterns(&self, a: usize, b: usize) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for g in [a, b] {
            let figure = &self.gold[g];
            out.extend(
                self.tags
                    .get(&figure.measure)
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            out.extend(figure.marks.iter().cloned());
        }
        out
    }

    fn candidates(&self, config: &CompareConfig) -> Candidates<'_> {
        compare::candidates(
            &self.articles,
            &self.sentences,
            &self.quantities,
            &self.grouping,
            config,
        )
    }

    /// The gold figure a quantity of the tool overlaps most, if any.
    fn gold_of(&self, sentence: usize, quantity: usize) -> Option<usize> {
        let s = &self.sentences[sentence];
        let q = &self.quantities[sentence][quantity];
        let file = file_name(&self.articles[s.article].source);
        let (start, end) = (s.span.start + q.start, s.span.start + q.end);
        self.gold
            .iter()
            .enumerate()
            .filter(|(_, g)| g.file == file && g.start < end && start < g.end)
            .max_by_key(|(_, g)| end.min(g.end) - start.max(g.start))
            .map(|(i, _)| i)
    }
}

fn file_name(source: &str) -> String {
    Path::new(source)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The rows, labels and topics of every candidate pair of `stories`.
struct Data {
    x: Vec<Vec<f64>>,
    y: Vec<bool>,
    /// The story of each row.
    story: Vec<usize>,
    /// Whether the pair's values agree (which of the two models reads it).
    agrees: Vec<bool>,
    /// Whether the pair is fitted on: not two figures of the tool inside one
    /// annotated figure (a range read as two), which are neither one measure nor two.
    fit: Vec<bool>,
}

fn data(stories: &[Story], config: &CompareConfig) -> Data {
    let mut d = Data {
        x: Vec::new(),
        y: Vec::new(),
        story: Vec::new(),
        agrees: Vec::new(),
        fit: Vec::new(),
    };
    for (n, s) in stories.iter().enumerate() {
        let c = s.candidates(config);
        let gold: Vec<Option<usize>> = c
            .figures
            .iter()
            .map(|f| s.gold_of(f.at.sentence, f.at.quantity))
            .collect();
        for pair in &c.pairs {
            // Two figures of the tool inside one annotated figure (a range
            // read as two) are neither one measure nor two: left out.
            let split = gold[pair.a].is_some() && gold[pair.a] == gold[pair.b];
            let same = matches!((gold[pair.a], gold[pair.b]), (Some(a), Some(b)) if s.gold[a].measure == s.gold[b].measure);
            d.x.push(pair.x.to_vec());
            d.y.push(same);
            d.story.push(n);
            d.agrees.push(pair.agrees);
            d.fit.push(!split);
        }
    }
    d
}

fn fold_of(topic: u32) -> usize {
    topic as usize % FOLDS
}

fn predict(w: &[f64], x: &[f64]) -> f64 {
    sigmoid(x.iter().zip(w).map(|(a, b)| a * b).sum::<f64>() + w[FEATURES])
}

fn logistic(w: &[f64]) -> Logistic {
    Logistic {
        weights: std::array::from_fn(|k| w[k]),
        bias: w[FEATURES],
    }
}

/// Out-of-fold probabilities of the rows `which` selects, for the L2 of
/// least held-out log loss: that L2, its loss, and the probabilities.
fn cross_validate(
    stories: &[Story],
    d: &Data,
    which: &[usize],
    label: &str,
) -> (f64, f64, Vec<f64>) {
    let mut best: Option<(f64, f64, Vec<f64>)> = None;
    for &l2 in &L2 {
        let mut oof = vec![0.0; which.len()];
        for fold in 0..FOLDS {
            let in_fold = |i: usize| fold_of(stories[d.story[i]].topic) == fold;
            let train: Vec<usize> = which
                .iter()
                .copied()
                .filter(|&i| !in_fold(i) && d.fit[i])
                .collect();
            let x: Vec<Vec<f64>> = train.iter().map(|&i| d.x[i].clone()).collect();
            let y: Vec<bool> = train.iter().map(|&i| d.y[i]).collect();
            let w = fit(&x, &y, l2);
            for (k, &i) in which.iter().enumerate() {
                if in_fold(i) {
                    oof[k] = predict(&w, &d.x[i]);
                }
            }
        }
        let scored: Vec<(usize, f64)> = which
            .iter()
            .copied()
            .zip(oof.iter().copied())
            .filter(|&(i, _)| d.fit[i])
            .collect();
        let loss = scored
            .iter()
            .map(|&(i, p)| -(if d.y[i] { p } else { 1.0 - p }).clamp(1e-12, 1.0).ln())
            .sum::<f64>()
            / scored.len().max(1) as f64;
        println!("{label}: L2 {l2}: held-out log loss {loss:.4}");
        if best.as_ref().is_none_or(|b| loss < b.1) {
            best = Some((l2, loss, oof));
        }
    }
    best.unwrap_or((L2[0], 0.0, Vec::new()))
}

fn fit_model(stories: &[Story], config: &CompareConfig) -> Result<()> {
    let d = data(stories, config);
    let all: Vec<usize> = (0..d.y.len()).collect();
    let positives = all.iter().filter(|&&i| d.y[i] && d.fit[i]).count();
    println!(
        "{} train stories: {} candidate pairs, {} of one measure",
        stories.len(),
        all.len(),
        positives
    );
    let (l2, loss, oof) = cross_validate(stories, &d, &all, "same measure");
    // Thresholds on the held-out rows.
    let mut per_story: Vec<Vec<f64>> = vec![Vec::new(); stories.len()];
    for (i, &p) in oof.iter().enumerate() {
        per_story[d.story[i]].push(p);
    }
    let candidates: Vec<Candidates<'_>> = stories.iter().map(|s| s.candidates(config)).collect();
    let zero = logistic(&[0.0; FEATURES + 1]);
    let probe_model = |flag: f64, matched: f64| Model {
        same: zero.clone(),
        flag,
        matched,
    };
    let mut choice: Option<(f64, f64, Rows)> = None;
    for flag_step in 10..=49 {
        let flag = f64::from(flag_step) * 0.02;
        for matched_step in 1..=8 {
            let matched = f64::from(matched_step) * 0.1;
            let probe = probe_model(flag, matched);
            let mut rows = Rows::default();
            for ((s, c), p) in stories.iter().zip(&candidates).zip(&per_story) {
                let out = compare::decide(&s.articles, &s.sentences, c, p, &probe, config);
                rows.add(&judge(s, &out).0);
            }
            if std::env::var_os("SHOW_GRID").is_some() {
                println!(
                    "  flag {flag:.2} matched {matched:.1}: rows {:>4} right {:>3} precision {:.3} found {}/{} measures {}/{}",
                    rows.flagged,
                    rows.right,
                    rows.precision(),
                    rows.found,
                    rows.conflicts,
                    rows.measures_found,
                    rows.measures
                );
            }
            // Recall among pairs that reach the precision wanted; else the
            // best F0.25 (precision weighs sixteen times recall).
            let key = |r: &Rows| {
                let ok = r.precision() >= MIN_PRECISION;
                (ok, if ok { r.recall() } else { r.f_quarter() })
            };
            let better = match &choice {
                None => true,
                Some((_, _, r)) => key(&rows) > key(r),
            };
            if better {
                choice = Some((flag, matched, rows));
            }
        }
    }
    let (flag, matched, rows) = choice.context("no thresholds")?;
    if let Some(flag) = std::env::var("WHY_FLAG")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
    {
        why_missed(stories, &candidates, &per_story, flag, 0.5);
    }
    let shown = std::env::var("SHOW_FLAG")
        .ok()
        .and_then(|v| v.parse::<f64>().ok());
    if let Some(flag) = shown {
        let probe = probe_model(flag, matched);
        for ((s, c), p) in stories.iter().zip(&candidates).zip(&per_story) {
            let out = compare::decide(&s.articles, &s.sentences, c, p, &probe, config);
            let (_, right) = judge(s, &out);
            for (d, ok) in out.iter().zip(right) {
                let line = |f: crossclaim::model::FigureRef| {
                    format!(
                        "{} \"{}\" in: {}",
                        s.articles[s.sentences[f.sentence].article].outlet,
                        s.quantities[f.sentence][f.quantity].text,
                        s.sentences[f.sentence]
                            .text
                            .chars()
                            .take(160)
                            .collect::<String>()
                    )
                };
                println!(
                    "{} {} [{}]\n   {}\n   {}",
                    if ok { "RIGHT" } else { "WRONG" },
                    s.name,
                    d.measure,
                    line(d.a),
                    line(d.b)
                );
            }
        }
    }
    println!(
        "chosen: flag {flag:.2}, matched {matched:.2}; held-out rows {} (right {}), precision {:.3}, conflicts found {}/{}",
        rows.flagged,
        rows.right,
        rows.precision(),
        rows.found,
        rows.conflicts
    );
    let rows_fit: Vec<usize> = all.iter().copied().filter(|&i| d.fit[i]).collect();
    let x: Vec<Vec<f64>> = rows_fit.iter().map(|&i| d.x[i].clone()).collect();
    let y: Vec<bool> = rows_fit.iter().map(|&i| d.y[i]).collect();
    let model = Model {
        same: logistic(&fit(&x, &y, l2)),
        flag,
        matched,
    };
    let header = format!(
        "The figure-pair model (see src/compare/pair.rs): the probability that two figures state\n\
         one measure, a weight per feature and the bias; the thresholds `flag` (a pair whose values\n\
         do not agree is flagged from this probability) and `matched` (a pair whose values agree\n\
         counts as stated by both outlets from this one).\n\
         Written by `cargo run --release --example tune_figures -- fit`: fitted on the {} train\n\
         stories of split_cybulska_barhom of ECB+ topics 1-35, labelled by data/ecbplus/figures/\n\
         ({} candidate pairs, {} of one measure). L2 {l2} chosen by 5-fold cross-validation over\n\
         topics (held-out log loss {loss:.4}); thresholds chosen on the same folds' disagreement rows\n\
         (precision {:.3}, {} of {} conflicting gold pairs found). Do not edit by hand.",
        stories.len(),
        all.len(),
        positives,
        rows.precision(),
        rows.found,
        rows.conflicts
    );
    std::fs::write(OUT, model.to_tsv(&header)).context("cannot write the model")?;
    println!("wrote {OUT}");
    for (name, w) in FEATURE_NAMES.iter().zip(&model.same.weights) {
        println!("  {name:>22} {w:>8.3}");
    }
    Ok(())
}

fn dump(stories: &[Story], config: &CompareConfig) -> Result<()> {
    let mut out = csv::Writer::from_path("/tmp/figure-pairs.csv")?;
    let mut header: Vec<String> = vec![
        "story".into(),
        "agrees".into(),
        "same".into(),
        "conflict".into(),
    ];
    header.extend(FEATURE_NAMES.iter().map(|s| s.to_string()));
    header.extend(["qa", "qb", "sa", "sb", "ra", "rb", "va", "vb", "ha", "hb"].map(String::from));
    out.write_record(&header)?;
    for s in stories {
        let c = s.candidates(config);
        let gold: Vec<Option<usize>> = c
            .figures
            .iter()
            .map(|f| s.gold_of(f.at.sentence, f.at.quantity))
            .collect();
        for pair in &c.pairs {
            let (ga, gb) = (gold[pair.a], gold[pair.b]);
            let same =
                matches!((ga, gb), (Some(a), Some(b)) if s.gold[a].measure == s.gold[b].measure);
            let conflict = match (ga, gb) {
                (Some(a), Some(b)) => s
                    .conflicts
                    .get(&(a.min(b), a.max(b)))
                    .cloned()
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let (fa, fb) = (&c.figures[pair.a], &c.figures[pair.b]);
            let reading = |f: &compare::Figure<'_>| {
                let r = f.reading;
                format!(
                    "thing={:?} event={:?} scope={:?} place={:?} holder={:?} role={:?} stance={:?}",
                    r.counted, r.event, r.scope, r.place, r.holder, r.role, f.q.stance
                )
            };
            let mut row = vec![
                s.name.clone(),
                pair.agrees.to_string(),
                same.to_string(),
                conflict,
            ];
            row.extend(pair.x.iter().map(|v| format!("{v:.3}")));
            row.extend([
                fa.q.text.clone(),
                fb.q.text.clone(),
                s.sentences[fa.at.sentence].text.clone(),
                s.sentences[fb.at.sentence].text.clone(),
                reading(fa),
                reading(fb),
                fa.value.to_string(),
                fb.value.to_string(),
                format!("{:?}", fa.q.hedge),
                format!("{:?}", fb.q.hedge),
            ]);
            out.write_record(&row)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Why each conflicting gold pair (disagreement or source) whose figures the
/// tool read was not flagged, counted by the first reason.
fn why_missed(
    stories: &[Story],
    candidates: &[Candidates<'_>],
    per_story: &[Vec<f64>],
    flag: f64,
    matched: f64,
) {
    use crossclaim::quantity::{Role, Stance};
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for ((s, c), p) in stories.iter().zip(candidates).zip(per_story) {
        let gold: Vec<Option<usize>> = c
            .figures
            .iter()
            .map(|f| s.gold_of(f.at.sentence, f.at.quantity))
            .collect();
        // Figures matched in each other article.
        let mut matched_in: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (k, pair) in c.pairs.iter().enumerate() {
            if pair.agrees && p[k] >= matched {
                matched_in.insert((pair.a, c.figures[pair.b].article));
                matched_in.insert((pair.b, c.figures[pair.a].article));
            }
        }
        for (&(ga, gb), kind) in &s.conflicts {
            if !matches!(kind.as_str(), "disagreement" | "source") {
                continue;
            }
            let fa: Vec<usize> = (0..c.figures.len())
                .filter(|&i| gold[i] == Some(ga))
                .collect();
            let fb: Vec<usize> = (0..c.figures.len())
                .filter(|&i| gold[i] == Some(gb))
                .collect();
            if fa.is_empty() || fb.is_empty() {
                *reasons
                    .entry("a figure not read as comparable")
                    .or_default() += 1;
                continue;
            }
            let k = c.pairs.iter().position(|pair| {
                (fa.contains(&pair.a) && fb.contains(&pair.b))
                    || (fa.contains(&pair.b) && fb.contains(&pair.a))
            });
            let Some(k) = k else {
                *reasons
                    .entry("no candidate (dimension, outlet or ratio)")
                    .or_default() += 1;
                continue;
            };
            let pair = &c.pairs[k];
            let (a, b) = (&c.figures[pair.a], &c.figures[pair.b]);
            let reason = if pair.agrees {
                "values agree (hedges, rounding)"
            } else if a.q.stance != Stance::Asserted || b.q.stance != Stance::Asserted {
                "stance"
            } else if a.reading.role != Role::Story || b.reading.role != Role::Story {
                "role"
            } else if compare::named_apart(a, b) {
                "places or holders apart"
            } else if matched_in.contains(&(pair.a, b.article))
                || matched_in.contains(&(pair.b, a.article))
            {
                "a figure matched in the other article"
            } else if p[k] < flag {
                "probability below flag"
            } else {
                "not the likeliest pair, or a repeated value"
            };
            *reasons.entry(reason).or_default() += 1;
        }
    }
    println!("why conflicting gold pairs were not flagged (flag {flag}, matched {matched}):");
    for (r, n) in reasons {
        println!("  {n:>5}  {r}");
    }
}

/// Disagreement rows against the gold conflicts.
#[derive(Default, Clone)]
struct Rows {
    flagged: usize,
    right: usize,
    /// Gold conflicting pairs (disagreement or source) whose figures the tool read.
    conflicts: usize,
    found: usize,
    /// Gold measures with such a pair, and those a row found one pair of.
    measures: usize,
    measures_found: usize,
}

impl Rows {
    fn add(&mut self, o: &Rows) {
        self.flagged += o.flagged;
        self.right += o.right;
        self.conflicts += o.conflicts;
        self.found += o.found;
        self.measures += o.measures;
        self.measures_found += o.measures_found;
    }

    fn precision(&self) -> f64 {
        ratio(self.right, self.flagged)
    }

    fn recall(&self) -> f64 {
        ratio(self.found, self.conflicts)
    }

    fn f_quarter(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            1.0625 * p * r / (0.0625 * p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores rows; also returns, per row, whether it is right.
fn judge(s: &Story, rows: &[Disagreement]) -> (Rows, Vec<bool>) {
    let mut out = Rows::default();
    let mut found: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut verdicts = Vec::new();
    for d in rows {
        let flagged = d.verdict != Verdict::Update;
        let ga = s.gold_of(d.a.sentence, d.a.quantity);
        let gb = s.gold_of(d.b.sentence, d.b.quantity);
        let kind = match (ga, gb) {
            (Some(a), Some(b)) => s.conflicts.get(&(a.min(b), a.max(b))).map(String::as_str),
            _ => None,
        };
        let right = match kind {
            Some("disagreement" | "source") => flagged,
            Some("update") => !flagged,
            _ => false,
        };
        if let (Some(a), Some(b), true) = (ga, gb, right) {
            found.insert((a.min(b), a.max(b)));
        }
        if flagged {
            out.flagged += 1;
            out.right += usize::from(right);
        }
        verdicts.push(right);
    }
    let (mut measures, mut measures_found) = (BTreeSet::new(), BTreeSet::new());
    // Conflicts whose two figures the tool read.
    let read: BTreeSet<usize> = (0..s.sentences.len())
        .flat_map(|i| (0..s.quantities[i].len()).map(move |q| (i, q)))
        .filter_map(|(i, q)| s.gold_of(i, q))
        .collect();
    for (&(a, b), kind) in &s.conflicts {
        if matches!(kind.as_str(), "disagreement" | "source")
            && read.contains(&a)
            && read.contains(&b)
        {
            out.conflicts += 1;
            out.found += usize::from(found.contains(&(a, b)));
            measures.insert(s.gold[a].measure.as_str());
            if found.contains(&(a, b)) {
                measures_found.insert(s.gold[a].measure.as_str());
            }
        }
    }
    out.measures = measures.len();
    out.measures_found = measures_found.len();
    (out, verdicts)
}

fn evaluate(stories: &[Story], model: &Model, config: &CompareConfig) {
    println!("held-out dev stories: {}", stories.len());
    let mut rows = Rows::default();
    // Figure pairs: predicted same measure (probability at least `matched`) against gold.
    let (mut tp, mut predicted, mut gold_pairs, mut gold_read) = (0, 0, 0, 0);
    let mut by_tag: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // Per pattern: predicted pairs and right ones; flagged rows and right ones.
    let mut pair_patterns: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut row_patterns: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong_rows = Vec::new();
    for s in stories {
        let c = s.candidates(config);
        let p: Vec<f64> = c
            .pairs
            .iter()
            .map(|pair| model.probability(&pair.x))
            .collect();
        let gold: Vec<Option<usize>> = c
            .figures
            .iter()
            .map(|f| s.gold_of(f.at.sentence, f.at.quantity))
            .collect();
        let mut hit: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (pair, &pr) in c.pairs.iter().zip(&p) {
            let same = matches!((gold[pair.a], gold[pair.b]), (Some(a), Some(b)) if s.gold[a].measure == s.gold[b].measure);
            let threshold = if pair.agrees {
                model.matched
            } else {
                model.flag
            };
            if pr >= threshold {
                predicted += 1;
                tp += usize::from(same);
                if let (Some(a), Some(b)) = (gold[pair.a], gold[pair.b]) {
                    for pattern in s.patterns(a, b) {
                        let e = pair_patterns.entry(pattern).or_default();
                        e.0 += 1;
                        e.1 += usize::from(same);
                    }
                }
                if let (Some(a), Some(b), true) = (gold[pair.a], gold[pair.b], same) {
                    hit.insert((a.min(b), a.max(b)));
                }
            }
        }
        // Gold cross-file pairs of one measure.
        let read: BTreeSet<usize> = gold.iter().flatten().copied().collect();
        for a in 0..s.gold.len() {
            for b in a + 1..s.gold.len() {
                let (ga, gb) = (&s.gold[a], &s.gold[b]);
                if ga.file == gb.file || ga.measure != gb.measure {
                    continue;
                }
                gold_pairs += 1;
                let both = read.contains(&a) && read.contains(&b);
                gold_read += usize::from(both);
                let found = hit.contains(&(a, b));
                for tag in s.tags.get(&ga.measure).into_iter().flatten() {
                    let e = by_tag.entry(tag.clone()).or_default();
                    e.0 += usize::from(found);
                    e.1 += 1;
                }
            }
        }
        let out = compare::decide(&s.articles, &s.sentences, &c, &p, model, config);
        let (r, right) = judge(s, &out);
        for (d, &ok) in out.iter().zip(&right) {
            let ga = s.gold_of(d.a.sentence, d.a.quantity);
            let gb = s.gold_of(d.b.sentence, d.b.quantity);
            if let (Some(a), Some(b), true) = (ga, gb, d.verdict != Verdict::Update) {
                for pattern in s.patterns(a, b) {
                    let e = row_patterns.entry(pattern).or_default();
                    e.0 += 1;
                    e.1 += usize::from(ok);
                }
            }
        }
        for (d, ok) in out.iter().zip(right) {
            if !ok && d.verdict != Verdict::Update {
                let text = |f: crossclaim::model::FigureRef| {
                    s.quantities[f.sentence][f.quantity].text.clone()
                };
                wrong_rows.push(format!(
                    "{}: {} \"{}\" / {} \"{}\" ({})",
                    s.name,
                    s.articles[s.sentences[d.a.sentence].article].outlet,
                    text(d.a),
                    s.articles[s.sentences[d.b.sentence].article].outlet,
                    text(d.b),
                    d.measure
                ));
                if std::env::var_os("SHOW_WRONG").is_some() {
                    for f in [d.a, d.b] {
                        let t: String = s.sentences[f.sentence].text.chars().take(200).collect();
                        wrong_rows.push(format!("      {t}"));
                    }
                }
            }
        }
        println!(
            "  {:<14} rows {:>3} right {:>3}  conflicts found {:>3}/{:<3}",
            s.name, r.flagged, r.right, r.found, r.conflicts
        );
        rows.add(&r);
    }
    println!(
        "figure pairs (agreeing at matched {:.2}, others at flag {:.2}): precision {:.3} ({tp}/{predicted}), recall {:.3} of {gold_pairs} gold pairs, {:.3} of the {gold_read} whose figures the tool read",
        model.matched,
        model.flag,
        ratio(tp, predicted),
        ratio(tp, gold_pairs),
        ratio(tp, gold_read),
    );
    println!(
        "disagreement rows: {} flagged, {} right: precision {:.3}; conflicting gold pairs found {}/{} (recall {:.3}); measures with a conflict found {}/{}",
        rows.flagged,
        rows.right,
        rows.precision(),
        rows.found,
        rows.conflicts,
        rows.recall(),
        rows.measures_found,
        rows.measures
    );
    println!("recall of same-measure gold pairs by measure tag:");
    for (tag, (found, all)) in &by_tag {
        println!("  {tag:<16} {found:>5}/{all:<5} {:.3}", ratio(*found, *all));
    }
    println!("precision by pattern (measure tags, roles and stances of the two gold figures):");
    println!("  {:<20} {:>14} {:>14}", "pattern", "figure pairs", "rows");
    let names: BTreeSet<&String> = pair_patterns.keys().chain(row_patterns.keys()).collect();
    for name in names {
        let cell = |m: &BTreeMap<String, (usize, usize)>| {
            m.get(name)
                .map(|&(n, right)| format!("{right}/{n} {:.2}", ratio(right, n)))
                .unwrap_or_default()
        };
        println!(
            "  {name:<20} {:>14} {:>14}",
            cell(&pair_patterns),
            cell(&row_patterns)
        );
    }
    println!("wrong rows:");
    for w in wrong_rows {
        println!("  {w}");
    }
}
