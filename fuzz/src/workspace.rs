//! Target `workspace`: a workspace of fuzzed files, loaded, validated and prioritized, its
//! diagnostics rendered in every format. A known good story always sits beside the fuzzed
//! files and must be read whatever they hold.
//!
//! The input is plain bytes, so that seeds are real workspaces and libFuzzer's mutations
//! stay local: files separated by [`SEPARATOR`], each a path line under `backlog/` (or
//! `pobox.yaml`) then the file's bytes. Shared with the integration tests through a
//! `#[path]` in `tests/it/main.rs` (for `tests/it/fuzz_corpus.rs`), so it uses nothing but
//! `pobox` and its dependencies.

use std::path::{Path, PathBuf};

use pobox::workspace::{LoadOptions, Workspace};

/// Between two files of an input.
pub const SEPARATOR: &[u8] = b"\n%%%%\n";

/// The good story that must always be read.
const GOOD: &str = "backlog/stories/S-9999-good.md";

/// A fuzzed workspace: `pobox.yaml` when the input has one, and up to 12 files.
#[derive(Debug, Default)]
pub struct Files {
    /// `pobox.yaml`, when the input has one (else a plain valid one is written).
    pub config: Option<Vec<u8>>,
    /// (path relative to the root, bytes).
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl Files {
    /// Split an input into files. Path lines keep only safe characters and at most four
    /// parts, so no file lands outside the temporary folder.
    #[must_use]
    pub fn parse(data: &[u8]) -> Files {
        let mut out = Files::default();
        let mut rest = data;
        while !rest.is_empty() && out.files.len() < 12 {
            let (part, next) = match find(rest, SEPARATOR) {
                Some(i) => (&rest[..i], &rest[i + SEPARATOR.len()..]),
                None => (rest, &[][..]),
            };
            rest = next;
            let (head, bytes) = match part.iter().position(|b| *b == b'\n') {
                Some(i) => (&part[..i], part[i + 1..].to_vec()),
                None => (part, Vec::new()),
            };
            let head = String::from_utf8_lossy(head);
            if head == "pobox.yaml" {
                out.config = Some(bytes);
                continue;
            }
            let parts: Vec<String> = head
                .split('/')
                .map(|p| {
                    p.chars()
                        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                        .take(40)
                        .collect::<String>()
                })
                .filter(|p| !p.is_empty() && !p.starts_with(".."))
                .take(4)
                .collect();
            let rel = parts.iter().fold(PathBuf::from("backlog"), |p, c| p.join(c));
            if parts.is_empty() || rel == Path::new(GOOD) || rel == Path::new("backlog/stories") {
                continue;
            }
            out.files.push((rel, bytes));
        }
        out
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Run one input; panics (the finding) when an invariant breaks.
pub fn check(data: &[u8]) {
    let files = Files::parse(data);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::write(root.join("pobox.yaml"), files.config.as_deref().unwrap_or(b"product: Fuzz\n")).expect("write");
    std::fs::create_dir_all(root.join("backlog/stories")).expect("mkdir");
    std::fs::write(
        root.join(GOOD),
        "---\nid: S-9999\ntitle: Good\nstatus: ready\npoints: 3\n---\nAs a user, I want x, so that y.\n\n## Acceptance criteria\n\n- [ ] works\n",
    )
    .expect("write");
    for (rel, bytes) in &files.files {
        let path = root.join(rel);
        // A file where a folder should be (or the reverse) is the fuzzer's doing: skip it.
        if path.parent().is_some_and(|p| std::fs::create_dir_all(p).is_err()) || path.is_dir() {
            continue;
        }
        let _ = std::fs::write(&path, bytes);
    }
    let ws = match Workspace::load(
        root,
        LoadOptions {
            bodies: true,
            cache: false,
        },
    ) {
        Ok(ws) => ws,
        Err(pobox::workspace::WorkspaceError::Config(_)) if files.config.is_some() => return,
        Err(pobox::workspace::WorkspaceError::Io { .. }) if files.config.is_some() => return,
        Err(e) => panic!("the workspace does not load: {e}"),
    };
    let good = Path::new(GOOD);
    // A fuzzed `pobox.yaml` may move the backlog elsewhere, and the good story with it.
    assert!(
        ws.config.backlog_dir != "backlog" || ws.items.iter().any(|i| i.path == good && i.broken.is_none()),
        "the good story was not read"
    );
    let today = jiff::civil::date(2026, 11, 22);
    let mut diags = ws.diagnostics.clone();
    diags.extend(pobox::validate::validate(&ws, today));
    for d in &diags {
        if let Some(text) = ws.file_text(&d.path) {
            assert!(crate::item::inside(&text, d), "{d:?} is outside the file");
        }
    }
    let _ = pobox::diag::render::human_from(&diags, |p| ws.file_text(p), false);
    let _ = pobox::diag::render::json(&diags);
    let _ = pobox::diag::render::sarif(&diags);
    let _ = pobox::diag::render::github(&diags);
    let _ = pobox::diag::render::short(&diags);
    for kind in [pobox::model::Kind::Story, pobox::model::Kind::Epic] {
        let opts = pobox::prioritize::Options {
            kind,
            ..pobox::prioritize::Options::default()
        };
        let _ = pobox::prioritize::prioritize(&ws, &opts);
    }
}
