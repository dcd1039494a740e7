//! `pobox site`: the workspace as a static, self-contained HTML site that opens from
//! `file://` and on GitHub Pages alike: a home page with the product's vision, the ordered
//! backlog, one page per item (its fields, its Markdown body and what mentions it), the
//! sprint reports, the stakeholder grid, the risk register, the decision records and the
//! roadmap.
//!
//! Every page is flat in one folder, so every link is a plain relative file name. The pages
//! share one stylesheet, need no JavaScript and forbid it: each carries a
//! Content-Security-Policy that allows only the site's own stylesheet. User Markdown goes
//! through [`markdown::to_html`], which shows raw HTML as text and keeps only safe links.
//!
//! A file pobox cannot read keeps its page and its row in its kind's list, saying why; the
//! home page counts such files apart and names them, and every page that counts or lists
//! items of a kind says which files of that kind it could not count (domain §8).
//!
//! [`build`] makes the pages in memory; [`write`] puts them in place atomically.

pub mod markdown;
mod write;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use jiff::civil::Date;

use crate::history::History;
use crate::model::{Item, Kind, KindData};
use crate::report::{self, Report as _};
use crate::text::html::escape;
use crate::workspace::{UnreadableFile, Workspace};

pub use write::{MARKER, SiteError, write};

/// The Content-Security-Policy of every page: the site's own stylesheet, nothing else.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/// The shared stylesheet's file name.
pub const STYLESHEET: &str = "style.css";

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Its name in the site's folder (no folders: every page sits beside the others).
    pub name: String,
    /// Its content.
    pub content: String,
}

/// The site's sections, in the navigation's order: file name and label.
const SECTIONS: [(&str, &str); 10] = [
    ("index.html", "Home"),
    ("backlog.html", "Backlog"),
    ("roadmap.html", "Roadmap"),
    ("stories.html", "Stories"),
    ("epics.html", "Epics"),
    ("sprints.html", "Sprints"),
    ("meetings.html", "Meetings"),
    ("stakeholders.html", "Stakeholders"),
    ("risks.html", "Risks"),
    ("decisions.html", "Decisions"),
];

/// The list page of a kind.
fn section_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Story => "stories.html",
        Kind::Epic => "epics.html",
        Kind::Sprint => "sprints.html",
        Kind::Meeting => "meetings.html",
        Kind::Stakeholder => "stakeholders.html",
        Kind::Risk => "risks.html",
        Kind::Decision => "decisions.html",
    }
}

/// Item ids to page file names: `story-S-1.html`; characters that are not safe in a file
/// name become `_`, and clashes get a number.
struct Pages {
    by_id: HashMap<String, String>,
}

impl Pages {
    fn new(ws: &Workspace) -> Self {
        let mut by_id = HashMap::new();
        let mut taken: HashSet<String> = SECTIONS.iter().map(|(n, _)| (*n).to_owned()).collect();
        for item in &ws.items {
            if by_id.contains_key(&item.id) {
                continue;
            }
            let safe: String = item
                .id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let base = format!("{}-{safe}", item.kind.as_str());
            let mut name = format!("{base}.html");
            let mut n = 2;
            while taken.contains(&name.to_ascii_lowercase()) {
                name = format!("{base}-{n}.html");
                n += 1;
            }
            taken.insert(name.to_ascii_lowercase());
            by_id.insert(item.id.clone(), name);
        }
        Pages { by_id }
    }

