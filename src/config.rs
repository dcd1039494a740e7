//! `pobox.yaml`: the workspace's settings, each with a default.

use std::path::Path;

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::Kind;
use crate::model::fields::Fields;
use crate::parse::yaml::{self, Node, Value};
use crate::workflow::{Category, Workflow};

/// The name of the file that marks a workspace.
pub const FILE_NAME: &str = "pobox.yaml";

/// The workspace's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The product's name.
    pub product: String,
    /// Where items live, relative to the workspace root.
    pub backlog_dir: String,
    /// Default sprint length.
    pub sprint_length_days: u32,
    /// The workflow of stories and epics: `statuses` in order, each with its category
    /// (`status_categories`).
    pub workflow: Workflow,
    /// Allowed estimates.
    pub estimate_scale: Vec<u32>,
    /// Default prioritization method.
    pub prioritization: String,
    /// Id prefix per numbered kind.
    pub id_prefixes: Vec<(Kind, String)>,
    /// Estimates above this are "not Small": split the story (domain §2, S004).
    pub split_threshold: u32,
    /// Severity overrides per rule (code or name → `error`/`warning`/`info`/`off`).
    pub rules: Vec<(String, Option<Severity>)>,
    /// Settings pobox does not know, kept for tools that extend it.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            product: String::new(),
            backlog_dir: "backlog".to_owned(),
            sprint_length_days: 14,
            workflow: Workflow::default(),
            estimate_scale: vec![1, 2, 3, 5, 8, 13, 20],
            prioritization: "wsjf".to_owned(),
            id_prefixes: Kind::ALL
                .iter()
                .filter_map(|k| Some((*k, k.default_prefix()?.to_owned())))
                .collect(),
            split_threshold: 13,
            rules: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }
}

impl Config {
    /// The id prefix of a numbered kind (`S` for stories).
    #[must_use]
    pub fn prefix(&self, kind: Kind) -> Option<&str> {
        self.id_prefixes.iter().find(|(k, _)| *k == kind).map(|(_, p)| p.as_str())
    }

    /// Every configured prefix (for finding id mentions in bodies).
    #[must_use]
    pub fn prefixes(&self) -> Vec<&str> {
        self.id_prefixes.iter().map(|(_, p)| p.as_str()).collect()
    }

    /// The statuses a kind's `status` field allows: the workflow's, or the kind's own life
    /// cycle (sprints, risks).
    #[must_use]
    pub fn statuses_for(&self, kind: Kind) -> Vec<&str> {
        kind.own_statuses()
            .map_or_else(|| self.workflow.statuses().collect(), <[&str]>::to_vec)
    }

    /// Severity of a rule after the workspace's overrides; `None` when turned off.
    #[must_use]
    pub fn severity(&self, code: Code) -> Option<Severity> {
        self.rules
            .iter()
            .rev()
            .find(|(k, _)| Code::parse(k) == Some(code))
            .map_or(Some(code.default_severity()), |(_, s)| *s)
    }

