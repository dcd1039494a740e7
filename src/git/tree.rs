//! Comparing two git tree objects from their raw bytes, for the history walk.
//!
//! A backlog keeps thousands of stories in one folder, so most commits change one entry of a
//! tree with thousands. libgit2's general tree diff builds every entry's full path and
//! matches it against the pathspec; here equal subtrees are skipped by id, the two sorted
//! entry lists are merged with plain byte comparisons, and only changed entries become paths.
//!
//! A tree object is a sequence of entries `<octal mode> SP <name> NUL <id>`, sorted by name
//! with a `/` appended to the names of subtrees (git's `base_name_compare`).

use std::cmp::Ordering;

/// One entry of a raw tree object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawEntry<'a> {
    /// The octal mode as written, e.g. `100644` or `40000`.
    pub mode: &'a [u8],
    /// The file or folder name.
    pub name: &'a [u8],
    /// The object id (20 bytes for SHA-1 repositories).
    pub id: &'a [u8],
}

/// The kind of object an entry names, from its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A subtree (mode 40000).
    Tree,
    /// A submodule's commit (mode 160000): not part of this repository's files.
    Commit,
    /// A file or a symbolic link.
    Blob,
}

impl RawEntry<'_> {
    /// What the entry names.
    #[must_use]
    pub fn kind(&self) -> EntryKind {
        match self.mode {
            b"40000" | b"040000" => EntryKind::Tree,
            b"160000" => EntryKind::Commit,
            _ => EntryKind::Blob,
        }
    }

    /// Whether the entry is a symbolic link (mode 120000): its blob holds the target.
    #[must_use]
    pub fn is_link(&self) -> bool {
        self.mode == b"120000"
    }

    /// Git's tree order: names compared bytewise, a subtree's name as if it ended in `/`.
    fn order(&self, other: &RawEntry<'_>) -> Ordering {
        let suffix = |e: &RawEntry<'_>| {
            if e.kind() == EntryKind::Tree {
                b"/".as_slice()
            } else {
                b"".as_slice()
            }
        };
        self.name.iter().chain(suffix(self)).cmp(other.name.iter().chain(suffix(other)))
    }
}

/// A tree object that is not one: where its bytes stop making sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("malformed tree object at byte {0}")]
pub struct MalformedTree(pub usize);

/// The entries of a raw tree object whose ids are `id_len` bytes long, read as they are
/// needed: a tree of a big backlog folder has thousands, and a comparison needs them once.
#[derive(Debug, Clone)]
pub struct Entries<'a> {
    data: &'a [u8],
    at: usize,
    id_len: usize,
}

/// The entries of `data`, a raw tree object whose ids are `id_len` bytes long.
#[must_use]
pub fn entries(data: &[u8], id_len: usize) -> Entries<'_> {
    Entries { data, at: 0, id_len }
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<RawEntry<'a>, MalformedTree>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.data.get(self.at..).filter(|r| !r.is_empty())?;
        let at = self.at;
        let entry = (|| {
            let space = rest.iter().position(|&b| b == b' ')?;
            let nul = rest[space..].iter().position(|&b| b == 0)? + space;
            let end = nul + 1 + self.id_len;
            (space > 0 && nul > space + 1 && end <= rest.len()).then(|| {
                (
                    RawEntry {
                        mode: &rest[..space],
                        name: &rest[space + 1..nul],
                        id: &rest[nul + 1..end],
                    },
                    end,
                )
            })
        })();
        match entry {
            Some((entry, len)) => {
                self.at += len;
                Some(Ok(entry))
            }
            None => {
                // Stop after the first error.
                self.at = self.data.len();
                Some(Err(MalformedTree(at)))
            }
        }
    }
}

/// The entry named `name` in a raw tree, if it has one.
///
/// # Errors
/// [`MalformedTree`] when the tree's bytes are not a tree.
pub fn entry<'a>(data: &'a [u8], id_len: usize, name: &[u8]) -> Result<Option<RawEntry<'a>>, MalformedTree> {
    for entry in entries(data, id_len) {
        let entry = entry?;
        if entry.name == name {
            return Ok(Some(entry));
        }
    }
    Ok(None)
}

