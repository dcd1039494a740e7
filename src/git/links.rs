//! Following symbolic links inside a snapshot of the repository: the index, or a commit's
//! tree.
//!
//! git keeps a link as a small file (mode `120000`) holding its target, not as what it
//! points to: a `backlog` that is a link to `docs/backlog` is one entry `backlog` in the
//! index and in every tree, and the stories are under `docs/backlog`. pobox reads the
//! working tree through links (the file system follows them), so to read the same files
//! from the index or from history it follows them too, the way the file system would,
//! inside the snapshot. [`resolve`] does that for one path, whatever the snapshot: the
//! caller says what each path names.

use std::collections::VecDeque;
use std::path::Path;

/// How many links one path may go through, as the file system allows (Linux's
/// `MAXSYMLINKS`); more is a loop.
pub const MAX_LINKS: usize = 40;

/// What a path (relative to the repository's root, with `/`, no link on the way) names in
/// a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A folder.
    Dir,
    /// A file (or anything else that is not a folder or a link: a submodule).
    File,
    /// A link, with its target as written.
    Link(Vec<u8>),
    /// Nothing.
    Missing,
}

/// Where a path leads once every link on it is followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A folder; the path has no link on it (relative to the repository's root, with `/`;
    /// empty for the root).
    Dir(String),
    /// A file; the path has no link on it.
    File(String),
    /// Nothing is there: the path where the links lead.
    Missing(String),
    /// A link leads out of the repository (`..` above its root, or an absolute target
    /// outside its work tree): that link's target, as written.
    Outside(String),
    /// More than [`MAX_LINKS`] links: a loop.
    Loop,
}

impl Resolved {
    /// The path it leads to inside the repository, if it leads anywhere.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            Resolved::Dir(p) | Resolved::File(p) | Resolved::Missing(p) => Some(p),
            Resolved::Outside(_) | Resolved::Loop => None,
        }
    }
}

/// Whether `path` is `dir` or inside it (both relative to the repository's root, with `/`;
/// the empty `dir` is the root, which holds everything).
#[must_use]
pub fn is_within(path: &str, dir: &str) -> bool {
    dir.is_empty() || path == dir || path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

fn parts(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    path.split('/').filter(|c| !c.is_empty() && *c != ".")
}

/// Follow every link on `path` (relative to the repository's root, with `/`), asking `node`
/// what each path on the way names. An absolute target counts when it is inside
/// `work_tree` (the work tree's root as the file system names it).
///
/// # Errors
/// Whatever `node` fails with.
pub fn resolve<E>(path: &str, work_tree: Option<&Path>, mut node: impl FnMut(&str) -> Result<Node, E>) -> Result<Resolved, E> {
    let mut pending: VecDeque<String> = parts(path).map(str::to_owned).collect();
    let mut done: Vec<String> = Vec::new();
    let mut links = 0;
    let mut last_target = String::new();
    while let Some(name) = pending.pop_front() {
        if name == ".." {
            if done.pop().is_none() {
                return Ok(Resolved::Outside(last_target));
            }
            continue;
        }
        done.push(name);
        let here = done.join("/");
        match node(&here)? {
            Node::Dir => {}
            Node::File if pending.is_empty() => return Ok(Resolved::File(here)),
            Node::File | Node::Missing => {
                let rest: Vec<String> = pending.into_iter().collect();
                let missing = if rest.is_empty() {
                    here
                } else {
                    format!("{here}/{}", rest.join("/"))
                };
                return Ok(Resolved::Missing(missing));
            }
            Node::Link(target) => {
                links += 1;
                if links > MAX_LINKS {
                    return Ok(Resolved::Loop);
                }
                done.pop();
                let target = String::from_utf8_lossy(&target).into_owned();
                let relative = if target.starts_with('/') {
                    let inside = work_tree.and_then(|w| Path::new(&target).strip_prefix(w).ok());
                    let Some(inside) = inside.and_then(Path::to_str) else {
                        return Ok(Resolved::Outside(target));
                    };
                    done.clear();
                    inside.to_owned()
                } else {
                    target.clone()
                };
                for part in parts(&relative).rev() {
                    pending.push_front(part.to_owned());
                }
                last_target = target;
            }
        }
    }
    Ok(Resolved::Dir(done.join("/")))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A snapshot from `(path, node)` pairs; folders are implied by the paths below them.
    fn snapshot(entries: &[(&str, Node)]) -> impl Fn(&str) -> Result<Node, ()> + use<> {
        let map: HashMap<String, Node> = entries.iter().map(|(p, n)| ((*p).to_owned(), n.clone())).collect();
        move |path: &str| {
            Ok(map.get(path).cloned().unwrap_or_else(|| {
                let folder = format!("{path}/");
                if map.keys().any(|k| k.starts_with(&folder)) {
                    Node::Dir
                } else {
                    Node::Missing
                }
            }))
        }
    }

    fn link(target: &str) -> Node {
        Node::Link(target.as_bytes().to_vec())
    }

    #[test]
    fn links_are_followed_as_the_file_system_does() {
        let snap = snapshot(&[
            ("docs/backlog/stories/S-1.md", Node::File),
            ("backlog", link("docs/backlog")),
            ("docs/backlog/epics", link("../../shared/epics")),
            ("shared/epics/E-1.md", Node::File),
            ("docs/backlog/stories/S-2.md", link("S-1.md")),
            ("abs", link("/work/repo/docs")),
            ("up", link("../elsewhere")),
            ("far", link("/etc")),
            ("a", link("b")),
            ("b", link("a")),
            ("dangling", link("docs/nothing")),
        ]);
        let wt = Some(Path::new("/work/repo"));
        let r = |p: &str| resolve(p, wt, &snap).unwrap();
        assert_eq!(r("backlog"), Resolved::Dir("docs/backlog".into()));
        assert_eq!(r("backlog/stories/S-1.md"), Resolved::File("docs/backlog/stories/S-1.md".into()));
        assert_eq!(r("backlog/epics"), Resolved::Dir("shared/epics".into()));
        assert_eq!(r("backlog/epics/E-1.md"), Resolved::File("shared/epics/E-1.md".into()));
        assert_eq!(r("backlog/stories/S-2.md"), Resolved::File("docs/backlog/stories/S-1.md".into()));
        assert_eq!(r("abs/backlog"), Resolved::Dir("docs/backlog".into()));
        assert_eq!(r("up"), Resolved::Outside("../elsewhere".into()));
        assert_eq!(r("far"), Resolved::Outside("/etc".into()));
        assert_eq!(r("a"), Resolved::Loop);
        assert_eq!(r("dangling"), Resolved::Missing("docs/nothing".into()));
        assert_eq!(
            r("backlog/stories/S-1.md/x"),
            Resolved::Missing("docs/backlog/stories/S-1.md/x".into())
        );
        assert_eq!(r(""), Resolved::Dir(String::new()));
        // No work tree known: an absolute target cannot be placed.
        assert_eq!(resolve("abs", None, &snap).unwrap(), Resolved::Outside("/work/repo/docs".into()));
    }

    #[test]
    fn within_compares_whole_names() {
        assert!(is_within("product/backlog", "product"));
        assert!(is_within("product", "product"));
        assert!(is_within("anything", ""));
        assert!(!is_within("product2/backlog", "product"));
        assert!(!is_within("", "product"));
    }
}