    /// Parse `pobox.yaml` text. Problems come back as diagnostics; error-level ones mean the
    /// workspace cannot be trusted.
    #[must_use]
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut config = Config::default();
        // Settings merged with a conflict are two settings at once: neither is used.
        if let Some(line) = crate::parse::frontmatter::conflict_marker(text) {
            diags.push(Diagnostic::merge_conflict(path, line));
            return (config, diags);
        }
        let node = match yaml::parse(text) {
            Ok(n) => n,
            Err(e) => {
                let code = if e.duplicate_key.is_some() {
                    Code::DuplicateKey
                } else {
                    Code::Config
                };
                diags.push(
                    Diagnostic::new(
                        code,
                        path,
                        e.pos.line.max(1),
                        e.pos.col.max(1),
                        format!("invalid YAML: {}", e.message),
                    )
                    .help("fix the YAML syntax of pobox.yaml"),
                );
                return (config, diags);
            }
        };
        let Value::Map(entries) = &node.value else {
            diags.push(
                Diagnostic::new(Code::Config, path, 1, 1, "pobox.yaml must hold `key: value` lines")
                    .help("start with `product: <your product's name>`"),
            );
            return (config, diags);
        };
        let mut f = Fields::new(entries, path, 0, &mut diags);
        if let Some(p) = f.text("product") {
            config.product = p;
        }
        if let Some(d) = f.text("backlog_dir") {
            config.backlog_dir = d;
        }
        let mut length_diags = Vec::new();
        if let Some(n) = f.count("sprint_length_days", "14") {
            if n > crate::model::item::MAX_SPRINT_DAYS {
                length_diags.push(
                    at_key(
                        entries,
                        path,
                        "sprint_length_days",
                        format!(
                            "`sprint_length_days: {n}` is more than the {} days a sprint may run",
                            crate::model::item::MAX_SPRINT_DAYS
                        ),
                    )
                    .help("write the sprints' usual length in days, like `sprint_length_days: 14`"),
                );
            } else {
                config.sprint_length_days = n;
            }
        }
        let statuses = f.text_list("statuses");
        let categories = entries.iter().find(|e| e.key == "status_categories").map(|e| e.node.clone());
        let _ = f.nested("status_categories", |_| ());
        let mut category_diags = Vec::new();
        let categories = categories.map_or_else(Vec::new, |node| status_categories(&node, &statuses, path, &mut category_diags));
        if !statuses.is_empty() || !categories.is_empty() {
            config.workflow = Workflow::new(&statuses, &categories);
        }
        if let Some(n) = f.count("split_threshold", "13") {
            config.split_threshold = n;
        }
        if let Some(p) = f.text("prioritization") {
            config.prioritization = p;
        }
        let scale = f.text_list("estimate_scale");
        let scale_node = entries.iter().find(|e| e.key == "estimate_scale");
        let mut scale_diags = Vec::new();
        if !scale.is_empty() {
            match scale.iter().map(|s| s.parse::<u32>()).collect::<Result<Vec<_>, _>>() {
                Ok(v) => config.estimate_scale = v,
                Err(_) => {
                    let pos = scale_node.map_or((1, 1), |e| (e.node.pos.line, e.node.pos.col));
                    scale_diags.push(
                        Diagnostic::new(Code::WrongType, path, pos.0, pos.1, "`estimate_scale` must list whole numbers")
                            .help("write it like `estimate_scale: [1, 2, 3, 5, 8, 13, 20]`"),
                    );
                }
            }
        }
        let prefixes = f.nested("id_prefixes", |p| {
            Kind::ALL.iter().filter_map(|k| Some((*k, p.text(k.as_str())?))).collect::<Vec<_>>()
        });
        let rules = entries.iter().find(|e| e.key == "rules").map(|e| e.node.clone());
        let _ = f.nested("rules", |_| ());
        config.extra = f.rest();
        diags.append(&mut length_diags);
        diags.append(&mut scale_diags);
        diags.append(&mut category_diags);
        for (kind, prefix) in prefixes.unwrap_or_default() {
            if let Some(slot) = config.id_prefixes.iter_mut().find(|(k, _)| *k == kind) {
                slot.1 = prefix;
            }
        }
        if let Some(Value::Map(rules)) = rules.map(|n| n.value) {
            for rule in rules {
                let Some(_) = Code::parse(&rule.key) else {
                    diags.push(
                        Diagnostic::new(
                            Code::Config,
                            path,
                            rule.key_pos.line,
                            rule.key_pos.col,
                            format!("unknown rule `{}`", rule.key),
                        )
                        .help(match crate::diag::suggest(&rule.key, Code::ALL.iter().map(|c| c.name())) {
                            Some(name) => {
                                format!("did you mean `{name}`? rules are named by code (`PO304`) or name; docs/rules.md lists them")
                            }
                            None => "name a rule by its code (`PO304`) or its name (`missing-story-sentence`); docs/rules.md lists them"
                                .to_owned(),
                        }),
                    );
                    continue;
                };
                // Any case, and YAML 1.1's `no` for off: YAML 1.1 read `Off` and `no` as
                // false, which turned a rule off before pobox read YAML 1.2.
                let level = match rule.node.value.scalar_text().map(|t| t.to_ascii_lowercase()).as_deref() {
                    Some("error") => Some(Severity::Error),
                    Some("warning" | "warn") => Some(Severity::Warning),
                    Some("info") => Some(Severity::Info),
                    Some("off" | "false" | "no") => None,
                    _ => {
                        diags.push(
                            Diagnostic::new(
                                Code::Config,
                                path,
                                rule.node.pos.line,
                                rule.node.pos.col,
                                format!("`{}` must be error, warning, info or off", rule.key),
                            )
                            .help(format!("write it like `{}: warning`", rule.key)),
                        );
                        continue;
                    }
                };
                config.rules.push((rule.key.clone(), level));
            }
        }
        // A prefix becomes part of file names (`S-1.md`): letters and digits only, so that no
        // id pobox numbers can name a path outside its folder.
        let default_prefixes = Config::default().id_prefixes;
        for (slot, default) in config.id_prefixes.iter_mut().zip(default_prefixes) {
            let ok = slot.1.len() <= 16
                && slot.1.starts_with(|c: char| c.is_ascii_alphabetic())
                && slot.1.chars().all(|c| c.is_ascii_alphanumeric());
            if !ok {
                diags.push(
                    at_key(
                        entries,
                        path,
                        "id_prefixes",
                        format!(
                            "the {} id prefix `{}` is not letters and digits",
                            slot.0.as_str(),
                            crate::text::control::escape(&slot.1)
                        ),
                    )
                    .help(format!(
                        "use a short prefix of ASCII letters and digits that starts with a letter, like `{}`",
                        default.1
                    )),
                );
                *slot = default;
            }
        }
        diags.extend(prefix_collisions(&config.id_prefixes, entries, path));
        let git_inside = Path::new(&config.backlog_dir).components().any(|c| c.as_os_str() == ".git");
        if config.backlog_dir.contains("..") || Path::new(&config.backlog_dir).is_absolute() || git_inside {
            diags.push(
                at_key(entries, path, "backlog_dir", "`backlog_dir` must be a folder inside the workspace")
                    .help("use a relative path like `backlog`"),
            );
            config.backlog_dir = "backlog".to_owned();
        }
        (config, diags)
    }
}