/// The id of the subtree named `name` in a raw tree, if it has one.
///
/// # Errors
/// [`MalformedTree`] when the tree's bytes are not a tree.
pub fn subtree<'a>(data: &'a [u8], id_len: usize, name: &[u8]) -> Result<Option<&'a [u8]>, MalformedTree> {
    for entry in entries(data, id_len) {
        let entry = entry?;
        if entry.name == name && entry.kind() == EntryKind::Tree {
            return Ok(Some(entry.id));
        }
    }
    Ok(None)
}

/// A difference between two trees, before paths are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A file whose blob changed, was added (`old` is `None`) or removed (`new` is `None`).
    File {
        /// The file's name in this tree.
        name: &'a [u8],
        /// Its blob before.
        old: Option<&'a [u8]>,
        /// Its blob after.
        new: Option<&'a [u8]>,
    },
    /// A subtree whose id changed, was added or removed: compare these two next.
    Tree {
        /// The folder's name in this tree.
        name: &'a [u8],
        /// Its tree before.
        old: Option<&'a [u8]>,
        /// Its tree after.
        new: Option<&'a [u8]>,
    },
}

/// What differs between two raw trees (ids `id_len` bytes long), in tree order. Equal
/// entries, and submodules, are left out; a name that turned from a file into a folder (or
/// back) is a removal and an addition.
///
/// # Errors
/// [`MalformedTree`] when either tree's bytes are not a tree.
pub fn differences<'a>(old: &'a [u8], new: &'a [u8], id_len: usize) -> Result<Vec<Step<'a>>, MalformedTree> {
    // Entries before the first differing byte are the same on both sides: skip them whole
    // (the bytes compare as fast as memory reads), then merge what is left.
    let same = common_prefix(old, new);
    let (mut old, mut new) = (entries(old, id_len), entries(new, id_len));
    while old.at < old.data.len() {
        let mut probe = old.clone();
        match probe.next() {
            Some(Ok(_)) if probe.at <= same => {
                old = probe;
                new.at = old.at;
            }
            _ => break,
        }
    }
    let mut out = Vec::new();
    let (mut a, mut b) = (old.next().transpose()?, new.next().transpose()?);
    loop {
        let order = match (&a, &b) {
            (Some(x), Some(y)) => x.order(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        match order {
            Ordering::Less => {
                let x = a.take().unwrap_or_else(|| unreachable!());
                out.extend(step(&x, Some(x.id), None));
                a = old.next().transpose()?;
            }
            Ordering::Greater => {
                let y = b.take().unwrap_or_else(|| unreachable!());
                out.extend(step(&y, None, Some(y.id)));
                b = new.next().transpose()?;
            }
            Ordering::Equal => {
                if let (Some(x), Some(y)) = (&a, &b)
                    && x.id != y.id
                {
                    out.extend(step(x, Some(x.id), Some(y.id)));
                }
                a = old.next().transpose()?;
                b = new.next().transpose()?;
            }
        }
    }
    Ok(out)
}

/// How many leading bytes `a` and `b` share, compared a block at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 4096;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..len].iter().zip(&b[at..len]).take_while(|(x, y)| x == y).count()
}

fn step<'a>(e: &RawEntry<'a>, old: Option<&'a [u8]>, new: Option<&'a [u8]>) -> Option<Step<'a>> {
    match e.kind() {
        EntryKind::Tree => Some(Step::Tree { name: e.name, old, new }),
        EntryKind::Blob => Some(Step::File { name: e.name, old, new }),
        EntryKind::Commit => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(entries: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut sorted: Vec<_> = entries.to_vec();
        sorted.sort_by(|a, b| {
            let key = |e: &(&str, &str, u8)| format!("{}{}", e.1, if e.0 == "40000" { "/" } else { "" });
            key(a).cmp(&key(b))
        });
        let mut out = Vec::new();
        for (mode, name, id) in sorted {
            out.extend_from_slice(mode.as_bytes());
            out.push(b' ');
            out.extend_from_slice(name.as_bytes());
            out.push(0);
            out.extend_from_slice(&[id; 20]);
        }
        out
    }

    fn names(steps: &[Step<'_>]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                Step::File { name, old, new } => {
                    format!("file {} {}", String::from_utf8_lossy(name), kind(*old, *new))
                }
                Step::Tree { name, old, new } => {
                    format!("tree {} {}", String::from_utf8_lossy(name), kind(*old, *new))
                }
            })
            .collect()
    }

    fn kind(old: Option<&[u8]>, new: Option<&[u8]>) -> &'static str {
        match (old, new) {
            (None, Some(_)) => "added",
            (Some(_), None) => "removed",
            _ => "changed",
        }
    }

    #[test]
    fn equal_entries_are_skipped_and_changes_come_in_tree_order() {
        let old = tree(&[
            ("100644", "S-1.md", 1),
            ("100644", "S-2.md", 2),
            ("40000", "epics", 3),
            ("100644", "gone.md", 4),
            ("160000", "vendor", 5),
        ]);
        let new = tree(&[
            ("100644", "S-1.md", 1),
            ("100644", "S-2.md", 9),
            ("40000", "epics", 8),
            ("100644", "new.md", 7),
            ("160000", "vendor", 6),
        ]);
        assert_eq!(
            names(&differences(&old, &new, 20).unwrap()),
            [
                "file S-2.md changed",
                "tree epics changed",
                "file gone.md removed",
                "file new.md added"
            ]
        );
    }

    /// Long runs of equal entries are skipped by their bytes, up to the entry where the trees
    /// first differ, even when that byte is inside an entry's id.
    #[test]
    fn a_long_common_prefix_is_skipped_to_the_entry_that_differs() {
        let many: Vec<(String, u8)> = (0..500).map(|i| (format!("S-{i:04}.md"), (i % 200) as u8)).collect();
        let refs: Vec<(&str, &str, u8)> = many.iter().map(|(n, id)| ("100644", n.as_str(), *id)).collect();
        let old = tree(&refs);
        let mut changed = refs.clone();
        changed[321].2 = 250;
        changed.push(("100644", "S-9999.md", 1));
        let new = tree(&changed);
        assert_eq!(
            names(&differences(&old, &new, 20).unwrap()),
            ["file S-0321.md changed", "file S-9999.md added"]
        );
        assert!(differences(&old, &old, 20).unwrap().is_empty());
    }

    #[test]
    fn a_file_that_became_a_folder_is_removed_and_added() {
        // "a.b" sorts between the file "a" and the folder "a" ("a/"), since '.' < '/'.
        let old = tree(&[("100644", "a", 1), ("100644", "a.b", 2)]);
        let new = tree(&[("40000", "a", 3), ("100644", "a.b", 2)]);
        let first = |t: &[u8]| entries(t, 20).next().unwrap().unwrap().name.to_vec();
        assert_eq!(first(&old), b"a");
        assert_eq!(first(&new), b"a.b", "git order puts the folder a/ after a.b");
        assert_eq!(names(&differences(&old, &new, 20).unwrap()), ["file a removed", "tree a added"]);
    }

    #[test]
    fn truncated_trees_are_refused() {
        fn all(t: &[u8]) -> Result<Vec<RawEntry<'_>>, MalformedTree> {
            entries(t, 20).collect()
        }
        let t = tree(&[("100644", "S-1.md", 1), ("100644", "S-2.md", 2)]);
        assert_eq!(all(&t[..t.len() - 1]), Err(MalformedTree(t.len() / 2)));
        assert_eq!(all(b"100644 x"), Err(MalformedTree(0)));
        assert_eq!(all(b"100644 \0aaaaaaaaaaaaaaaaaaaa"), Err(MalformedTree(0)));
        assert!(all(b"").unwrap().is_empty());
        assert_eq!(differences(&t, &t[..t.len() - 1], 20), Err(MalformedTree(t.len() / 2)));
    }
}
