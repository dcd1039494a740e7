//! Target `workspace`: a workspace of arbitrary files, loaded, validated and prioritized,
//! its diagnostics rendered in every format. A known good story always sits beside the
//! fuzzed files and must be read whatever they hold.

use std::path::{Path, PathBuf};

use arbitrary::Arbitrary;
use pobox::workspace::{LoadOptions, Workspace};

/// Where a fuzzed file goes, under `backlog/`.
const FOLDERS: [&str; 9] = ["stories", "epics", "stakeholders", "meetings", "sprints", "risks", "", "templates", "stories/sub"];

/// The fuzzed part of a workspace.
#[derive(Debug, Arbitrary)]
pub struct Files {
    /// `pobox.yaml`, when the fuzzer writes one (else a plain valid one).
    pub config: Option<String>,
    /// At most 8 files.
    pub files: Vec<File>,
}

/// One fuzzed file.
#[derive(Debug, Arbitrary)]
pub struct File {
    /// Index into the folders.
    pub folder: u8,
    /// The name, reduced to safe characters; `.md` is added.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

const GOOD: &str = "backlog/stories/S-9999-good.md";

/// Run one input; panics (the finding) when an invariant breaks.
pub fn check(files: &Files) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::write(root.join("pobox.yaml"), files.config.as_deref().unwrap_or("product: Fuzz\n")).expect("write");
    std::fs::create_dir_all(root.join("backlog/stories")).expect("mkdir");
    std::fs::write(
        root.join(GOOD),
        "---\nid: S-9999\ntitle: Good\nstatus: ready\npoints: 3\n---\nAs a user, I want x, so that y.\n\n## Acceptance criteria\n\n- [ ] works\n",
    )
    .expect("write");
    for f in files.files.iter().take(8) {
        let name: String = f.name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).take(40).collect();
        let rel = Path::new("backlog").join(FOLDERS[usize::from(f.folder) % FOLDERS.len()]).join(format!("{name}.md"));
        if rel == Path::new(GOOD) {
            continue;
        }
        std::fs::create_dir_all(root.join(rel.parent().expect("a parent"))).expect("mkdir");
        std::fs::write(root.join(&rel), &f.bytes).expect("write");
    }
    let ws = match Workspace::load(root, LoadOptions { bodies: true, cache: false }) {
        Ok(ws) => ws,
        Err(pobox::workspace::WorkspaceError::Config(_)) if files.config.is_some() => return,
        Err(e) => panic!("the workspace does not load: {e}"),
    };
    let good: PathBuf = GOOD.into();
    assert!(
        ws.items.iter().any(|i| i.path == good && i.broken.is_none()),
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
