//! Writing a history that happened elsewhere (`pobox import … --with-history`): commits
//! built from git objects directly, one tree update per commit, with no work tree or index
//! churn; then joined to the branch by one commit, which is when the work tree and index
//! change.
//!
//! The replayed commits form a chain of their own, with no parent in this repository, and
//! the join is a merge of HEAD and the chain's tip. Their dates are older than HEAD's, and
//! history reads the commit graph, counting a commit dated before its parent at the
//! parent's date (see [`super::Repo::walk_changes`]): commits stacked on HEAD would all
//! count as made today. A chain of its own keeps every date as it was, and `git log`
//! shows the two lines of work meeting at the import.

use std::path::Path;

use super::{GitError, Repo, Signature};

/// One commit of a history written by [`ChainWriter`].
#[derive(Debug, Clone)]
pub struct Replayed {
    /// Who made the change, and when.
    pub author: Signature,
    /// Who committed it, and when.
    pub committer: Signature,
    /// The message.
    pub message: String,
    /// Files changed: their path from the work tree's root (with `/`) and their new
    /// content, `None` for a file deleted.
    pub changes: Vec<(String, Option<Vec<u8>>)>,
}

/// Writes [`Replayed`] commits one after another on a chain of their own, then joins the
/// chain to HEAD ([`ChainWriter::join`]). Nothing is visible on a branch before the join.
pub struct ChainWriter<'r> {
    repo: &'r git2::Repository,
    tree: git2::Oid,
    tip: Option<git2::Oid>,
    written: usize,
}

fn signature(s: &Signature) -> Result<git2::Signature<'static>, git2::Error> {
    git2::Signature::new(&s.name, &s.email, &git2::Time::new(s.time, 0))
}

impl<'r> ChainWriter<'r> {
    /// A writer whose chain starts from an empty tree.
    ///
    /// # Errors
    /// When git cannot write the empty tree.
    pub fn new(repo: &'r Repo) -> Result<ChainWriter<'r>, GitError> {
        let tree = repo.repo.treebuilder(None)?.write()?;
        Ok(ChainWriter {
            repo: &repo.repo,
            tree,
            tip: None,
            written: 0,
        })
    }

    /// Write `commit` on the chain. A commit that changes nothing (its files already hold
    /// what it writes) is not written: `Ok(false)`.
    ///
    /// # Errors
    /// When git cannot write the objects.
    pub fn commit(&mut self, commit: &Replayed) -> Result<bool, GitError> {
        let base = self.repo.find_tree(self.tree)?;
        let mut update = git2::build::TreeUpdateBuilder::new();
        let mut any = false;
        for (path, content) in &commit.changes {
            let now = base.get_path(Path::new(path)).ok().map(|e| e.id());
            match content {
                Some(bytes) => {
                    let blob = self.repo.blob(bytes)?;
                    if now != Some(blob) {
                        update.upsert(path.as_str(), blob, git2::FileMode::Blob);
                        any = true;
                    }
                }
                None if now.is_some() => {
                    update.remove(path.as_str());
                    any = true;
                }
                None => {}
            }
        }
        if !any {
            return Ok(false);
        }
        let tree_id = update.create_updated(self.repo, &base)?;
        let tree = self.repo.find_tree(tree_id)?;
        let parent = self.tip.map(|t| self.repo.find_commit(t)).transpose()?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let id = self.repo.commit(
            None,
            &signature(&commit.author)?,
            &signature(&commit.committer)?,
            &commit.message,
            &tree,
            &parents,
        )?;
        self.tree = tree_id;
        self.tip = Some(id);
        self.written += 1;
        Ok(true)
    }

    /// How many commits the chain has.
    #[must_use]
    pub fn written(&self) -> usize {
        self.written
    }

    /// Join the chain to HEAD with one commit by `author`: its tree is HEAD's with `files`
    /// (path from the work tree's root, content) added, its parents HEAD (when there is
    /// one) and the chain's tip (when any commit was written). HEAD's branch moves to it
    /// and the files are staged from the work tree, where the caller has written them, so
    /// the work tree and index match the new commit; other staged or unstaged changes stay
    /// as they were. Returns the new commit's id.
    ///
    /// # Errors
    /// When git cannot write the commit, move the branch or update the index.
    pub fn join(self, files: &[(String, Vec<u8>)], message: &str, author: &Signature) -> Result<String, GitError> {
        let head = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let base = match &head {
            Some(c) => c.tree()?,
            None => self.repo.find_tree(self.repo.treebuilder(None)?.write()?)?,
        };
        let mut update = git2::build::TreeUpdateBuilder::new();
        for (path, bytes) in files {
            update.upsert(path.as_str(), self.repo.blob(bytes)?, git2::FileMode::Blob);
        }
        let tree = self.repo.find_tree(update.create_updated(self.repo, &base)?)?;
        let tip = self.tip.map(|t| self.repo.find_commit(t)).transpose()?;
        let parents: Vec<&git2::Commit<'_>> = head.iter().chain(tip.iter()).collect();
        let sig = signature(author)?;
        // Moves the branch HEAD names (an unborn one too), after checking it still points
        // at the first parent.
        let id = self.repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)?;
        let mut index = self.repo.index()?;
        for (path, _) in files {
            index.add_path(Path::new(path))?;
        }
        index.write()?;
        Ok(id.to_string())
    }
}

