//! Every test file is part of this binary. A `*.rs` under `tests/it/` that no `mod` declares
//! is never compiled, so its tests would silently never run; a `tests/*.rs`, a
//! `tests/*/main.rs` or a `[[test]]` in `Cargo.toml` would be a test binary of its own,
//! linked on its own and outside `support`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use regex::Regex;

/// The files `file` declares with `mod name;` (under a `#[path]` or not), where they exist.
fn declared_by(file: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let dir = file.parent().unwrap();
    // `main.rs` and `mod.rs` hold their children beside them; `a.rs` holds them in `a/`.
    let children = match file.file_name().and_then(|n| n.to_str()) {
        Some("main.rs" | "mod.rs") => dir.to_path_buf(),
        _ => dir.join(file.file_stem().unwrap()),
    };
    let path_attr = Regex::new(r#"^\s*#\[path\s*=\s*"([^"]+)"\]\s*$"#).unwrap();
    let module = Regex::new(r"^\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;").unwrap();
    let mut found = Vec::new();
    let mut path = None;
    for line in text.lines() {
        if let Some(c) = path_attr.captures(line) {
            path = Some(dir.join(&c[1]));
        } else if let Some(c) = module.captures(line) {
            match path.take() {
                Some(p) => found.push(p),
                None => found.extend(
                    [children.join(format!("{}.rs", &c[1])), children.join(&c[1]).join("mod.rs")]
                        .into_iter()
                        .filter(|p| p.is_file()),
                ),
            }
        } else if !line.trim_start().starts_with("#[") {
            path = None;
        }
    }
    found
}

/// What keeps a test file under `tests` (the folder) out of the one binary `tests/it`, one
/// message per file; `manifest` is the text of `Cargo.toml`.
fn forgotten(tests: &Path, manifest: &str) -> Vec<String> {
    let it = tests.join("it");
    let shown = |p: &Path| format!("tests/{}", p.strip_prefix(tests).unwrap().display());
    let mut problems = Vec::new();

    for entry in std::fs::read_dir(tests).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy();
            problems.push(format!(
                "{} is a test binary of its own: move it to tests/it/{name}.rs and add `mod {name};` to tests/it/main.rs",
                shown(&path)
            ));
        } else if path.is_dir() && path != it && path.join("main.rs").is_file() {
            problems.push(format!(
                "{} is a test binary of its own: move its modules into tests/it/",
                shown(&path.join("main.rs"))
            ));
        }
    }
    if manifest.lines().any(|l| l.trim() == "[[test]]") {
        problems.push("Cargo.toml declares a [[test]] target: put its tests into tests/it/ instead".to_owned());
    }

    // Every file reachable from main.rs through `mod` declarations.
    let main = it.join("main.rs");
    let mut reached = BTreeSet::new();
    let mut todo = vec![main.clone()];
    while let Some(file) = todo.pop() {
        let file = file.canonicalize().unwrap();
        if file.starts_with(it.canonicalize().unwrap()) && reached.insert(file.clone()) {
            todo.extend(declared_by(&file));
        }
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&it)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for file in files {
        if !reached.contains(&file.canonicalize().unwrap()) {
            let name = file.file_stem().unwrap().to_string_lossy();
            problems.push(format!(
                "{} is not part of the test binary, so its tests never run: declare it with `mod {name};` in tests/it/main.rs (or in the module whose folder holds it)",
                shown(&file)
            ));
        }
    }
    problems.sort();
    problems
}

#[test]
fn every_test_file_is_part_of_the_one_test_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let problems = forgotten(&root.join("tests"), &manifest);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check above can fail: each way of leaving a file out is found, and nothing else.
#[test]
fn a_forgotten_test_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let tests = dir.path().join("tests");
    let files = [
        (
            "it/main.rs",
            "mod a;\n#[cfg(unix)]\nmod b;\n#[path = \"elsewhere/c.rs\"]\nmod c;\n// mod commented_out;\n",
        ),
        ("it/a.rs", "mod inner;\n"),
        ("it/a/inner.rs", ""),
        ("it/a/orphan.rs", ""),
        ("it/b.rs", ""),
        ("it/elsewhere/c.rs", ""),
        ("it/commented_out.rs", ""),
        ("it/stray.rs", ""),
        ("it/snapshots/it__a__x.snap", ""),
        ("fixtures/data/main.rs", ""),
        ("top.rs", ""),
        ("other/main.rs", ""),
    ];
    for (path, text) in files {
        crate::support::write_file(&tests, path, text);
    }
    let shown: Vec<String> = forgotten(&tests, "[package]\nname = \"x\"\n\n[[test]]\nname = \"y\"\n")
        .iter()
        .map(|p| p.split_once(' ').map_or(p.as_str(), |(file, _)| file).to_owned())
        .collect();
    assert_eq!(
        shown,
        [
            "Cargo.toml",
            "tests/it/a/orphan.rs",
            "tests/it/commented_out.rs",
            "tests/it/stray.rs",
            "tests/other/main.rs",
            "tests/top.rs"
        ]
    );
}
