//! The page model every report is built into once and every output format writes: a
//! [`Page`] is a header and a list of [`Block`]s (sections, paragraphs, figures, tables,
//! lists) made of [`Span`]s that know whether they hold the user's text.
//!
//! A report module turns its data into a page ([`super::Report::page`]); a backend
//! ([`super::markdown`], [`super::html`], [`super::text`]) turns any page into its format.
//! So a new report is one builder, a new format one backend, and escaping happens in one
//! place per backend: where it writes a [`Span::User`].
//!
//! The model says what a thing is, and each backend chooses how to show it. A table column
//! of kind [`Column::Item`] is one "S-1 Title" cell on an HTML page and two columns (`Story`,
//! `Title`) in Markdown; a [`Figure`] ([`super::figure`]) is a Mermaid chart in Markdown, an SVG
//! drawing in HTML and a text chart on a terminal; a [`Mark::Overdue`] is bold in Markdown and red on the
//! page. Where a page and a plain document genuinely say different things (an HTML page
//! leads a sprint with figure cards, Markdown with a sentence), [`Block::Only`] holds what one
//! [`Medium`] shows.

use std::borrow::Cow;

use jiff::civil::Date;

pub use super::figure::Figure;

/// Text in a page: pobox's words or the user's.
#[derive(Debug, Clone, PartialEq)]
pub enum Span<'a> {
    /// pobox's own words and numbers, which hold no markup: every backend writes them as
    /// they are.
    Own(Cow<'a, str>),
    /// Text from a file (a title, a goal, an id): every backend escapes it for its format.
    User(Cow<'a, str>),
    /// Emphasis: bold in Markdown, `<strong>` on a page.
    Strong(Vec<Span<'a>>),
    /// pobox's own code or notation: a code span.
    Code(Cow<'a, str>),
    /// Text with a meaning each backend styles its own way.
    Mark(Mark, Vec<Span<'a>>),
    /// The marker of a story added after its sprint started (Jira's `*`).
    AddedMarker,
    /// The same marker where a note explains it.
    AddedMarkerKey,
    /// Items, each an id and a title: a bulleted list in an HTML cell, the ids in a line
    /// elsewhere.
    Items(Vec<(Cow<'a, str>, Cow<'a, str>)>),
}

/// A meaning given to some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Secondary text: muted on a page, plain elsewhere.
    Note,
    /// Something late that needs someone to act (an overdue action or contact): bold in
    /// Markdown, red on a page.
    Overdue,
    /// A date already past its day (an epic's target): red on a page only, where the
    /// colour carries it; Markdown and text say the date plainly.
    Late,
}

/// How one paragraph reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Body text.
    Plain,
    /// Small print about what is shown. On a page it is muted, and takes no bold.
    Note,
    /// The sprint goal, set apart.
    Goal,
}

/// The two kinds of medium a page can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// A laid-out page (HTML): cards, grids, colours and drawings.
    Page,
    /// A document read top to bottom (Markdown, terminal text).
    Text,
}

/// A headline figure: a value and what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi<'a> {
    /// The figure (`12`, `63%`).
    pub value: String,
    /// What it counts (`points committed`).
    pub label: Cow<'a, str>,
    /// Whether a document in a line of figures makes it bold.
    pub strong: bool,
}

