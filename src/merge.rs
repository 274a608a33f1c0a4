//! `crossclaim merge`: joins the reports of shards (`compare --shard i/N`) into
//! the reports one run over all the stories would have written.
//!
//! Stories are independent, so a shard's `report.json` holds everything about
//! its stories; merging is a union by story name, then the usual rendering.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::model::Analysis;
use crate::report::{self, ShardInfo};

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
        fnv1a(story.as_bytes()) % self.count == self.index
    }
}

/// FNV-1a, 64 bits: the same on every machine and in every version (which
/// neither std's hashers nor rustc-hash promise).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_extend(0xcbf2_9ce4_8422_2325, bytes)
}

/// Continues an FNV-1a hash over more bytes: `fnv1a(ab) = fnv1a_extend(fnv1a(a), b)`.
pub fn fnv1a_extend(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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

/// Reads each shard folder's `report.json` and unites them. The set must be
/// every shard of one split of one corpus, each once: a missing shard would
/// silently drop its stories, and shards of different runs do not add up.
pub fn merge(dirs: &[PathBuf]) -> Result<Analysis> {
    let mut all = Analysis::default();
    let mut shards = Vec::new();
    for dir in dirs {
        let path = dir.join("report.json");
        let bytes = crate::read_named(&path, u64::MAX)?;
        report::check_generation(dir, "report.json", &bytes)?;
        let part =
            report::read_json(&bytes).with_context(|| format!("bad report {}", path.display()))?;
        shards.push((dir, part.shard));
        all.stories.extend(part.analysis.stories);
        all.skipped.extend(part.analysis.skipped);
    }
    complete_set(&shards)?;
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

/// Refuses a set of report folders that is not every shard `0/N` .. `N-1/N`
/// of one corpus exactly once. A folder written without `--shard` is the whole
/// corpus: it merges alone.
fn complete_set(shards: &[(&PathBuf, Option<ShardInfo>)]) -> Result<()> {
    let Some((first_dir, first)) = shards.first() else {
        bail!("no report folders to merge");
    };
    let Some(first) = first else {
        if let Some((other, _)) = shards.get(1) {
            bail!(
                "{} was written without --shard (it holds a whole corpus), so it cannot                  be merged with {}: merge joins the folders of `compare --shard i/N`",
                first_dir.display(),
                other.display()
            );
        }
        return Ok(());
    };
    // Every shard is a folder on the command line, so a count far beyond them
    // is refused before anything is allocated for it.
    let count = usize::try_from(first.count)
        .ok()
        .filter(|&n| n <= shards.len().max(4096))
        .with_context(|| {
            format!(
                "{} report folder(s) given for {} shards: merging without the others would drop their stories",
                shards.len(),
                first.count
            )
        })?;
    let mut seen: Vec<Option<&PathBuf>> = vec![None; count];
    for (dir, shard) in shards {
        let Some(shard) = shard else {
            bail!(
                "{} was written without --shard, unlike {}: not shards of one split",
                dir.display(),
                first_dir.display()
            );
        };
        if shard.count != first.count || shard.corpus != first.corpus {
            bail!(
                "{} is shard {}/{} of corpus {} but {} is shard {}/{} of corpus {}:                  shards of different runs (another --shard count or other inputs)",
                first_dir.display(),
                first.index,
                first.count,
                first.corpus,
                dir.display(),
                shard.index,
                shard.count,
                shard.corpus
            );
        }
        let slot = usize::try_from(shard.index)
            .ok()
            .and_then(|i| seen.get_mut(i))
            .with_context(|| {
                format!(
                    "{}: shard {}/{} is out of range",
                    dir.display(),
                    shard.index,
                    shard.count
                )
            })?;
        if let Some(earlier) = slot {
            bail!(
                "shard {}/{} is given twice: {} and {}",
                shard.index,
                shard.count,
                earlier.display(),
                dir.display()
            );
        }
        *slot = Some(dir);
    }
    let missing: Vec<String> = seen
        .iter()
        .enumerate()
        .filter(|(_, dir)| dir.is_none())
        .map(|(i, _)| format!("{i}/{}", first.count))
        .collect();
    if !missing.is_empty() {
        bail!(
            "shard(s) {} missing: merging without them would drop their stories",
            missing.join(", ")
        );
    }
    Ok(())
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
    fn fnv_matches_the_published_test_vectors() {
        assert_eq!(super::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(
            super::fnv1a_extend(super::fnv1a(b"foo"), b"bar"),
            super::fnv1a(b"foobar")
        );
    }

    #[test]
    fn refuses_a_shard_outside_its_count() {
        assert!("3/3".parse::<Shard>().is_err());
        assert!("1".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
    }
}
