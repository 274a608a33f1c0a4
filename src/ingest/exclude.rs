//! Which files and folders a run leaves out: the user's `--exclude` globs,
//! and in every folder the files that travel with articles but are none (a
//! README, the folder's `crossclaim.toml`). Left-out files are not articles,
//! so they are not listed as skipped and do not change the exit status.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// File names never read as articles inside a folder (any case): notes on
/// the folder and its settings. A file named on the command line is read.
pub const DEFAULT: &[&str] = &["crossclaim.toml", "readme", "readme.*"];

/// The compiled `--exclude` globs and the default names.
#[derive(Debug, Clone)]
pub struct Exclude {
    /// The globs as the user wrote them, in order (for the corpus table's settings).
    pub globs: Vec<String>,
    user: GlobSet,
    default: GlobSet,
}

impl Default for Exclude {
    fn default() -> Self {
        Self::new(&[]).expect("no globs always build")
    }
}

impl Exclude {
    /// Compiles `--exclude` globs, or names the one that is not a glob.
    pub fn new(globs: &[String]) -> Result<Self, String> {
        let mut user = GlobSetBuilder::new();
        for glob in globs {
            let compiled = Glob::new(glob).map_err(|e| format!("--exclude {glob:?}: {e}"))?;
            user.add(compiled);
        }
        let mut default = GlobSetBuilder::new();
        for name in DEFAULT {
            let glob = GlobBuilder::new(name)
                .case_insensitive(true)
                .build()
                .map_err(|e| e.to_string())?;
            default.add(glob);
        }
        Ok(Self {
            globs: globs.to_vec(),
            user: user.build().map_err(|e| e.to_string())?,
            default: default.build().map_err(|e| e.to_string())?,
        })
    }

    /// Whether the user gave no globs.
    pub fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }

    /// Whether a file or folder is left out: a user glob matches its name or
    /// its path as the reports show it (`story/wire.txt`), or it is a file
    /// found in a folder (not named on the command line) with a default name.
    pub fn excludes(&self, name: &str, shown: &str, found_in_folder: bool) -> bool {
        self.user.is_match(name)
            || self.user.is_match(shown)
            || (found_in_folder && self.default.is_match(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(globs: &[&str]) -> Exclude {
        let globs: Vec<String> = globs.iter().map(|g| (*g).to_owned()).collect();
        Exclude::new(&globs).expect("valid globs")
    }

    #[test]
    fn leaves_out_readmes_and_the_config_found_in_a_folder() {
        let none = exclude(&[]);
        for name in ["README.md", "readme.txt", "README", "Crossclaim.toml"] {
            assert!(none.excludes(name, &format!("s/{name}"), true), "{name}");
            assert!(
                !none.excludes(name, name, false),
                "{name} named by the user"
            );
        }
        for name in ["readmeter.txt", "wire.txt", "notes.md"] {
            assert!(!none.excludes(name, &format!("s/{name}"), true), "{name}");
        }
    }

    #[test]
    fn matches_a_glob_against_the_name_or_the_shown_path() {
        let ex = exclude(&["*.draft.md", "corpus/old/*", "drafts"]);
        assert!(ex.excludes("a.draft.md", "s/a.draft.md", true));
        assert!(ex.excludes("wire.txt", "corpus/old/wire.txt", true));
        assert!(ex.excludes("drafts", "corpus/drafts", true));
        assert!(ex.excludes("a.draft.md", "a.draft.md", false));
        assert!(!ex.excludes("wire.txt", "corpus/new/wire.txt", true));
    }

    #[test]
    fn names_a_bad_glob() {
        let err = Exclude::new(&["a[".to_owned()]).unwrap_err();
        assert!(err.starts_with("--exclude \"a[\""), "{err}");
    }
}