/// A table column: its header and how its cells are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Text, left-aligned.
    Text(&'static str),
    /// A number, right-aligned.
    Number(&'static str),
    /// An item ([`Cell::Item`]): one cell with its id and title on a page, an id column and
    /// a `Title` column in documents.
    Item(&'static str),
    /// A done share ([`Cell::Progress`]): a meter on a page, a right-aligned percentage in
    /// documents.
    Progress(&'static str),
    /// A risk band ([`Cell::Band`]): the band's colour on a page.
    Band(&'static str),
    /// A worked product such as `4 × 5 = 20`: read as text in documents, aligned as a number
    /// on a page.
    Product(&'static str),
    /// A risk score with its band ([`Cell::Score`]): one `12 high` column in documents, a
    /// score column and a coloured band column on a page.
    Score(&'static str),
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text.
    Spans(Vec<Span<'a>>),
    /// An item's id and title, for a [`Column::Item`].
    Item(Cow<'a, str>, Cow<'a, str>),
    /// A done share from 0 to 1, for a [`Column::Progress`].
    Progress(Option<f64>),
    /// A risk band's name, for a [`Column::Band`].
    Band(&'static str),
    /// A risk score and its band, for a [`Column::Score`].
    Score(u32, &'static str),
}

/// A table: typed columns and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    /// A caption, shown on a page.
    pub caption: Option<&'static str>,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// A part of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// A titled part of the page with its own blocks.
    Section {
        /// Its title.
        title: Vec<Span<'a>>,
        /// Whether documents show the title too. A page titles every section, for the
        /// reader who jumps between them; a short document can start a part without one.
        titled_in_text: bool,
        /// What it holds.
        blocks: Vec<Block<'a>>,
    },
    /// A heading inside a section.
    Subheading(Vec<Span<'a>>),
    /// A paragraph.
    Paragraph(Tone, Vec<Span<'a>>),
    /// A yes/no answer (`Goal met: yes`), or `not recorded`.
    Verdict(&'static str, Option<bool>),
    /// Headline figures: cards on a page, one line in documents.
    Kpis {
        /// A name for the group, said to assistive technology on a page.
        label: Option<&'static str>,
        /// The figures.
        kpis: Vec<Kpi<'a>>,
    },
    /// A table.
    Table(Table<'a>),
    /// A two-column table of named values: a caption and rows headed by their names on a
    /// page, a table with a header row in documents.
    Values {
        /// The caption on a page.
        caption: &'static str,
        /// The header of the names, in documents.
        name: &'static str,
        /// The header of the values, in documents.
        value: &'static str,
        /// The rows: name and value.
        rows: Vec<(&'static str, String)>,
    },
    /// A bulleted list.
    List(Vec<Vec<Span<'a>>>),
    /// A chart or diagram.
    Figure(Figure<'a>),
    /// Blocks that only one medium shows.
    Only(Medium, Vec<Block<'a>>),
}

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<'a> {
    /// The title: the page's `<title>` and its first heading.
    pub title: Vec<Span<'a>>,
    /// Facts under the title (product, dates, status), shown in one line.
    pub facts: Vec<Vec<Span<'a>>>,
    /// Blocks that belong with the title (a sprint's goal).
    pub intro: Vec<Block<'a>>,
    /// The body.
    pub blocks: Vec<Block<'a>>,
    /// What it was made from, for the page's footer: `from the backlog's story files`.
    pub source: &'static str,
    /// Anything the footer adds after the day, starting with its punctuation.
    pub source_note: &'static str,
    /// The day it was made as of.
    pub as_of: Date,
}

impl<'a> Span<'a> {
    /// pobox's own words.
    pub fn own(text: impl Into<Cow<'a, str>>) -> Self {
        Span::Own(text.into())
    }

    /// Text from a file.
    pub fn user(text: impl Into<Cow<'a, str>>) -> Self {
        Span::User(text.into())
    }

    /// Bold own words.
    pub fn strong(text: impl Into<Cow<'a, str>>) -> Self {
        Span::Strong(vec![Span::own(text)])
    }

    /// Marked spans.
    #[must_use]
    pub fn mark(mark: Mark, spans: Vec<Span<'a>>) -> Self {
        Span::Mark(mark, spans)
    }

    /// The text without any markup: what a page's `<title>` says.
    #[must_use]
    pub fn plain(spans: &[Span<'_>]) -> String {
        let mut out = String::new();
        for s in spans {
            match s {
                Span::Own(t) | Span::User(t) | Span::Code(t) => out.push_str(t),
                Span::Strong(inner) | Span::Mark(_, inner) => out.push_str(&Span::plain(inner)),
                Span::AddedMarker | Span::AddedMarkerKey => out.push('*'),
                Span::Items(items) => {
                    out.push_str(&items.iter().map(|(id, _)| id.as_ref()).collect::<Vec<_>>().join(", "));
                }
            }
        }
        out
    }
}

impl<'a> Cell<'a> {
    /// A cell of pobox's own words.
    pub fn own(text: impl Into<Cow<'a, str>>) -> Self {
        Cell::Spans(vec![Span::own(text)])
    }

    /// A cell of text from a file.
    pub fn user(text: impl Into<Cow<'a, str>>) -> Self {
        Cell::Spans(vec![Span::user(text)])
    }
}

impl<'a> Block<'a> {
    /// A section whose title every medium shows.
    #[must_use]
    pub fn section(title: Vec<Span<'a>>, blocks: Vec<Block<'a>>) -> Self {
        Block::Section {
            title,
            titled_in_text: true,
            blocks,
        }
    }

    /// A paragraph of body text.
    #[must_use]
    pub fn para(spans: Vec<Span<'a>>) -> Self {
        Block::Paragraph(Tone::Plain, spans)
    }

    /// A paragraph of pobox's own words.
    pub fn words(text: impl Into<Cow<'a, str>>) -> Self {
        Block::Paragraph(Tone::Plain, vec![Span::own(text)])
    }

    /// A note: small print about what is shown.
    #[must_use]
    pub fn note(spans: Vec<Span<'a>>) -> Self {
        Block::Paragraph(Tone::Note, spans)
    }

    /// A table.
    #[must_use]
    pub fn table(caption: Option<&'static str>, columns: Vec<Column>, rows: Vec<Vec<Cell<'a>>>) -> Self {
        Block::Table(Table { caption, columns, rows })
    }
}

/// The facts under the title of a report about today's files: the product's name with the
/// `--owner` the report was limited to (`Harbor · owner dana`), if any, and the day.
#[must_use]
pub fn facts<'a>(product: &'a str, owner: Option<&str>, as_of: Date) -> Vec<Vec<Span<'a>>> {
    let product: Cow<'a, str> = match owner {
        Some(o) if product.is_empty() => format!("owner {o}").into(),
        Some(o) => format!("{product} · owner {o}").into(),
        None => product.into(),
    };
    let mut facts = Vec::new();
    if !product.is_empty() {
        facts.push(vec![Span::User(product)]);
    }
    facts.push(vec![Span::own(format!("as of {as_of}"))]);
    facts
}

/// A [`Block::Verdict`]'s answer: `yes`, `no` or `not recorded`.
#[must_use]
pub fn verdict_word(verdict: Option<bool>) -> &'static str {
    match verdict {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not recorded",
    }
}

/// `a, b, c` of text from files, as spans.
#[must_use]
pub fn user_list<'a>(items: impl IntoIterator<Item = &'a str>, sep: &'static str) -> Vec<Span<'a>> {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Span::own(sep));
        }
        out.push(Span::user(item));
    }
    out
}

#[cfg(test)]
impl<'a> Page<'a> {
    /// A page for the backends' tests: a title, one fact and `blocks`, as of 2026-11-02.
    pub(crate) fn sample(title: Vec<Span<'a>>, fact: Span<'a>, blocks: Vec<Block<'a>>) -> Self {
        Page {
            title,
            facts: vec![vec![fact]],
            intro: Vec::new(),
            blocks,
            source: "from the backlog's risk register",
            source_note: "",
            as_of: jiff::civil::date(2026, 11, 2),
        }
    }
}
