//! `crossclaim merge`: joins the reports of shards (`compare --shard i/N`) into
//! the reports one run over all the stories would have written.
//!
//! Stories are independent, so a shard's `report.json` holds everything about
//! its stories; merging is a union by story name, then the usual rendering.
//! Each shard's stories are in name order, so the shards are read side by
//! side a story at a time: memory holds one story per shard, not the corpus.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::model::{Skipped, StoryReport};
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

/// The shards' stories in name order, read a story at a time. The set must
/// be every shard of one split of one corpus, each once: a missing shard
/// would silently drop its stories, and shards of different runs do not add
/// up. `open` checks the set from the heads of the files before any story
/// is read; a story in two shards, or a damaged one, is an error when it is
/// reached, and the file is checked against its folder's manifest when read
/// to its end.
pub struct Merger {
    shards: Vec<ShardFile>,
    /// The next story of each shard that has one, least name first.
    heap: BinaryHeap<Reverse<(String, usize)>>,
    /// The name of the story given out last.
    last: Option<String>,
}

impl Merger {
    pub fn open(dirs: &[PathBuf]) -> Result<Self> {
        let mut shards = Vec::with_capacity(dirs.len());
        for dir in dirs {
            shards.push(ShardFile::open(dir)?);
        }
        let info: Vec<(&PathBuf, Option<ShardInfo>)> =
            shards.iter().map(|s| (&s.dir, s.shard.clone())).collect();
        complete_set(&info)?;
        let mut merger = Self {
            shards,
            heap: BinaryHeap::new(),
            last: None,
        };
        for i in 0..merger.shards.len() {
            merger.advance(i)?;
        }
        Ok(merger)
    }

    /// Reads the next story of shard `i` into its slot and the heap.
    fn advance(&mut self, i: usize) -> Result<()> {
        let shard = &mut self.shards[i];
        shard.next = shard.read_story()?;
        if let Some(story) = &shard.next {
            self.heap.push(Reverse((story.story.name.clone(), i)));
        }
        Ok(())
    }

    /// The next story in name order, or None after the last.
    pub fn next_story(&mut self) -> Result<Option<StoryReport>> {
        let Some(Reverse((name, i))) = self.heap.pop() else {
            return Ok(None);
        };
        if self.last.as_ref() == Some(&name) {
            bail!("story {name:?} is in more than one shard");
        }
        if let Some(last) = &self.last
            && *last > name
        {
            bail!(
                "{}: stories out of order ({name:?} after {last:?}); not written by crossclaim?",
                self.shards[i].path.display()
            );
        }
        let story = self.shards[i].next.take();
        self.advance(i)?;
        self.last = Some(name);
        Ok(story)
    }

    /// After the last story: the skipped inputs of every shard, sorted, each
    /// once; every file has been checked against its manifest.
    pub fn finish(mut self) -> Result<Vec<Skipped>> {
        let mut skipped = Vec::new();
        for shard in &mut self.shards {
            skipped.extend(shard.finish()?);
        }
        skipped.sort();
        skipped.dedup();
        Ok(skipped)
    }
}

/// One shard's `report.json`, read a story at a time.
struct ShardFile {
    dir: PathBuf,
    path: PathBuf,
    shard: Option<ShardInfo>,
    body: Body,
    /// The place of the next story in the file's stories array.
    index: usize,
    next: Option<StoryReport>,
}

/// How a `report.json` is read: line by line when it is laid out as
/// crossclaim writes it (one story between a line `    {` and a line
/// `    }`), else whole (a file reformatted onto one line, say).
enum Body {
    Lines(Lines),
    Whole {
        stories: VecDeque<StoryReport>,
        skipped: Vec<Skipped>,
    },
}

/// A file read line by line, with the size and hash of what was read, for
/// the manifest check at its end.
struct Lines {
    reader: BufReader<File>,
    size: u64,
    hash: u64,
    line_no: usize,
    stories_done: bool,
}

impl Lines {
    /// The next line, without its line break; None at the end of the file.
    fn next(&mut self, line: &mut String) -> std::io::Result<Option<()>> {
        line.clear();
        let n = self.reader.read_line(line)?;
        if n == 0 {
            return Ok(None);
        }
        self.size += n as u64;
        self.hash = fnv1a_extend(self.hash, line.as_bytes());
        self.line_no += 1;
        if line.ends_with('\n') {
            line.pop();
        }
        Ok(Some(()))
    }
}

