//! `crossclaim merge`: joins the reports of shards (`compare --shard i/N`) into
//! the reports one run over all the stories would have written.
//!
//! Stories are independent, so a shard's `report.json` holds everything about
//! its stories; merging is a union by story name, then the usual rendering.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::model::Analysis;
use crate::report;

/// Which slice of the stories one run handles: `index` of `count`, by a hash of the story name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Whether the story named `story` belongs to this shard. The hash is FNV-1a,
    /// the same on every machine, so independent runs agree on the split.
    pub fn contains(&self, story: &str) -> bool {
        let hash = story.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        hash % self.count == self.index
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// Parses `i/N` with `0 <= i < N`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parse = |x: &str| x.trim().parse::<u64>().map_err(|e| format!("{x:?}: {e}"));
        let (i, n) = s.split_once('/').ok_or("expected i/N, e.g. 0/4")?;
        let (index, count) = (parse(i)?, parse(n)?);
        if count == 0 || index >= count {
            return Err(format!("shard {index}/{count}: need 0 <= i < N"));
        }
        Ok(Self { index, count })
    }
}

/// Reads each shard folder's `report.json` and unites them.
pub fn merge(dirs: &[PathBuf]) -> Result<Analysis> {
    let mut all = Analysis::default();
    for dir in dirs {
        let path = dir.join("report.json");
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let part =
            report::read_json(&bytes).with_context(|| format!("bad report {}", path.display()))?;
        all.stories.extend(part.stories);
        all.skipped.extend(part.skipped);
    }
    all.stories.sort_by(|a, b| a.story.name.cmp(&b.story.name));
    if let Some(w) = all
        .stories
        .windows(2)
        .find(|w| w[0].story.name == w[1].story.name)
    {
        bail!("story {:?} is in more than one shard", w[0].story.name);
    }
    all.skipped.sort();
    all.skipped.dedup();
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::Shard;

    #[test]
    fn every_story_falls_in_exactly_one_shard() {
        let shards: Vec<Shard> = (0..3).map(|i| format!("{i}/3").parse().unwrap()).collect();
        for name in ["a", "s000001", "flood", "élection"] {
            assert_eq!(shards.iter().filter(|s| s.contains(name)).count(), 1);
        }
    }

    #[test]
    fn refuses_a_shard_outside_its_count() {
        assert!("3/3".parse::<Shard>().is_err());
        assert!("1".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
    }
}
