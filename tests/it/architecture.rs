//! The layers of `src/lib.rs` (text → core → operations → views) hold in the code: each
//! module of the library imports only its own layer and the layers below, `text` imports
//! nothing of pobox, and no module imports a module that imports it, at the level of the
//! top modules and of the files inside each one. Read from the `crate::` paths, `use
//! super::…` lines and `mod` declarations of every file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top module of the library and its layer, as `src/lib.rs` and `docs/architecture.md`
/// say them. A new module must be put in one.
const LAYERS: &[(&str, u8)] = &[
    ("text", 1),
    ("model", 2),
    ("parse", 2),
    ("config", 2),
    ("diag", 2),
    ("workspace", 2),
    ("source", 2),
    ("cache", 2),
    ("git", 2),
    ("fsio", 2),
    ("generated", 2),
    ("clock", 2),
    ("templates", 2),
    ("forecast", 2),
    ("workflow", 2),
    ("create", 3),
    ("edit", 3),
    ("change", 3),
    ("init", 3),
    ("sprint", 3),
    ("prioritize", 3),
    ("validate", 3),
    ("query", 3),
    ("import", 3),
    ("export", 3),
    ("history", 3),
    ("hooks", 3),
    ("schema", 3),
    ("demo", 3),
    ("work_left", 3),
    ("progress", 3),
    ("outlook", 3),
    ("render", 4),
    ("report", 4),
    ("site", 4),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its unit tests, which may import what
/// they like.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file: `src/report/html/svg.rs` → `report::html::svg`,
/// `src/report/mod.rs` → `report`.
fn module_of(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The modules a file names: `crate::a::b`, `super::x` (resolved), `crate::{a, b}`.
fn imports(path: &Path) -> BTreeSet<Vec<String>> {
    let me = module_of(path);
    let code = code(path);
    let mut out = BTreeSet::new();
    let word = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            for name in group.split('}').next().unwrap_or_default().split(',') {
                let name = word(name.trim());
                if !name.is_empty() {
                    out.insert(vec![name]);
                }
            }
        } else {
            let mut path = Vec::new();
            let mut rest = rest;
            loop {
                let w = word(rest);
                if w.is_empty() {
                    break;
                }
                rest = &rest[w.len()..];
                path.push(w);
                match rest.strip_prefix("::") {
                    Some(r) if !r.starts_with('{') => rest = r,
                    _ => break,
                }
            }
            if !path.is_empty() {
                out.insert(path);
            }
        }
    }
    // `super::` from the file of `a::b` (`a/b.rs` or `a/b/mod.rs`) is `a`.
    let parent: Vec<String> = me[..me.len().saturating_sub(1)].to_vec();
    for (i, _) in code.match_indices("super::") {
        if i > 0 && code[..i].ends_with("::") {
            continue;
        }
        let rest = &code[i + "super::".len()..];
        let w = word(rest);
        let mut target = parent.clone();
        if !w.is_empty() && rest[w.len()..].starts_with("::") {
            target.push(w);
        } else if let Some(group) = rest.strip_prefix('{') {
            for name in group.split('}').next().unwrap_or_default().split(',') {
                let name = word(name.trim());
                let mut t = parent.clone();
                if !name.is_empty() && name != "self" {
                    t.push(name);
                }
                out.insert(t);
            }
            continue;
        } else if !w.is_empty() {
            target.push(w);
        }
        out.insert(target);
    }
    out
}

/// Files and the files they import: `a::b` is the file of `a::b` if there is one, else of
/// `a`.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let resolve =
        |path: &[String]| -> Option<Vec<String>> { (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p)) };
    let mut g = BTreeMap::new();
    for f in &files {
        let me = module_of(f);
        if me.first().is_some_and(|m| m == "cli" || m == "main" || m == "lib") || me.is_empty() {
            continue;
        }
        let targets: BTreeSet<Vec<String>> = imports(f).into_iter().filter_map(|p| resolve(&p)).filter(|t| *t != me).collect();
        g.insert(me, targets);
    }
    g
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn every_module_has_a_layer_and_imports_only_its_own_and_lower_layers() {
    let mut problems = Vec::new();
    for (from, targets) in graph() {
        let Some(top) = from.first() else { continue };
        let Some(mine) = layer(top) else {
            problems.push(format!(
                "src/{top} is in no layer: add it to LAYERS here, in src/lib.rs and in docs/architecture.md"
            ));
            continue;
        };
        for to in targets {
            let Some(theirs) = layer(&to[0]) else { continue };
            if theirs > mine || (mine == 1 && to[0] != *top) {
                problems.push(format!(
                    "{} (layer {mine}) imports {} (layer {theirs})",
                    from.join("::"),
                    to.join("::")
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    let g = graph();
    // Top modules: `report` imports `history` and `history` must not import `report`.
    let mut tops: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in &g {
        for to in targets {
            if to[0] != from[0] {
                tops.entry(from[0].clone()).or_default().insert(to[0].clone());
            }
        }
    }
    let mut cycles = find_cycles(&tops);
    // Files inside one module, apart from a parent module file and the files it declares,
    // which Rust makes name each other.
    let mut files: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in &g {
        for to in targets {
            let parent_child = to.len() < from.len() && from.starts_with(to) || from.len() < to.len() && to.starts_with(from);
            if to[0] == from[0] && !parent_child {
                files.entry(from.join("::")).or_default().insert(to.join("::"));
            }
        }
    }
    cycles.extend(find_cycles(&files));
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// Each cycle once, as `a -> b -> a`.
fn find_cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for start in g.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, path)) = stack.pop() {
            for next in g.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    let min = cycle.iter().min().unwrap().clone();
                    let at = cycle.iter().position(|c| *c == min).unwrap();
                    cycle.rotate_left(at);
                    cycle.push(cycle[0].clone());
                    found.insert(cycle.join(" -> "));
                } else if !path.contains(next) && path.len() < 8 {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    found.into_iter().collect()
}

#[test]
fn the_checker_sees_a_cycle_and_a_layer_broken() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("a".into());
    assert_eq!(find_cycles(&g), ["a -> b -> a"]);
    assert_eq!(layer("report"), Some(4));
    assert!(layer("report") > layer("workspace"), "a view is above the core");
    let parsed = imports(&src().join("report/html/svg.rs"));
    assert!(parsed.contains(&vec!["report".to_owned(), "figure".to_owned()]), "{parsed:?}");
    assert!(
        parsed.iter().any(|p| p.starts_with(&["report".to_owned(), "html".to_owned()])),
        "super:: resolves against the file's module: {parsed:?}"
    );
}