/// The line that opens the stories array as crossclaim writes it.
const STORIES_LINE: &str = "  \"stories\": [";
/// How many lines the head may take before the stories array opens.
const HEAD_LINES: usize = 16;

impl ShardFile {
    fn open(dir: &Path) -> Result<Self> {
        let path = dir.join("report.json");
        let file = open_report(&path)?;
        let mut lines = Lines {
            reader: BufReader::with_capacity(1 << 16, file),
            size: 0,
            hash: fnv1a(b""),
            line_no: 0,
            stories_done: false,
        };
        let mut head = String::new();
        let mut line = String::new();
        while lines.line_no < HEAD_LINES
            && lines
                .next(&mut line)
                .with_context(|| format!("cannot read {}", path.display()))?
                .is_some()
        {
            head.push_str(&line);
            head.push('\n');
            if line == STORIES_LINE {
                head.push_str("]}");
                let shard = report::read_head(head.as_bytes())
                    .with_context(|| format!("bad report {}", path.display()))?;
                return Ok(Self {
                    dir: dir.to_owned(),
                    path,
                    shard,
                    body: Body::Lines(lines),
                    index: 0,
                    next: None,
                });
            }
        }
        // Not laid out as crossclaim writes it: read whole.
        drop(lines);
        let bytes = crate::read_named(&path, u64::MAX)?;
        report::check_generation(dir, "report.json", &bytes)?;
        let part =
            report::read_json(&bytes).with_context(|| format!("bad report {}", path.display()))?;
        Ok(Self {
            dir: dir.to_owned(),
            path,
            shard: part.shard,
            body: Body::Whole {
                stories: part.analysis.stories.into(),
                skipped: part.analysis.skipped,
            },
            index: 0,
            next: None,
        })
    }

    /// The next story of the file, or None after its last.
    fn read_story(&mut self) -> Result<Option<StoryReport>> {
        let lines = match &mut self.body {
            Body::Whole { stories, .. } => return Ok(stories.pop_front()),
            Body::Lines(lines) => lines,
        };
        if lines.stories_done {
            return Ok(None);
        }
        let bad = |no: usize, what: &str| {
            anyhow::anyhow!(
                "bad report {}: line {no}: {what} (not laid out as crossclaim writes it)",
                self.path.display()
            )
        };
        let mut line = String::new();
        let mut story = String::new();
        if lines.next(&mut line)?.is_none() {
            return Err(bad(lines.line_no, "ends inside the stories array"));
        }
        if line.starts_with("  ]") {
            lines.stories_done = true;
            return Ok(None);
        }
        if line != "    {" {
            return Err(bad(lines.line_no, "expected a story"));
        }
        story.push_str("{\n");
        loop {
            if lines.next(&mut line)?.is_none() {
                return Err(bad(lines.line_no, "ends inside a story"));
            }
            if line == "    }" || line == "    }," {
                story.push('}');
                break;
            }
            story.push_str(&line);
            story.push('\n');
        }
        let report = report::read_story(story.as_bytes(), self.index)
            .with_context(|| format!("bad report {}", self.path.display()))?;
        self.index += 1;
        Ok(Some(report))
    }

    /// The skipped inputs after the stories; checks the whole file against
    /// the folder's manifest.
    fn finish(&mut self) -> Result<Vec<Skipped>> {
        let lines = match &mut self.body {
            Body::Whole { skipped, .. } => return Ok(std::mem::take(skipped)),
            Body::Lines(lines) => lines,
        };
        let mut rest = String::from("{\n");
        let mut line = String::new();
        while lines.next(&mut line)?.is_some() {
            rest.push_str(&line);
            rest.push('\n');
        }
        report::check_digest(&self.dir, "report.json", lines.size, lines.hash)?;
        report::read_skipped(rest.as_bytes())
            .with_context(|| format!("bad report {}", self.path.display()))
    }
}

/// Opens a `report.json`, refusing what is not a regular file (a device
/// never ends).
fn open_report(path: &Path) -> Result<File> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        bail!("{}: not a file", path.display());
    }
    File::open(path).with_context(|| format!("cannot read {}", path.display()))
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