    fn of(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    /// `<a href="story-S-1.html">S-1</a>`, or the id as text when no item has it.
    fn link(&self, id: &str) -> String {
        match self.of(id) {
            Some(page) => format!("<a href=\"{}\">{}</a>", escape(page), escape(id)),
            None => escape(id),
        }
    }
}

/// The file name of a sprint's report page.
fn report_page(sprint_page: &str) -> String {
    format!("{}-report.html", sprint_page.trim_end_matches(".html"))
}

/// Build every file of the site for `ws` as of `as_of`. With `history`, started sprints get
/// their sprint report; without (no git), the site says so on the sprints page.
#[must_use]
pub fn build(ws: &Workspace, history: Option<&History>, as_of: Date) -> Vec<SiteFile> {
    let pages = Pages::new(ws);
    let site = Site { ws, pages, as_of };
    let mut files = vec![
        SiteFile {
            name: STYLESHEET.to_owned(),
            content: format!("\n{}\n\n{SITE_STYLE}", report::html::STYLE),
        },
        SiteFile {
            name: ".nojekyll".to_owned(),
            content: String::new(),
        },
        SiteFile {
            name: MARKER.to_owned(),
            content: "This folder was written by `pobox site`; it replaces the whole folder on each run.\n".to_owned(),
        },
    ];
    // The roadmap's epic forecasts are the same as every other view's (crate::outlook).
    let forecaster = crate::outlook::Forecaster::new(
        history.ok_or("the workspace is not in a git repository with its history"),
        as_of,
        crate::outlook::Settings::default(),
    );
    let mut reports = HashMap::new();
    if let Some(history) = history {
        for sprint in ws.of_kind(Kind::Sprint).filter(|i| i.broken.is_none()) {
            let Ok(doc) = report::sprint::build(ws, history, &sprint.id, as_of) else {
                continue;
            };
            let Some(page) = site.pages.of(&sprint.id) else { continue };
            let name = report_page(page);
            let body = report::html::body(&doc.page());
            let title = format!("Sprint report: {} {}", sprint.id, sprint.title);
            files.push(SiteFile {
                content: site.page(&title, "sprints.html", &body),
                name: name.clone(),
            });
            reports.insert(sprint.id.clone(), name);
        }
    }
    files.push(SiteFile {
        name: "index.html".to_owned(),
        content: site.index(),
    });
    files.push(SiteFile {
        name: "backlog.html".to_owned(),
        content: site.backlog(),
    });
    files.push(SiteFile {
        name: "roadmap.html".to_owned(),
        content: site.page(
            "Roadmap",
            "roadmap.html",
            &report::html::body(&report::roadmap::build(ws, &forecaster, as_of).page()),
        ),
    });
    for kind in Kind::ALL {
        files.push(SiteFile {
            name: section_of(kind).to_owned(),
            content: site.list(kind, history.is_some(), &reports),
        });
    }
    for item in &ws.items {
        let Some(name) = site.pages.of(&item.id) else { continue };
        if files.iter().any(|f| f.name == name) {
            continue; // a second file with the same id: the first one has the page
        }
        files.push(SiteFile {
            name: name.to_owned(),
            content: site.item(item, reports.get(&item.id).map(String::as_str)),
        });
    }
    files
}

struct Site<'a> {
    ws: &'a Workspace,
    pages: Pages,
    as_of: Date,
}

