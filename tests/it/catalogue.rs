//! The bad-input catalogue: one small workspace per rule under `tests/catalogue/<CODE>-<name>/`,
//! each with the exact `pobox validate --format short` output it must give in
//! `expected.txt` (code, file, line and column). Set `UPDATE_CATALOGUE=1` to rewrite the
//! expectations after reviewing a change.

use std::path::Path;

use crate::support;

#[test]
fn every_rule_has_a_case_and_every_case_reports_its_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let update = std::env::var("UPDATE_CATALOGUE").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let code = name.split('-').next().unwrap().to_owned();
        let out = support::pobox_in_source(case, "2026-11-22")
            .args(["validate", "--format", "short"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let expected_path = case.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &stdout).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if stdout != expected {
            failures.push(format!(
                "{name}: output differs\n--- expected\n{expected}--- got\n{stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        if !stdout.contains(&format!("[{code}]")) {
            failures.push(format!("{name}: does not report {code}:\n{stdout}"));
        }
        let has_error = stdout.contains(": error[");
        // Errors in pobox.yaml stop everything else: a usage error.
        let want = if stdout.lines().any(|l| l.starts_with("pobox.yaml:") && l.contains(": error[")) {
            2
        } else if has_error {
            1
        } else {
            0
        };
        if out.status.code() != Some(want) {
            failures.push(format!("{name}: exit code {:?} with errors={has_error}", out.status.code()));
        }
    }
    for code in pobox::diag::Code::ALL {
        if !cases
            .iter()
            .any(|c| c.file_name().unwrap().to_string_lossy().starts_with(code.as_str()))
        {
            failures.push(format!("no catalogue case for {code} ({})", code.name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
