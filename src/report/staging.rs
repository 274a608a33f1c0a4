//! Where reports are staged, how they replace the old ones, and the lock that
//! keeps two runs apart. The folder's six reports cannot be swapped in one
//! system call without moving the user's other files, so a manifest written
//! first (sizes and hashes of the new files) marks the generation: a reader
//! checks the files it reads against it and refuses a mix. Only files and
//! folders this module created are ever removed.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use rustc_hash::FxHashSet;

use super::STORY_PAGES;
use super::html::index::is_page_file;
use crate::merge::{fnv1a, fnv1a_extend};

/// The manifest of the reports in a folder: format line, then one line per
/// report file: name, size in bytes, FNV-1a 64 hash of the bytes (hex).
pub const MANIFEST: &str = ".crossclaim-manifest";
const MANIFEST_FORMAT: &str = "crossclaim-manifest 1";

/// The staging folder inside the report folder: one name, used under the lock.
const STAGING: &str = ".crossclaim-staging";
/// A file in every staging folder that marks it as crossclaim's own.
const TAG: &str = "CROSSCLAIM-STAGING";
/// Every name crossclaim writes into a staging folder, tag last.
const STAGED: [&str; 10] = [
    super::FILES[0],
    super::FILES[1],
    super::FILES[2],
    super::FILES[3],
    super::FILES[4],
    super::FILES[5],
    super::SUMMARY_BODY,
    super::HTML_BODY,
    MANIFEST,
    TAG,
];