impl Site<'_> {
    /// A whole page: head, skip link, navigation (with `current` marked), `<main>` holding
    /// `body` (which brings its own `<h1>`), footer.
    fn page(&self, title: &str, current: &str, body: &str) -> String {
        let product = &self.ws.config.product;
        let mut s = String::new();
        let full_title = if product.is_empty() {
            title.to_owned()
        } else {
            format!("{title} · {product}")
        };
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"pobox\">\n<title>{}</title>\n\
             <link rel=\"stylesheet\" href=\"{STYLESHEET}\">\n</head>\n<body>\n\
             <a class=\"skip\" href=\"#main\">Skip to content</a>\n\
             <header class=\"site\">\n<p class=\"brand\"><a href=\"index.html\">{}</a></p>\n\
             <nav aria-label=\"Site\">\n<ul>\n",
            escape(&full_title),
            escape(if product.is_empty() { "pobox" } else { product })
        );
        for (file, label) in SECTIONS {
            let here = if file == current { " aria-current=\"page\"" } else { "" };
            let _ = writeln!(s, "<li><a href=\"{file}\"{here}>{label}</a></li>");
        }
        let _ = write!(
            s,
            "</ul>\n</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n{body}</main>\n\
             <footer class=\"site\"><p>Made by pobox from the backlog's files as of {}.</p></footer>\n</body>\n</html>\n",
            self.as_of
        );
        s
    }

    fn index(&self) -> String {
        let ws = self.ws;
        let mut s = String::new();
        let product = if ws.config.product.is_empty() {
            "Product"
        } else {
            &ws.config.product
        };
        let _ = writeln!(s, "<h1>{}</h1>", escape(product));
        let vision = std::fs::read_to_string(ws.root.join(&ws.config.backlog_dir).join("product.md")).unwrap_or_default();
        // product.md usually starts with the product's name as its `#` heading: the page's
        // <h1> already says it.
        let vision = match vision.trim_start().strip_prefix("# ") {
            Some(rest) => rest.split_once('\n').map_or("", |(_, r)| r).to_owned(),
            None => vision,
        };
        if !vision.trim().is_empty() {
            let _ = writeln!(
                s,
                "<section aria-labelledby=\"about\">\n<h2 id=\"about\">About the product</h2>\n<div class=\"body\">{}</div>\n</section>",
                self.markdown(&vision)
            );
        }
        let _ = writeln!(
            s,
            "<section aria-labelledby=\"counts\">\n<h2 id=\"counts\">The backlog at a glance</h2>\n<table>\n<thead><tr><th>Kind</th><th class=\"num\">Total</th><th>By status</th></tr></thead>\n<tbody>"
        );
        for kind in Kind::ALL {
            let items: Vec<&Item> = ws.of_kind(kind).collect();
            let mut by_status: Vec<(String, usize)> = Vec::new();
            for i in items.iter().filter(|i| i.broken.is_none()) {
                if let Some(st) = i.status() {
                    match by_status.iter_mut().find(|(s, _)| s == st) {
                        Some((_, n)) => *n += 1,
                        None => by_status.push((st.to_owned(), 1)),
                    }
                }
            }
            let mut statuses: Vec<String> = by_status.iter().map(|(st, n)| format!("{} {n}", escape(st))).collect();
            // Counted in the total, but with no status anyone can trust.
            let broken = items.iter().filter(|i| i.broken.is_some()).count();
            if broken > 0 {
                statuses.push(format!("<span class=\"overdue\">cannot be read {broken}</span>"));
            }
            let label = SECTIONS.iter().find(|(f, _)| *f == section_of(kind)).map_or("", |(_, l)| l);
            let _ = writeln!(
                s,
                "<tr><td><a href=\"{}\">{label}</a></td><td class=\"num\">{}</td><td>{}</td></tr>",
                section_of(kind),
                items.len(),
                if statuses.is_empty() { "-".to_owned() } else { statuses.join(", ") }
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>\n</section>");
        s.push_str(&unreadable_section(&ws.unreadable(&Kind::ALL)));
        let _ = writeln!(
            s,
            "<section aria-labelledby=\"more\">\n<h2 id=\"more\">Plans and reports</h2>\n<ul>\n\
             <li><a href=\"backlog.html\">The ordered backlog</a>, with each story's score and whether it has criteria and an estimate</li>\n\
             <li><a href=\"roadmap.html\">The roadmap</a>: epics by horizon</li>\n\
             <li><a href=\"sprints.html\">Sprints</a> and their sprint reports</li>\n\
             <li><a href=\"stakeholders.html\">Stakeholders</a> on the power/interest grid</li>\n\
             <li><a href=\"risks.html\">Risks</a> on the likelihood/impact matrix</li>\n</ul>\n</section>"
        );
        self.page(product, "index.html", &s)
    }

    fn backlog(&self) -> String {
        let mut s = String::from("<h1>Backlog</h1>\n");
        match report::backlog::build(self.ws, None, self.as_of) {
            Err(e) => {
                let _ = writeln!(s, "<p>The backlog cannot be ordered: {}</p>", escape(&e.to_string()));
            }
            Ok(doc) => {
                s.push_str(&unreadable_section(&doc.unreadable));
                let _ = writeln!(
                    s,
                    "<p class=\"note\">Open stories by {}, prerequisites first (as <code>pobox prioritize</code> orders them).</p>",
                    escape(&doc.method.to_string())
                );
                if doc.order.is_empty() {
                    let _ = writeln!(s, "<p>No story can be ordered yet.</p>");
                } else {
                    let _ = writeln!(
                        s,
                        "<table>\n<thead><tr><th class=\"num\">#</th><th>Story</th><th>Title</th><th class=\"num\">Score</th><th>Status</th><th class=\"num\">Points</th><th>Criteria and estimate</th></tr></thead>\n<tbody>"
                    );
                    for r in &doc.order {
                        let readiness = r.inputs();
                        let score = crate::prioritize::num(r.score);
                        let score = r.class.map_or_else(|| score.clone(), |c| format!("{c} {score}"));
                        let _ = writeln!(
                            s,
                            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                            r.position_text(),
                            self.pages.link(&r.id),
                            escape(&r.title),
                            escape(&score),
                            escape(r.status.as_deref().unwrap_or("-")),
                            r.points.map_or_else(|| "-".to_owned(), |p| p.to_string()),
                            escape(&readiness)
                        );
                    }
                    let _ = writeln!(s, "</tbody>\n</table>");
                    if let Some(pulled) = doc.pulled_lines() {
                        let _ = writeln!(s, "<p class=\"note\">{}</p>", escape(&pulled));
                    }
                }
                if !doc.missing.is_empty() {
                    let _ = writeln!(
                        s,
                        "<h2>Not scored</h2>\n<p class=\"note\">These stories lack inputs for the method.</p>\n<ul>"
                    );
                    for m in &doc.missing {
                        let _ = writeln!(
                            s,
                            "<li>{} {}: needs {}</li>",
                            self.pages.link(&m.id),
                            escape(&m.title),
                            escape(&m.missing.join(", "))
                        );
                    }
                    let _ = writeln!(s, "</ul>");
                }
            }
        }
        self.page("Backlog", "backlog.html", &s)
    }

    fn list(&self, kind: Kind, has_history: bool, reports: &HashMap<String, String>) -> String {
        let ws = self.ws;
        let section = section_of(kind);
        let label = SECTIONS.iter().find(|(f, _)| *f == section).map_or("", |(_, l)| l);
        let mut s = String::new();
        match kind {
            Kind::Stakeholder => s.push_str(&report::html::body(&report::stakeholders::build(ws, self.as_of).page())),
            Kind::Risk => s.push_str(&report::html::body(&report::risks::build(ws, self.as_of).page())),
            _ => {
                let _ = writeln!(s, "<h1>{label}</h1>");
            }
        }
        if kind == Kind::Sprint && !has_history {
            let _ = writeln!(
                s,
                "<p class=\"note\">No sprint reports: the workspace is not in a git repository with its history.</p>"
            );
        }
        let items: Vec<&Item> = ws.of_kind(kind).collect();
        let heading = match kind {
            Kind::Stakeholder | Kind::Risk => format!("All {}", label.to_lowercase()),
            _ => String::new(),
        };
        if !heading.is_empty() {
            let _ = writeln!(s, "<h2>{heading}</h2>");
        }
        if items.is_empty() {
            let _ = writeln!(s, "<p>None yet.</p>");
            return self.page(label, section, &s);
        }
        let extra = match kind {
            Kind::Story => "Points",
            Kind::Epic => "Horizon",
            Kind::Sprint => "Dates",
            Kind::Meeting | Kind::Decision => "Date",
            Kind::Stakeholder => "Role",
            Kind::Risk => "Score",
        };
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>Id</th><th>Title</th><th>Status</th><th>{extra}</th><th>Owner</th></tr></thead>\n<tbody>"
        );
        for item in items {
            let text = |v: Option<String>| v.map_or_else(|| "-".to_owned(), |t| escape(&t));
            let extra = match &item.data {
                KindData::Story(st) => text(st.points.map(|p| p.to_string())),
                KindData::Epic(e) => text(e.horizon.clone()),
                KindData::Sprint(sp) => {
                    let dates = match (sp.start, sp.end) {
                        (Some(a), Some(b)) => Some(format!("{a} to {b}")),
                        (Some(a), None) => Some(format!("from {a}")),
                        _ => None,
                    };
                    let report = reports
                        .get(&item.id)
                        .map(|r| format!(" · <a href=\"{}\">report</a>", escape(r)))
                        .unwrap_or_default();
                    format!("{}{report}", text(dates))
                }
                KindData::Meeting(m) => text(m.date.map(|d| d.to_string())),
                KindData::Stakeholder(st) => text(st.role.clone()),
                KindData::Risk(r) => text(r.likelihood.zip(r.impact).map(|(l, i)| (l * i).to_string())),
                KindData::Decision(d) => text(d.date.map(|d| d.to_string())),
            };
            let title = match &item.broken {
                Some(why) => format!("<span class=\"overdue\">cannot be read: {}</span>", escape(why)),
                None => escape(&item.title),
            };
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{title}</td><td>{}</td><td>{extra}</td><td>{}</td></tr>",
                self.pages.link(&item.id),
                escape(item.status().unwrap_or("-")),
                escape(item.owner.as_deref().unwrap_or("-"))
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
        self.page(label, section, &s)
    }

    fn item(&self, item: &Item, report: Option<&str>) -> String {
        let ws = self.ws;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "<h1><span class=\"id\">{}</span> {}</h1>\n<p class=\"meta\">{} · <code>{}</code></p>",
            escape(&item.id),
            escape(&item.title),
            item.kind.as_str(),
            escape(&crate::text::path::slash(&item.path))
        );
        if let Some(why) = &item.broken {
            let _ = writeln!(s, "<p class=\"overdue\">This file cannot be read: {}</p>", escape(why));
        }
        if let Some(r) = report {
            let _ = writeln!(s, "<p><a href=\"{}\">The sprint report</a></p>", escape(r));
        }
        self.fields(&mut s, item);
        let text = std::fs::read_to_string(ws.root.join(&item.path)).unwrap_or_default();
        let body = crate::parse::frontmatter::split(&text).map_or("", |split| &text[split.body..]);
        if !body.trim().is_empty() {
            let _ = writeln!(
                s,
                "<section aria-labelledby=\"body\">\n<h2 id=\"body\">Description</h2>\n<div class=\"body\">{}</div>\n</section>",
                self.markdown(body)
            );
        }
        if item.kind == Kind::Meeting {
            self.meeting_decisions(&mut s, item);
        }
        if matches!(item.kind, Kind::Epic | Kind::Sprint) {
            let stories: Vec<&Item> = ws
                .of_kind(Kind::Story)
                .filter(|st| st.broken.is_none())
                .filter(|st| {
                    if item.kind == Kind::Epic {
                        st.epic() == Some(item.id.as_str())
                    } else {
                        st.sprint() == Some(item.id.as_str())
                    }
                })
                .collect();
            let _ = writeln!(s, "<section aria-labelledby=\"stories\">\n<h2 id=\"stories\">Stories</h2>");
            if stories.is_empty() {
                let _ = writeln!(s, "<p>None.</p>");
            } else {
                let _ = writeln!(s, "<ul>");
                for st in stories {
                    let _ = writeln!(
                        s,
                        "<li>{} {} ({}, {})</li>",
                        self.pages.link(&st.id),
                        escape(&st.title),
                        escape(st.status().unwrap_or("no status")),
                        st.points().map_or_else(|| "no estimate".to_owned(), report_points)
                    );
                }
                let _ = writeln!(s, "</ul>");
            }
            let _ = writeln!(s, "</section>");
            // Such a story may belong here: its epic and sprint are unknown.
            s.push_str(&unreadable_section(&ws.unreadable(&[Kind::Story])));
        }
        let links = crate::query::backlinks(ws, &item.id);
        let _ = writeln!(
            s,
            "<section aria-labelledby=\"backlinks\">\n<h2 id=\"backlinks\">What mentions it</h2>"
        );
        if links.is_empty() {
            let _ = writeln!(s, "<p>Nothing mentions {} yet.</p>", escape(&item.id));
        } else {
            let _ = writeln!(s, "<ul>");
            for l in &links {
                let _ = writeln!(
                    s,
                    "<li>{} {} <span class=\"note\">({}, in {})</span></li>",
                    self.pages.link(&l.id),
                    escape(&l.title),
                    l.kind.as_str(),
                    escape(&l.via.join(", "))
                );
            }
            let _ = writeln!(s, "</ul>");
        }
        let _ = writeln!(s, "</section>");
        self.page(&format!("{} {}", item.id, item.title), section_of(item.kind), &s)
    }

    /// A meeting's `## Decisions` entries, each followed by links to the decision records
    /// (and other items) it names, so notes lead to the record that keeps the decision.
    fn meeting_decisions(&self, s: &mut String, item: &Item) {
        let body = item.body();
        if body.decisions.is_empty() {
            return;
        }
        let _ = writeln!(
            s,
            "<section aria-labelledby=\"decisions\">\n<h2 id=\"decisions\">Decisions taken</h2>\n<ul>"
        );
        for d in &body.decisions {
            let named: Vec<String> = body
                .mentions
                .iter()
                .filter(|m| !m.handle && m.line == d.line && self.pages.of(&m.target).is_some())
                .map(|m| self.pages.link(&m.target))
                .collect();
            let named = if named.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"note\">({})</span>", named.join(", "))
            };
            let _ = writeln!(s, "<li>{}{named}</li>", escape(&d.text));
        }
        let _ = writeln!(s, "</ul>\n</section>");
    }

    /// The item's fields as a definition list, ids linked to their pages.
    fn fields(&self, s: &mut String, item: &Item) {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(item) else {
            return;
        };
        let rows: Vec<(String, String)> = map
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "kind" | "id" | "title" | "path" | "broken"))
            .map(|(k, v)| (k, self.value(&v)))
            .collect();
        if rows.is_empty() {
            return;
        }
        let _ = writeln!(s, "<dl class=\"fields\">");
        for (k, v) in rows {
            let _ = writeln!(s, "<dt>{}</dt><dd>{v}</dd>", escape(&k.replace('_', " ")));
        }
        let _ = writeln!(s, "</dl>");
    }

    /// A field's value as HTML: strings that are item ids become links, lists are joined,
    /// mappings are `key value` pairs.
    fn value(&self, v: &serde_json::Value) -> String {
        use serde_json::Value;
        match v {
            Value::String(t) => self.pages.of(t).map_or_else(|| escape(t), |_| self.pages.link(t)),
            Value::Array(a) => a.iter().map(|v| self.value(v)).collect::<Vec<_>>().join(", "),
            Value::Object(o) => o
                .iter()
                .map(|(k, v)| format!("{} {}", escape(&k.replace('_', " ")), self.value(v)))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Null => "-".to_owned(),
            other => escape(&other.to_string()),
        }
    }

    fn markdown(&self, text: &str) -> String {
        markdown::to_html(text, &|stem| {
            self.ws
                .items
                .iter()
                .find(|i| i.file_stem() == stem || i.id == stem)
                .and_then(|i| self.pages.of(&i.id))
                .map(str::to_owned)
        })
    }
}

/// The files pobox could not read, as every report shows them ([`report::unreadable`]);
/// nothing when there is none.
fn unreadable_section(files: &[UnreadableFile]) -> String {
    if files.is_empty() {
        return String::new();
    }
    report::html::fragment(&[report::unreadable::section(files)])
}

fn report_points(p: u32) -> String {
    if p == 1 { "1 point".to_owned() } else { format!("{p} points") }
}

/// The site's own styles, after the reports' (which it shares): the skip link, the header
/// and navigation, visible focus, item pages.
const SITE_STYLE: &str = include_str!("site.css");
