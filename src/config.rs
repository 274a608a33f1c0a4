//! Settings from `crossclaim.toml`: thresholds per stage. Every field has a default,
//! so the file is optional and may name only what it changes.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::align::AlignConfig;
use crate::compare::CompareConfig;

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
    /// Reads `path`, or `crossclaim.toml` in the working folder when present, else defaults.
    pub fn load(path: Option<&Path>) -> Result<Self> {
        let default = Path::new("crossclaim.toml");
        let path = match path {
            Some(p) => p,
            None if default.is_file() => default,
            None => return Ok(Self::default()),
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("bad config {}", path.display()))
    }
}
