//! Sets `POBOX_VERSION` for `pobox --version`: the package version, plus the git revision
//! and commit date it was built from when built in a git checkout, e.g.
//! `0.1.0 (a1b2c3d 2026-11-22)`, or `0.1.0 (a1b2c3d-dirty 2026-11-22)` with uncommitted
//! changes. Outside git (a crates.io tarball) it is just the package version.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    println!("cargo:rerun-if-changed=build.rs");
    // Only describe the checkout this package is the top of, never an enclosing repository
    // (a crates.io tarball unpacked inside someone's git tree).
    let top = git(&["-C", &manifest, "rev-parse", "--show-toplevel"]);
    let ours = top.is_some_and(|t| Path::new(&t).canonicalize().ok() == Path::new(&manifest).canonicalize().ok());
    let revision = if ours {
        git(&["-C", &manifest, "rev-parse", "--short", "HEAD"]).map(|rev| {
            let date = git(&["-C", &manifest, "log", "-1", "--format=%cs", "HEAD"]).unwrap_or_default();
            let dirty = git(&["-C", &manifest, "status", "--porcelain", "--untracked-files=no"]).is_some();
            // Rebuild when HEAD moves, the branch it points to moves, or the index changes.
            for path in ["HEAD", "index", "packed-refs"] {
                watch(&manifest, path);
            }
            if let Some(reference) = git(&["-C", &manifest, "symbolic-ref", "-q", "HEAD"]) {
                watch(&manifest, &reference);
            }
            // The dirty flag follows the sources.
            println!("cargo:rerun-if-changed=src");
            let rev = if dirty { format!("{rev}-dirty") } else { rev };
            if date.is_empty() { rev } else { format!("{rev} {date}") }
        })
    } else {
        None
    };
    match revision {
        Some(r) => println!("cargo:rustc-env=POBOX_VERSION={version} ({r})"),
        None => println!("cargo:rustc-env=POBOX_VERSION={version}"),
    }
}

/// Rerun when git's file `name` (resolved for worktrees) changes.
fn watch(manifest: &str, name: &str) {
    if let Some(p) = git(&["-C", manifest, "rev-parse", "--path-format=absolute", "--git-path", name])
        && Path::new(&p).exists()
    {
        println!("cargo:rerun-if-changed={p}");
    }
}