/// `status_categories`: each workflow status it names and its category. A name that is not
/// a status, or a category that does not exist, is a diagnostic at its line.
/// A `pobox.yaml` error at the value of `key` (at the top of the file when it is missing).
fn at_key(entries: &[yaml::Entry], path: &Path, key: &str, message: impl Into<String>) -> Diagnostic {
    let (line, col) = entries
        .iter()
        .find(|e| e.key == key)
        .map_or((1, 1), |e| (e.node.pos.line, e.node.pos.col));
    Diagnostic::new(Code::Config, path, line, col, message)
}

fn status_categories(node: &Node, statuses: &[String], path: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, Category)> {
    let Value::Map(entries) = &node.value else {
        return Vec::new();
    };
    let workflow: Vec<String> = if statuses.is_empty() {
        Workflow::default().statuses().map(str::to_owned).collect()
    } else {
        statuses.to_vec()
    };
    let mut out = Vec::new();
    for e in entries {
        if !workflow.contains(&e.key) {
            diags.push(
                Diagnostic::new(
                    Code::Config,
                    path,
                    e.key_pos.line,
                    e.key_pos.col,
                    format!(
                        "`status_categories` names `{}`, which is not one of `statuses`",
                        crate::text::control::escape(&e.key)
                    ),
                )
                .help(format!("give a category to each of: {}", workflow.join(", "))),
            );
            continue;
        }
        match e.node.value.scalar_text().as_deref().and_then(Category::parse) {
            Some(c) => out.push((e.key.clone(), c)),
            None => diags.push(
                Diagnostic::new(
                    Code::Config,
                    path,
                    e.node.pos.line,
                    e.node.pos.col,
                    format!(
                        "`{}` must be one of not-started, in-progress, done, dropped",
                        crate::text::control::escape(&e.key)
                    ),
                )
                .help(format!("write it like `{}: in-progress`", crate::text::control::escape(&e.key))),
            ),
        }
    }
    out
}

