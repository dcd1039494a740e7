//! The filter language every command that filters items takes (`--where`), parsed into an
//! [`Expr`] tree and printed back from it; `docs/queries.md` is its reference.
//!
//! ```text
//! points >= 5 and status in (ready, in-progress) and label = payments
//! not has assignee or title ~ 'saved card'
//! ```
//!
//! One parser, one printer (so that a parsed expression prints as something that parses to
//! the same tree) and, in [`super::eval`], one evaluator: the old `--status`, `--epic`, …
//! flags are built as expressions too.

use std::fmt;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`: equal (numbers as numbers, text in any case).
    Eq,
    /// `!=`: not equal, as `not field = value` (an item without the field passes).
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

impl Op {
    /// How it is written.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A parsed filter expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `field op value`.
    Compare {
        /// The field: a front-matter key, dotted for nested ones (`wsjf.value`).
        field: String,
        /// The operator.
        op: Op,
        /// The value, as the user wrote it (quotes removed).
        value: String,
    },
    /// `field in (a, b)`: equal to one of them.
    In {
        /// The field.
        field: String,
        /// The values.
        values: Vec<String>,
    },
    /// `field ~ text`: contains `text`, in any case.
    Contains {
        /// The field.
        field: String,
        /// The text.
        text: String,
    },
    /// `has field`: the item has a value for it.
    Has(String),
    /// `not e`.
    Not(Box<Expr>),
    /// `a and b`.
    And(Box<Expr>, Box<Expr>),
    /// `a or b`.
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Every one of `parts` (`None` when there are none: everything passes).
    #[must_use]
    pub fn all(parts: impl IntoIterator<Item = Expr>) -> Option<Expr> {
        parts.into_iter().reduce(|a, b| Expr::And(Box::new(a), Box::new(b)))
    }

    /// Equal to one of `values`: `field = v` for one, `field in (…)` for more, `None` for
    /// none (no condition).
    #[must_use]
    pub fn one_of(field: &str, values: &[String]) -> Option<Expr> {
        match values {
            [] => None,
            [one] => Some(Expr::Compare {
                field: field.to_owned(),
                op: Op::Eq,
                value: one.clone(),
            }),
            more => Some(Expr::In {
                field: field.to_owned(),
                values: more.to_vec(),
            }),
        }
    }

    /// Either of two conditions.
    #[must_use]
    pub fn or(self, other: Expr) -> Expr {
        Expr::Or(Box::new(self), Box::new(other))
    }

    /// Every field it names, in order, with repeats.
    #[must_use]
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk_fields(&mut out);
        out
    }

    fn walk_fields<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Compare { field, .. } | Expr::In { field, .. } | Expr::Contains { field, .. } | Expr::Has(field) => out.push(field),
            Expr::Not(e) => e.walk_fields(out),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.walk_fields(out);
                b.walk_fields(out);
            }
        }
    }

    /// How tightly it binds when printed: `or` 0, `and` 1, the rest 2.
    fn precedence(&self) -> u8 {
        match self {
            Expr::Or(..) => 0,
            Expr::And(..) => 1,
            _ => 2,
        }
    }
}

/// A value as the language writes it: bare when it reads back as the same word, else quoted.
fn write_value(f: &mut fmt::Formatter<'_>, v: &str) -> fmt::Result {
    if !v.is_empty() && v.chars().all(is_word_char) && keyword(v).is_none() {
        return f.write_str(v);
    }
    f.write_str("'")?;
    for c in v.chars() {
        if c == '\'' || c == '\\' {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("'")
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A child in parentheses when it binds looser than its parent, or as tightly on the
        // right (`a and (b and c)` parses as written only with them).
        let child = |f: &mut fmt::Formatter<'_>, e: &Expr, parent: u8, right: bool| {
            let p = e.precedence();
            if p < parent || (right && p == parent && p < 2) {
                write!(f, "({e})")
            } else {
                write!(f, "{e}")
            }
        };
        match self {
            Expr::Compare { field, op, value } => {
                write!(f, "{field} {} ", op.as_str())?;
                write_value(f, value)
            }
            Expr::In { field, values } => {
                write!(f, "{field} in (")?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write_value(f, v)?;
                }
                f.write_str(")")
            }
            Expr::Contains { field, text } => {
                write!(f, "{field} ~ ")?;
                write_value(f, text)
            }
            Expr::Has(field) => write!(f, "has {field}"),
            Expr::Not(e) => {
                f.write_str("not ")?;
                child(f, e, 2, false)
            }
            Expr::And(a, b) | Expr::Or(a, b) => {
                let p = self.precedence();
                child(f, a, p, false)?;
                f.write_str(if p == 1 { " and " } else { " or " })?;
                child(f, b, p, true)
            }
        }
    }
}

/// An expression that does not parse: where (a column, counted in characters from 1) and
/// what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: expected {expected}, found {found}")]
pub struct ParseError {
    /// The expression.
    pub expression: String,
    /// The column of the first character that does not fit, from 1.
    pub column: usize,
    /// What would have fitted there.
    pub expected: String,
    /// What is there instead (`the end`, `` `)` ``).
    pub found: String,
}

impl ParseError {
    /// The expression and a caret under the column, on two lines, each starting with
    /// `indent`.
    #[must_use]
    pub fn pointer(&self, indent: &str) -> String {
        let width: usize = self
            .expression
            .chars()
            .take(self.column.saturating_sub(1))
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        format!("{indent}{}\n{indent}{}^", self.expression, " ".repeat(width))
    }
}

/// The language's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    And,
    Or,
    Not,
    In,
    Has,
}

fn keyword(word: &str) -> Option<Keyword> {
    match word.to_ascii_lowercase().as_str() {
        "and" => Some(Keyword::And),
        "or" => Some(Keyword::Or),
        "not" => Some(Keyword::Not),
        "in" => Some(Keyword::In),
        "has" => Some(Keyword::Has),
        _ => None,
    }
}

/// Whether `c` can be part of a bare word (a field name or a value without quotes).
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '(' | ')' | ',' | '=' | '!' | '<' | '>' | '~' | '\'' | '"')
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    Op(Op),
    Tilde,
    /// A bare word (maybe a keyword).
    Word(String),
    /// A quoted value.
    Quoted(String),
    End,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Open => "`(`".to_owned(),
            Tok::Close => "`)`".to_owned(),
            Tok::Comma => "`,`".to_owned(),
            Tok::Op(op) => format!("`{}`", op.as_str()),
            Tok::Tilde => "`~`".to_owned(),
            Tok::Word(w) => format!("`{w}`"),
            Tok::Quoted(q) => format!("'{q}'"),
            Tok::End => "the end".to_owned(),
        }
    }
}

/// Split `source` into tokens, each with its column (from 1).
fn lex(source: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |column: usize, expected: &str, found: String| ParseError {
        expression: source.to_owned(),
        column,
        expected: expected.to_owned(),
        found,
    };
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let next = chars.get(i + 1).copied();
        let (tok, len) = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => (Tok::Open, 1),
            ')' => (Tok::Close, 1),
            ',' => (Tok::Comma, 1),
            '~' => (Tok::Tilde, 1),
            '=' => (Tok::Op(Op::Eq), 1),
            '!' if next == Some('=') => (Tok::Op(Op::Ne), 2),
            '!' => return Err(err(column, "`!=` (`!` alone is no operator; use `not`)", "`!`".to_owned())),
            '<' if next == Some('=') => (Tok::Op(Op::Le), 2),
            '<' => (Tok::Op(Op::Lt), 1),
            '>' if next == Some('=') => (Tok::Op(Op::Ge), 2),
            '>' => (Tok::Op(Op::Gt), 1),
            '\'' | '"' => {
                let mut text = String::new();
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => {
                            return Err(err(
                                column,
                                &format!("a closing {c} for the quote that starts here"),
                                "the end".to_owned(),
                            ));
                        }
                        Some('\\') if matches!(chars.get(j + 1), Some(&q) if q == c || q == '\\') => {
                            text.push(chars[j + 1]);
                            j += 2;
                        }
                        Some(&q) if q == c => break,
                        Some(&other) => {
                            text.push(other);
                            j += 1;
                        }
                    }
                }
                (Tok::Quoted(text), j + 1 - i)
            }
            _ => {
                let len = chars[i..].iter().take_while(|c| is_word_char(**c)).count();
                (Tok::Word(chars[i..i + len].iter().collect()), len)
            }
        };
        out.push((tok, column));
        i += len;
    }
    out.push((Tok::End, chars.len() + 1));
    Ok(out)
}

/// Parse a filter expression.
///
/// # Errors
/// [`ParseError`] at the first token that does not fit, saying what would have.
pub fn parse(source: &str) -> Result<Expr, ParseError> {
    let mut p = Parser {
        source,
        toks: lex(source)?,
        at: 0,
    };
    let e = p.or()?;
    match p.peek() {
        Tok::End => Ok(e),
        Tok::Close => Err(p.error("`and`, `or` or the end (this `)` closes no `(`)")),
        _ => Err(p.error("`and`, `or` or the end")),
    }
}

struct Parser<'a> {
    source: &'a str,
    toks: Vec<(Tok, usize)>,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        &self.toks[self.at].0
    }

    fn bump(&mut self) -> Tok {
        let t = self.toks[self.at].0.clone();
        if self.at + 1 < self.toks.len() {
            self.at += 1;
        }
        t
    }

    fn peek_keyword(&self) -> Option<Keyword> {
        match self.peek() {
            Tok::Word(w) => keyword(w),
            _ => None,
        }
    }

    fn error(&self, expected: &str) -> ParseError {
        let (tok, column) = &self.toks[self.at];
        ParseError {
            expression: self.source.to_owned(),
            column: *column,
            expected: expected.to_owned(),
            found: tok.describe(),
        }
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.joined(Keyword::Or)
    }

    /// Operands joined by `or` (whose operands are joined by `and`) or by `and` (whose
    /// operands are unary), left to right.
    fn joined(&mut self, word: Keyword) -> Result<Expr, ParseError> {
        let operand = |p: &mut Self| if word == Keyword::Or { p.joined(Keyword::And) } else { p.unary() };
        let mut e = operand(self)?;
        while self.peek_keyword() == Some(word) {
            self.bump();
            let (a, b) = (Box::new(e), Box::new(operand(self)?));
            e = if word == Keyword::Or { Expr::Or(a, b) } else { Expr::And(a, b) };
        }
        Ok(e)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        match self.peek_keyword() {
            Some(Keyword::Not) => {
                self.bump();
                return Ok(Expr::Not(Box::new(self.unary()?)));
            }
            Some(Keyword::Has) => {
                self.bump();
                return Ok(Expr::Has(self.field("a field name after `has`")?));
            }
            _ => {}
        }
        if *self.peek() == Tok::Open {
            self.bump();
            let e = self.or()?;
            if *self.peek() != Tok::Close {
                return Err(self.error("`)`, `and` or `or`"));
            }
            self.bump();
            return Ok(e);
        }
        let field = self.field("a field name, `not`, `has` or `(`")?;
        match self.peek().clone() {
            Tok::Op(op) => {
                self.bump();
                let value = self.value(&format!("a value after `{}`", op.as_str()))?;
                Ok(Expr::Compare { field, op, value })
            }
            Tok::Tilde => {
                self.bump();
                let text = self.value("a text after `~`")?;
                Ok(Expr::Contains { field, text })
            }
            Tok::Word(w) if keyword(&w) == Some(Keyword::In) => {
                self.bump();
                if *self.peek() != Tok::Open {
                    return Err(self.error("`(` after `in`, as in `status in (ready, done)`"));
                }
                self.bump();
                let mut values = vec![self.value("a value")?];
                loop {
                    match self.bump() {
                        Tok::Comma => values.push(self.value("a value after `,`")?),
                        Tok::Close => break,
                        _ => {
                            self.at -= 1;
                            return Err(self.error("`,` or `)`"));
                        }
                    }
                }
                Ok(Expr::In { field, values })
            }
            _ => Err(self.error(&format!("an operator after `{field}`: =, !=, <, <=, >, >=, ~ or in"))),
        }
    }

    /// A bare word that is not a keyword.
    fn field(&mut self, expected: &str) -> Result<String, ParseError> {
        match self.peek() {
            Tok::Word(w) if keyword(w).is_none() => {
                let w = w.clone();
                self.bump();
                Ok(w)
            }
            _ => Err(self.error(expected)),
        }
    }

    /// A bare word (not a keyword) or a quoted text.
    fn value(&mut self, expected: &str) -> Result<String, ParseError> {
        match self.peek() {
            Tok::Word(w) if keyword(w).is_none() => {
                let w = w.clone();
                self.bump();
                Ok(w)
            }
            Tok::Quoted(q) => {
                let q = q.clone();
                self.bump();
                Ok(q)
            }
            Tok::Word(w) => {
                let w = w.clone();
                Err(self.error(&format!("{expected} (to mean the word `{w}`, quote it: '{w}')")))
            }
            _ => Err(self.error(expected)),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn cmp(field: &str, op: Op, value: &str) -> Expr {
        Expr::Compare {
            field: field.to_owned(),
            op,
            value: value.to_owned(),
        }
    }

    #[test]
    fn the_example_of_the_issue() {
        let e = parse("points >= 5 and status in (ready, in-progress) and label = payments").unwrap();
        let expected = Expr::And(
            Box::new(Expr::And(
                Box::new(cmp("points", Op::Ge, "5")),
                Box::new(Expr::In {
                    field: "status".to_owned(),
                    values: vec!["ready".to_owned(), "in-progress".to_owned()],
                }),
            )),
            Box::new(cmp("label", Op::Eq, "payments")),
        );
        assert_eq!(e, expected);
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_group() {
        let a = || cmp("a", Op::Eq, "1");
        let b = || cmp("b", Op::Eq, "2");
        let c = || cmp("c", Op::Eq, "3");
        assert_eq!(
            parse("a = 1 or b = 2 and c = 3").unwrap(),
            Expr::Or(Box::new(a()), Box::new(Expr::And(Box::new(b()), Box::new(c()))))
        );
        assert_eq!(
            parse("(a = 1 or b = 2) and c = 3").unwrap(),
            Expr::And(Box::new(Expr::Or(Box::new(a()), Box::new(b()))), Box::new(c()))
        );
        assert_eq!(
            parse("not has assignee").unwrap(),
            Expr::Not(Box::new(Expr::Has("assignee".to_owned())))
        );
        assert_eq!(
            parse("title ~ 'saved card' AND wsjf.value<=\"it's\"").unwrap(),
            Expr::And(
                Box::new(Expr::Contains {
                    field: "title".to_owned(),
                    text: "saved card".to_owned()
                }),
                Box::new(cmp("wsjf.value", Op::Le, "it's"))
            )
        );
    }

    #[test]
    fn errors_point_at_the_column_and_say_what_was_expected() {
        let e = parse("points >= and status = ready").unwrap_err();
        assert_eq!(e.column, 11);
        assert_eq!(
            e.to_string(),
            "column 11: expected a value after `>=` (to mean the word `and`, quote it: 'and'), found `and`"
        );
        assert_eq!(e.pointer("  "), "  points >= and status = ready\n            ^");

        let e = parse("status in ready").unwrap_err();
        assert_eq!((e.column, e.found.as_str()), (11, "`ready`"));
        let e = parse("(points > 3").unwrap_err();
        assert_eq!((e.column, e.expected.as_str()), (12, "`)`, `and` or `or`"));
        let e = parse("points 3").unwrap_err();
        assert!(e.expected.starts_with("an operator after `points`"), "{e}");
        let e = parse("title ~ 'open").unwrap_err();
        assert_eq!(e.column, 9);
        let e = parse("points > 3)").unwrap_err();
        assert_eq!(e.column, 11);
        let e = parse("").unwrap_err();
        assert_eq!(e.found, "the end");
        let e = parse("!has x").unwrap_err();
        assert_eq!(e.column, 1);
    }

    fn field() -> impl Strategy<Value = String> {
        "[a-z_][a-z0-9_.-]{0,8}".prop_filter("not a keyword", |f| keyword(f).is_none())
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9_.-]{1,8}",
            any::<String>().prop_map(|s| s.chars().take(8).collect()),
            Just("and".to_owned()),
            Just("it's \\ \"x\"".to_owned()),
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![Just(Op::Eq), Just(Op::Ne), Just(Op::Lt), Just(Op::Le), Just(Op::Gt), Just(Op::Ge)]
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (field(), op(), value()).prop_map(|(field, op, value)| Expr::Compare { field, op, value }),
            (field(), prop::collection::vec(value(), 1..4)).prop_map(|(field, values)| Expr::In { field, values }),
            (field(), value()).prop_map(|(field, text)| Expr::Contains { field, text }),
            field().prop_map(Expr::Has),
        ];
        leaf.prop_recursive(4, 24, 2, |inner| {
            prop_oneof![
                inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::And(Box::new(a), Box::new(b))),
                (inner.clone(), inner).prop_map(|(a, b)| Expr::Or(Box::new(a), Box::new(b))),
            ]
        })
    }

    proptest! {
        #[test]
        fn a_printed_expression_parses_to_the_same_tree(e in expr()) {
            let printed = e.to_string();
            prop_assert_eq!(parse(&printed), Ok(e), "{}", printed);
        }

        #[test]
        fn any_text_parses_or_fails_without_panicking(s in "[a-z =<>!~(),'\"]{0,30}") {
            if let Err(e) = parse(&s) {
                prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1);
            }
        }
    }
}