/// A staging folder this run created; dropping it removes what was staged.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// The staging folder inside `dir`, whose lock the caller holds. One left by
    /// a killed run is cleared first, but only when it carries the tag and
    /// holds nothing but crossclaim's files.
    pub fn inside(dir: &Path) -> Result<Self> {
        let staging = dir.join(STAGING);
        if let Ok(meta) = fs::symlink_metadata(&staging) {
            if !meta.is_dir() || !staging.join(TAG).is_file() {
                bail!(
                    "{} exists but was not made by crossclaim; move it out of the way",
                    staging.display()
                );
            }
            remove_staged(&staging).with_context(|| {
                format!(
                    "cannot clear {} left by an interrupted run (it holds files crossclaim did not write?)",
                    staging.display()
                )
            })?;
        }
        Self::make(staging)
    }

    /// A fresh staging folder under the system's temporary folder (for `--check`).
    pub fn temporary() -> Result<Self> {
        let base = std::env::temp_dir();
        for n in 0..1000 {
            let dir = base.join(format!("crossclaim-check-{}-{n}", std::process::id()));
            match fs::create_dir(&dir) {
                Ok(()) => return Self::tag(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot create {}", dir.display()));
                }
            }
        }
        bail!("cannot create a staging folder in {}", base.display())
    }

    fn make(dir: PathBuf) -> Result<Self> {
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Self::tag(dir)
    }

    fn tag(dir: PathBuf) -> Result<Self> {
        let staging = Self { dir };
        let tag = staging.path(TAG);
        fs::write(
            &tag,
            "crossclaim stages its reports here; it removes this folder itself\n",
        )
        .with_context(|| format!("cannot write {}", tag.display()))?;
        Ok(staging)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Replaces the reports in `dir` with the staged `files`: the manifest of the
    /// new files first, then each file, then the folder is synced. Story pages
    /// (`stories/...`) that the folder's manifest lists and `files` does not are
    /// removed first; the folder of story pages goes when that empties it.
    pub fn commit(&self, dir: &Path, files: &[String]) -> Result<()> {
        let pages = dir.join(STORY_PAGES);
        let old = listed_pages(dir)?;
        let new: FxHashSet<&str> = files
            .iter()
            .map(String::as_str)
            .filter(|f| f.contains('/'))
            .collect();
        if !new.is_empty() && old.is_empty() && !is_absent_or_empty(&pages) {
            bail!(
                "{} exists but holds no story pages of crossclaim's (its manifest lists none); \
                 move it out of the way or write the reports elsewhere with -o",
                pages.display()
            );
        }
        for name in old.iter().filter(|n| !new.contains(n.as_str())) {
            let path = dir.join(name);
            match fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(e).with_context(|| format!("cannot remove {}", path.display()));
                }
                _ => {}
            }
        }
        let mut manifest = format!("{MANIFEST_FORMAT}\n");
        for name in files {
            let path = self.path(name);
            let (size, hash) =
                digest_file(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let _ = writeln!(manifest, "{name} {size} {hash:016x}");
        }
        let staged = self.path(MANIFEST);
        let file = fs::File::create(&staged).and_then(|mut f| {
            io::Write::write_all(&mut f, manifest.as_bytes())?;
            f.sync_all()
        });
        file.with_context(|| format!("cannot write {}", staged.display()))?;
        if !new.is_empty() {
            fs::create_dir_all(&pages)
                .with_context(|| format!("cannot create {}", pages.display()))?;
        }
        for name in std::iter::once(MANIFEST).chain(files.iter().map(String::as_str)) {
            let target = dir.join(name);
            fs::rename(self.path(name), &target)
                .with_context(|| format!("cannot replace {}", target.display()))?;
        }
        if new.is_empty() && !old.is_empty() {
            // Fails, and leaves the folder, when it holds anything else.
            let _ = fs::remove_dir(&pages);
        }
        // The renames reach the disk with the folders' own entries.
        for folder in [dir, pages.as_path()] {
            if let Ok(folder) = fs::File::open(folder) {
                let _ = folder.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = remove_staged(&self.dir);
    }
}

/// Removes crossclaim's files from a staging folder (story pages included),
/// then the folder if that leaves it empty; anything else in it stays, and
/// the removal fails.
fn remove_staged(dir: &Path) -> io::Result<()> {
    let pages = dir.join(STORY_PAGES);
    if let Ok(listing) = fs::read_dir(&pages) {
        for entry in listing {
            let name = entry?.file_name();
            if name.to_str().is_some_and(is_page_file) {
                fs::remove_file(pages.join(name))?;
            }
        }
        fs::remove_dir(&pages)?;
    }
    for name in STAGED {
        match fs::remove_file(dir.join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    fs::remove_dir(dir)
}

/// A lock on a report folder, held while it lives.
pub struct Lock {
    _handle: Option<fs::File>,
}

impl Lock {
    /// The lock of a run that writes into `dir`: no other run may write or check.
    pub fn exclusive(dir: &Path) -> Result<Self> {
        Self::take(dir, true)
    }

    /// The lock of a run that only reads `dir` (`--check`): no run may write.
    pub fn shared(dir: &Path) -> Result<Self> {
        Self::take(dir, false)
    }

    /// The folder itself is locked (`flock` on Unix), so no lock file is left
    /// behind and a killed run's lock goes with its process. Elsewhere, and on
    /// file systems without locks, runs are not kept apart.
    fn take(dir: &Path, exclusive: bool) -> Result<Self> {
        if !cfg!(unix) {
            return Ok(Self { _handle: None });
        }
        let handle = match fs::File::open(dir) {
            Ok(handle) => handle,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Self { _handle: None }),
            Err(e) => return Err(e).with_context(|| format!("cannot open {}", dir.display())),
        };
        let locked = if exclusive {
            handle.try_lock()
        } else {
            handle.try_lock_shared()
        };
        match locked {
            Ok(()) => Ok(Self {
                _handle: Some(handle),
            }),
            Err(fs::TryLockError::WouldBlock) => bail!(
                "{} is in use by another crossclaim run writing reports into it; \
                 wait for that run to finish, or write elsewhere with -o",
                dir.display()
            ),
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                Ok(Self { _handle: None })
            }
            Err(fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", dir.display()))
            }
        }
    }
}

/// The story pages the manifest of `dir` lists (`stories/<slug>.html`): the
/// pages crossclaim wrote there, and so may replace or remove. Entries of any
/// other shape are never touched.
fn listed_pages(dir: &Path) -> Result<Vec<String>> {
    let path = dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    Ok(text
        .lines()
        .filter_map(|line| line.split(' ').next())
        .filter(|name| {
            name.split_once('/')
                .is_some_and(|(folder, page)| folder == STORY_PAGES && is_page_file(page))
        })
        .map(str::to_owned)
        .collect())
}

/// Whether `folder` is the story pages folder of a report folder: named
/// `stories`, and its parent's manifest lists pages in it. Input folders
/// skip it, as they skip the reports.
pub fn is_page_folder(folder: &Path) -> bool {
    folder.file_name().is_some_and(|n| n == STORY_PAGES)
        && folder
            .parent()
            .is_some_and(|parent| listed_pages(parent).is_ok_and(|pages| !pages.is_empty()))
}

fn is_absent_or_empty(folder: &Path) -> bool {
    match fs::read_dir(folder) {
        Ok(mut listing) => listing.next().is_none(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

/// Checks that `bytes`, read from the report file `name` in `dir`, are the
/// file the folder's manifest names: a folder whose reports come from two runs
/// (one killed while it replaced them, or files copied in by hand) is refused.
/// A folder without a manifest (written before manifests) is taken as it is.
pub fn check_generation(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    check_digest(dir, name, bytes.len() as u64, fnv1a(bytes))
}

/// `check_generation` for a file read in pieces: its size and FNV-1a hash.
pub fn check_digest(dir: &Path, name: &str, size: u64, hash: u64) -> Result<()> {
    let path = dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_FORMAT) {
        bail!(
            "{}: not a manifest this crossclaim reads (expected {MANIFEST_FORMAT:?} first)",
            path.display()
        );
    }
    let listed = lines.find_map(|line| {
        let mut fields = line.split(' ');
        (fields.next() == Some(name)).then(|| {
            let size = fields.next().and_then(|s| s.parse::<u64>().ok());
            let hash = fields.next().and_then(|h| u64::from_str_radix(h, 16).ok());
            (size, hash)
        })
    });
    let Some((Some(listed_size), Some(listed_hash))) = listed else {
        bail!("{}: no valid entry for {name}", path.display());
    };
    if (size, hash) != (listed_size, listed_hash) {
        bail!(
            "{}: {name} is not the file that the folder's manifest ({MANIFEST}) names: \
             the reports come from different runs (a run was interrupted while replacing \
             them, or files were changed by hand); run compare again",
            dir.display()
        );
    }
    Ok(())
}

/// Size and FNV-1a 64 hash of a file, read in blocks.
fn digest_file(path: &Path) -> io::Result<(u64, u64)> {
    let mut file = fs::File::open(path)?;
    let mut buffer = vec![0; 1 << 16];
    let (mut size, mut hash) = (0u64, fnv1a(b""));
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok((size, hash));
        }
        size += n as u64;
        hash = fnv1a_extend(hash, &buffer[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staging_folder_with_foreign_files_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::inside(dir.path()).unwrap();
        fs::write(staging.path("mine.txt"), "user data").unwrap();
        let path = staging.path("");
        drop(staging);
        assert!(path.join("mine.txt").is_file());
        assert!(Staging::inside(dir.path()).is_err());
    }
}