/// PO090 for every kind whose id prefix another kind already has (case aside: file names
/// ignore case on macOS and Windows, so `X-1.md` and `x-1.md` would be one file): both
/// kinds would number their items `X-1`, `X-2`, … and `story new` and `epic new` would
/// each create `X-1`. Each collision is reported at the second of the two in the file (a
/// kind's default prefix comes first, since it is not written there).
fn prefix_collisions(prefixes: &[(Kind, String)], entries: &[yaml::Entry], path: &Path) -> Vec<Diagnostic> {
    let written: Vec<&yaml::Entry> = match entries.iter().find(|e| e.key == "id_prefixes").map(|e| &e.node.value) {
        Some(Value::Map(m)) => m.iter().collect(),
        _ => Vec::new(),
    };
    // Where each kind's prefix is written: its place in the file, `None` for a default.
    let place = |kind: Kind| written.iter().position(|e| e.key == kind.as_str());
    let mut order: Vec<&(Kind, String)> = prefixes.iter().collect();
    order.sort_by_key(|(kind, _)| place(*kind).map_or(0, |i| i + 1));
    let mut diags = Vec::new();
    for (n, (kind, prefix)) in order.iter().enumerate() {
        let Some(first) = order[..n].iter().find(|(_, p)| p.eq_ignore_ascii_case(prefix)) else {
            continue;
        };
        let (other, theirs) = (first.0, &first.1);
        let pos = place(*kind).map_or((1, 1), |i| (written[i].node.pos.line, written[i].node.pos.col));
        let default = if place(other).is_none() { ", its default" } else { "" };
        let shown = crate::text::control::escape(prefix);
        let spelt = if theirs == prefix {
            String::new()
        } else {
            format!(" (`{}`: file names ignore case)", crate::text::control::escape(theirs))
        };
        let free = kind
            .default_prefix()
            .filter(|d| !prefixes.iter().any(|(_, p)| p.eq_ignore_ascii_case(d)))
            .map_or_else(String::new, |d| format!(", like `{}: {d}`", kind.as_str()));
        diags.push(
            Diagnostic::new(
                Code::Config,
                path,
                pos.0,
                pos.1,
                format!(
                    "the {} id prefix `{shown}` is also the {} id prefix{spelt}{default}",
                    kind.as_str(),
                    other.as_str()
                ),
            )
            .help(format!(
                "give each kind its own prefix{free}: otherwise `pobox {} new` and `pobox {} new` both create `{shown}-1`",
                other.as_str(),
                kind.as_str()
            )),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_backlog_dir_cannot_leave_the_workspace() {
        for bad in ["\"../../x\"", "\"/etc/S\"", "\"S/1\"", "\"1S\"", "\"\"", "\"S\\u0000\""] {
            let (c, diags) = Config::parse(&format!("product: P\nid_prefixes: {{story: {bad}}}\n"), Path::new("pobox.yaml"));
            assert!(
                diags.iter().any(|d| d.code == Code::Config && d.message.contains("id prefix")),
                "{bad}: {diags:?}"
            );
            assert_eq!(c.prefix(Kind::Story), Some("S"), "{bad}");
        }
        let (c, diags) = Config::parse("product: P\nid_prefixes: {story: US2}\n", Path::new("pobox.yaml"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(c.prefix(Kind::Story), Some("US2"));
        for bad in [".git", "x/.git/y", "../b", "/abs"] {
            let (c, diags) = Config::parse(&format!("product: P\nbacklog_dir: {bad}\n"), Path::new("pobox.yaml"));
            assert!(diags.iter().any(|d| d.code == Code::Config), "{bad}");
            assert_eq!(c.backlog_dir, "backlog");
        }
    }

    #[test]
    fn defaults_and_overrides() {
        let (c, d) = Config::parse(
            "product: Shop\nstatuses: [todo, doing, done]\nid_prefixes: {story: US}\nrules: {PO012: off, missing-title: warning}\nteam: x\n",
            Path::new("pobox.yaml"),
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.product, "Shop");
        assert_eq!(c.workflow.statuses().collect::<Vec<_>>(), ["todo", "doing", "done"]);
        assert_eq!(c.prefix(Kind::Story), Some("US"));
        assert_eq!(c.prefix(Kind::Epic), Some("E"));
        assert_eq!(c.severity(Code::OutsideKindFolder), None);
        assert_eq!(c.severity(Code::MissingTitle), Some(Severity::Warning));
        assert_eq!(c.severity(Code::MissingId), Some(Severity::Error));
        assert_eq!(c.estimate_scale, [1, 2, 3, 5, 8, 13, 20]);
        assert_eq!(c.extra["team"], "x");
    }

    #[test]
    fn status_categories_give_custom_statuses_their_meaning() {
        let (c, d) = Config::parse(
            "product: x\nstatuses: [backlog, analysis, qa, accepted, dropped]\nstatus_categories:\n  analysis: in progress\n  qa: in-progress\n  accepted: done\n",
            Path::new("pobox.yaml"),
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(c.workflow.is_in_progress("analysis") && c.workflow.is_in_progress("qa"));
        assert!(c.workflow.is_done("accepted") && c.workflow.is_dropped("dropped"));
        assert_eq!(c.workflow.ready_status(), "backlog");
        assert!(!c.extra.contains_key("status_categories"), "a known setting, not an extra one");
        // The example of docs/format.md.
        let (c, d) = Config::parse(
            "product: x\nstatuses: [backlog, refined, build, qa, accepted, won't do]\nstatus_categories:\n  qa: in-progress\n  won't do: dropped\n",
            Path::new("pobox.yaml"),
        );
        assert!(d.is_empty(), "{d:?}");
        let w = &c.workflow;
        let cats: Vec<Category> = w.categorized().iter().map(|(_, c)| *c).collect();
        assert_eq!(
            cats,
            [
                Category::NotStarted,
                Category::NotStarted,
                Category::InProgress,
                Category::InProgress,
                Category::Done,
                Category::Dropped
            ]
        );
        assert_eq!(w.ready_status(), "refined");
        let (_, d) = Config::parse(
            "product: x\nstatuses: [todo, done]\nstatus_categories:\n  todo: later\n  doing: in-progress\n",
            Path::new("pobox.yaml"),
        );
        let lines: Vec<_> = d.iter().map(|d| (d.code, d.line, d.message.clone())).collect();
        assert_eq!(
            lines,
            [
                (
                    Code::Config,
                    4,
                    "`todo` must be one of not-started, in-progress, done, dropped".to_owned()
                ),
                (
                    Code::Config,
                    5,
                    "`status_categories` names `doing`, which is not one of `statuses`".to_owned()
                ),
            ]
        );
    }

    /// Regression (issue 12): two kinds with one prefix (whatever its case) would both create
    /// `X-1`; the second of the two in the file is a PO090 error.
    #[test]
    fn colliding_id_prefixes_are_an_error() {
        let parse = |text: &str| {
            let (_, d) = Config::parse(text, Path::new("pobox.yaml"));
            d.iter().map(|d| (d.code, d.line, d.col, d.message.clone())).collect::<Vec<_>>()
        };
        assert_eq!(
            parse("product: P\nid_prefixes:\n  story: X\n  epic: x\n"),
            [(
                Code::Config,
                4,
                9,
                "the epic id prefix `x` is also the story id prefix (`X`: file names ignore case)".to_owned()
            )]
        );
        assert_eq!(
            parse("product: P\nid_prefixes: {story: E}\n"),
            [(
                Code::Config,
                2,
                22,
                "the story id prefix `E` is also the epic id prefix, its default".to_owned()
            )]
        );
        let (_, d) = Config::parse("product: P\nid_prefixes: {epic: S, story: S}\n", Path::new("pobox.yaml"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "the story id prefix `S` is also the epic id prefix");
        assert_eq!(
            d[0].help.as_deref(),
            Some("give each kind its own prefix: otherwise `pobox epic new` and `pobox story new` both create `S-1`")
        );
        assert!(d[0].is_error());
        let (_, d) = Config::parse("product: P\nid_prefixes: {story: E}\n", Path::new("pobox.yaml"));
        assert_eq!(
            d[0].help.as_deref(),
            Some("give each kind its own prefix, like `story: S`: otherwise `pobox epic new` and `pobox story new` both create `E-1`")
        );
        // Distinct prefixes, even when one starts like another (`S`, `SP`), are fine.
        assert!(parse("product: P\nid_prefixes: {story: US, epic: EP, sprint: SP, risk: S}\n").is_empty());
    }

    #[test]
    fn a_merge_conflict_is_reported_as_one() {
        let text = "product: Shop\n<<<<<<< HEAD\nsprint_length_days: 10\n=======\nsprint_length_days: 7\n>>>>>>> other\n";
        let (_, d) = Config::parse(text, Path::new("pobox.yaml"));
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [(Code::MergeConflict, 2)]);
        assert!(d[0].is_error());
    }

    #[test]
    fn bad_values_are_diagnostics() {
        let (_, d) = Config::parse(
            "product: Shop\nsprint_length_days: two\nrules: {PO999: off}\n",
            Path::new("pobox.yaml"),
        );
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [(Code::WrongType, 2), (Code::Config, 3)]);
    }
}