impl Repo {
    /// Who commits here, now: git's `user.name` and `user.email` (`pobox` when they are
    /// not set).
    #[must_use]
    pub fn committer_now(&self) -> Signature {
        let time = jiff::Timestamp::now().as_second();
        match self.repo.signature() {
            Ok(s) => Signature {
                name: String::from_utf8_lossy(s.name_bytes()).into_owned(),
                email: String::from_utf8_lossy(s.email_bytes()).into_owned(),
                time,
            },
            Err(_) => Signature {
                name: "pobox".to_owned(),
                email: "pobox@localhost".to_owned(),
                time,
            },
        }
    }

    /// The paths below `dir` (relative to the work tree's root) whose work tree or index
    /// differs from HEAD, untracked files included, with `/`.
    ///
    /// # Errors
    /// When git cannot compute the status.
    pub fn changes_below(&self, dir: &Path) -> Result<Vec<String>, GitError> {
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false);
        let dir = super::slash(dir);
        if !dir.is_empty() {
            opts.pathspec(format!("{dir}/"));
        }
        let statuses = self.repo.statuses(Some(&mut opts))?;
        Ok(statuses.iter().filter_map(|s| s.path().ok().map(str::to_owned)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(name: &str, time: i64) -> Signature {
        Signature {
            name: name.to_owned(),
            email: format!("{name}@example.com"),
            time,
        }
    }

    #[test]
    fn a_chain_keeps_its_dates_and_joins_head() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo::init(dir.path()).unwrap();
        std::fs::write(dir.path().join("pobox.yaml"), "x\n").unwrap();
        repo.commit_all("init", &sig("me", 2_000_000_000)).unwrap();
        let mut chain = ChainWriter::new(&repo).unwrap();
        let one = Replayed {
            author: sig("ann", 1_000_000_000),
            committer: sig("bob", 1_000_000_100),
            message: "one".into(),
            changes: vec![("b/s/S-1.md".into(), Some(b"a\n".to_vec()))],
        };
        assert!(chain.commit(&one).unwrap());
        assert!(!chain.commit(&one).unwrap(), "the same content again is no commit");
        let gone = Replayed {
            changes: vec![("b/s/S-1.md".into(), None), ("b/s/S-2.md".into(), Some(b"b\n".to_vec()))],
            ..one.clone()
        };
        assert!(chain.commit(&gone).unwrap());
        assert_eq!(chain.written(), 2);
        std::fs::create_dir_all(dir.path().join("b/s")).unwrap();
        std::fs::write(dir.path().join("b/s/S-2.md"), "b\n").unwrap();
        chain
            .join(&[("b/s/S-2.md".into(), b"b\n".to_vec())], "join", &sig("me", 2_000_000_100))
            .unwrap();
        assert!(repo.is_clean().unwrap());
        let commits = repo.head_commits().unwrap();
        let summaries: Vec<&str> = commits.iter().map(|c| c.summary.as_str()).collect();
        assert_eq!(summaries, ["init", "one", "one", "join"]);
        assert_eq!(commits[1].time, 1_000_000_100);
        assert_eq!(commits[1].author.0, "ann");
        assert_eq!(commits[1].committer.0, "bob");
        assert!(repo.changes_below(Path::new("b")).unwrap().is_empty());
        std::fs::write(dir.path().join("b/s/S-3.md"), "c\n").unwrap();
        assert_eq!(repo.changes_below(Path::new("b")).unwrap(), ["b/s/S-3.md"]);
        assert!(repo.changes_below(Path::new("other")).unwrap().is_empty());
    }
}
