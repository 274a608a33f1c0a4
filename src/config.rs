//! Settings from `crossclaim.toml`: thresholds per stage. Every field has a default,
//! so the file is optional and may name only what it changes. It is found beside
//! the inputs or in the working folder, or named with `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::align::AlignConfig;
use crate::compare::CompareConfig;

/// The config file's name, looked for beside the inputs and in the working folder.
pub const FILE_NAME: &str = "crossclaim.toml";

/// Largest config file read: a page of settings, not a stream.
const MAX_CONFIG: u64 = 1 << 20;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub align: AlignConfig,
    pub compare: CompareConfig,
    pub ingest: crate::ingest::IngestConfig,
    /// Outlet aliases: `[outlets]` then `"nyt" = "New York Times"`.
    pub outlets: std::collections::BTreeMap<String, String>,
}

impl Config {
    /// Reads `path`; else the `crossclaim.toml` of the folders the inputs
    /// name (see `find`); else defaults.
    pub fn load(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Self> {
        let found;
        let path = match path {
            Some(p) => p,
            None => match find(inputs)? {
                Some(p) => {
                    found = p;
                    &found
                }
                None => return Ok(Self::default()),
            },
        };
        let bytes = crate::read_named(path, MAX_CONFIG)
            .with_context(|| format!("cannot read config {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("bad config {}: not UTF-8", path.display()))?;
        let config: Self =
            toml::from_str(&text).with_context(|| format!("bad config {}", path.display()))?;
        config
            .check()
            .map_err(|e| anyhow::anyhow!("bad config {}: {e}", path.display()))?;
        Ok(config)
    }

    /// Refuses values that parse but make no sense: a `threshold = nan` groups
    /// nothing, and a negative `max_ratio` pairs no figures, so `--fail-on`
    /// could never trip. The error names the key.
    pub fn check(&self) -> Result<(), String> {
        let range = |key: &str, value: f64, low: f64, high: f64| {
            if value.is_finite() && (low..=high).contains(&value) {
                Ok(())
            } else {
                Err(format!(
                    "{key} = {value}: must be a number from {low} to {high}"
                ))
            }
        };
        range("[align] threshold", self.align.threshold, 0.0, 1.0)?;
        range("[compare] major", self.compare.major, 0.0, 1.0)?;
        range("[compare] max_ratio", self.compare.max_ratio, 1.0, 1e9)?;
        let fields = &self.ingest;
        for (key, names) in [
            ("outlet", &fields.outlet),
            ("story", &fields.story),
            ("date", &fields.date),
            ("title", &fields.title),
            ("byline", &fields.byline),
            ("text", &fields.text),
            ("url", &fields.url),
        ] {
            if names.is_empty() || names.iter().any(|n| n.trim().is_empty()) {
                return Err(format!(
                    "[ingest] {key}: needs one or more non-empty field names"
                ));
            }
        }
        if let Some((from, _)) = self
            .outlets
            .iter()
            .find(|(from, to)| from.trim().is_empty() || to.trim().is_empty())
        {
            return Err(format!(
                "[outlets] {from:?}: an alias needs a non-empty name on both sides"
            ));
        }
        Ok(())
    }
}

/// The config of a run without `--config`: the `crossclaim.toml` in the
/// folders the inputs name (a folder input itself, a file input's folder),
/// else the one in the working folder. Several different ones are an error:
/// a run has one config, and guessing which would change the reports.
pub fn find(inputs: &[PathBuf]) -> Result<Option<PathBuf>> {
    let mut found: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        let folder = if input.is_dir() {
            input.as_path()
        } else {
            input.parent().unwrap_or(Path::new(""))
        };
        let candidate = folder.join(FILE_NAME);
        if candidate.is_file() {
            let key = candidate
                .canonicalize()
                .unwrap_or_else(|_| candidate.clone());
            found.entry(key).or_insert(candidate);
        }
    }
    let mut found = found.into_values();
    match (found.next(), found.next()) {
        (Some(a), Some(b)) => bail!(
            "the inputs hold two configs, {} and {}: name the one to use with --config",
            a.display(),
            b.display()
        ),
        (Some(one), None) => Ok(Some(one)),
        (None, _) => {
            let here = Path::new(FILE_NAME);
            Ok(here.is_file().then(|| here.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Config;

    fn check(toml: &str) -> Result<(), String> {
        toml::from_str::<Config>(toml).unwrap().check()
    }

    #[test]
    fn defaults_pass_the_check() {
        assert_eq!(Config::default().check(), Ok(()));
    }

    #[test]
    fn refuses_values_that_would_silence_the_gates_and_names_the_key() {
        let err = check("[align]\nthreshold = nan\n").unwrap_err();
        assert!(err.contains("[align] threshold"), "{err}");
        let err = check("[compare]\nmax_ratio = -1.0\n").unwrap_err();
        assert!(err.contains("[compare] max_ratio"), "{err}");
        assert!(check("[compare]\nmajor = inf\n").is_err());
        assert!(check("[ingest]\ntext = []\n").is_err());
        assert!(check("[outlets]\n\"nyt\" = \"\"\n").is_err());
    }
}
