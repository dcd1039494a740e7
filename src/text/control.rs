//! Control characters made visible, one character for one: what a terminal, a CI log and
//! every other escape in [`super`] start from.
//!
//! Three things in a text can act on what shows it rather than be shown:
//!
//! - control characters: an escape sequence clears the screen or recolours it, a lone
//!   carriage return lets "REJECTED" overwrite "APPROVED", a bell rings; C1 controls
//!   (`U+009B` is an 8-bit CSI) do the same on some terminals;
//! - bidirectional overrides and isolates, which display text in another order than it
//!   reads ("Trojan Source");
//! - GitHub workflow commands: the Actions runner reads a line that starts, after white
//!   space, with `::` and a command name (`::error file=…::`, `::add-mask::`,
//!   `::stop-commands::`), and the older `##[name]` anywhere in a line, as a command.
//!
//! [`escape`] (text on one line) and [`escape_keep_lines`] (text of several lines) defuse all
//! three; [`Terminal`] applies [`escape_keep_lines`] to everything written through it, which
//! is how the binary makes every byte it prints safe.

use std::borrow::Cow;
use std::io::{self, Write};

/// What the first `:` of a line's workflow command becomes: `∶` (RATIO), which reads as a
/// colon and is none.
const COLON: char = '\u{2236}';

/// What the `[` of an older `##[name]` command becomes: `［` (FULLWIDTH LEFT SQUARE BRACKET).
const BRACKET: char = '\u{ff3b}';

/// Makes text safe to print on one line of a terminal or CI log, one character for one: tabs
/// and line breaks become spaces, other C0 controls and DEL their visible Unicode "control
/// picture" (`␛`), C1 controls and bidirectional overrides `�`, and a workflow command
/// loses the character that makes it one (see [`Terminal`]).
///
/// Keeping one character per character matters: diagnostics point at character columns,
/// and they must still point at the same character after escaping.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) && !has_command(s) {
        return Cow::Borrowed(s);
    }
    let mut line: String = s
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c => visible(c),
        })
        .collect();
    defuse_commands(&mut line);
    Cow::Owned(line)
}

/// Text of several lines (a file as `show` prints it, a message with its help) made safe
/// for a terminal or CI log, one character for one: line breaks (`\n`, and `\r\n`) and tabs
/// stay; a lone carriage return becomes `␍`, so it cannot overwrite its line; every other
/// control character and bidirectional override is made visible as [`escape`] does, and no
/// line is a workflow command.
#[must_use]
pub fn escape_keep_lines(s: &str) -> Cow<'_, str> {
    keep_lines(s, true)
}

/// [`escape_keep_lines`] for text written to a file rather than printed: control characters
/// and bidirectional overrides are made visible, but a line starting `::` is kept as it is,
/// since only what a CI step prints is read for workflow commands (and pobox prints every
/// text through [`Terminal`], which defuses them there).
#[must_use]
pub fn show_controls_keep_lines(s: &str) -> Cow<'_, str> {
    keep_lines(s, false)
}

fn keep_lines(s: &str, commands: bool) -> Cow<'_, str> {
    if is_plain(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut lines = s.split('\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        // `\r` is a line break only before `\n`; at the very end it is a lone one.
        let (line, crlf) = match line.strip_suffix('\r') {
            Some(l) if !last => (l, true),
            _ => (line, false),
        };
        let mut shown: String = line
            .chars()
            .map(|c| match c {
                '\t' => '\t',
                c => visible(c),
            })
            .collect();
        if commands {
            defuse_commands(&mut shown);
        }
        out.push_str(&shown);
        if crlf {
            out.push('\r');
        }
        if !last {
            out.push('\n');
        }
    }
    Cow::Owned(out)
}

/// Whether [`escape_keep_lines`] leaves `s` as it is. Everything pobox prints passes here
/// ([`Terminal`]), so the common case is checked on bytes first: printable ASCII, tabs and
/// `\n` need nothing, and a workflow command needs `::` or `##[` somewhere.
fn is_plain(s: &str) -> bool {
    let ascii = s.bytes().all(|b| matches!(b, b'\t' | b'\n' | 0x20..=0x7e));
    if !ascii && s.chars().any(|c| needs_escape(c) && c != '\t' && c != '\n') {
        return false;
    }
    !((s.contains("::") || s.contains("##[")) && s.split('\n').any(has_command))
}

/// `c` as shown: a C0 control or DEL as its control picture (`\r` as `␍`), a C1 control or a
/// bidirectional override as `�`, anything else as it is.
fn visible(c: char) -> char {
    match c {
        '\u{7f}' => '\u{2421}',
        // C0 controls map onto U+2400..U+241F in order.
        c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        c if needs_escape(c) => '\u{fffd}',
        c => c,
    }
}

/// Control characters, plus the bidirectional formatting characters that can make text
/// display in another order than it reads ("Trojan Source").
fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi(c)
}

/// The bidirectional formatting characters: embeddings, overrides, isolates and marks.
pub(crate) fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Where the line's workflow command starts, when it starts with one: after white space, `::`
/// and a letter (a command's name). `:::` (a Markdown admonition) is none.
fn line_command(line: &str) -> Option<usize> {
    let start = line.len() - line.trim_start().len();
    let rest = &line[start..];
    (rest.starts_with("::") && rest[2..].starts_with(|c: char| c.is_ascii_alphabetic())).then_some(start)
}

/// Where the line's first older-form command (`##[` and a letter) starts.
fn old_command(line: &str) -> Option<usize> {
    line.match_indices("##[")
        .map(|(i, _)| i)
        .find(|&i| line[i + 3..].starts_with(|c: char| c.is_ascii_alphabetic()))
}

fn has_command(line: &str) -> bool {
    line_command(line).is_some() || old_command(line).is_some()
}

/// Make the workflow commands of one line (without its line break) plain text: the first
/// `:` of a leading `::name` becomes [`COLON`], the `[` of each `##[name` [`BRACKET`].
fn defuse_commands(line: &mut String) {
    if let Some(i) = line_command(line) {
        line.replace_range(i..=i, &COLON.to_string());
    }
    while let Some(i) = old_command(line) {
        line.replace_range(i + 2..i + 3, &BRACKET.to_string());
    }
}

/// A writer that makes everything written through it safe for a terminal or CI log, as
/// [`escape_keep_lines`] does, whatever writes it: the binary prints through one of these,
/// so no text from a file reaches a terminal unescaped, however a command formats it.
///
/// It works on whole lines, since a workflow command is a matter of where a line starts:
/// what follows the last line break is held until more comes, [`Write::flush`] or drop.
/// Bytes that are not UTF-8 are written as `�`.
pub struct Terminal<W: Write> {
    inner: W,
    /// Bytes of a line not yet written.
    pending: Vec<u8>,
    /// Whether `pending` continues a line of which a part was written already (after a
    /// flush), so that its start is not the line's start.
    mid_line: bool,
}

impl<W: Write> Terminal<W> {
    /// Everything written goes, made safe, to `inner`.
    pub fn new(inner: W) -> Self {
        Terminal {
            inner,
            pending: Vec::new(),
            mid_line: false,
        }
    }

    /// Write `bytes` (whole lines, or the held part of one) made safe.
    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        let safe = if self.mid_line {
            // The line's start went out already: only its first line may not be judged as one.
            let (first, rest) = text.split_once('\n').map_or((&*text, None), |(f, r)| (f, Some(r)));
            let mut s = String::with_capacity(text.len());
            let first = if rest.is_some() { format!("{first}\n") } else { first.to_owned() };
            // Prefixed so that a leading `::` is not at a line start; the prefix is removed.
            s.push_str(&escape_keep_lines(&format!("x{first}"))[1..]);
            if let Some(rest) = rest {
                s.push_str(&escape_keep_lines(rest));
            }
            Cow::Owned(s)
        } else {
            escape_keep_lines(&text)
        };
        self.inner.write_all(safe.as_bytes())
    }

    /// Write what is held: everything up to the last complete character.
    fn write_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete character at the end waits for the rest of it.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let held = self.pending.split_off(whole);
        let bytes = std::mem::replace(&mut self.pending, held);
        if bytes.is_empty() {
            return Ok(());
        }
        self.emit(&bytes)?;
        self.mid_line = !bytes.ends_with(b"\n");
        Ok(())
    }
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Only the new bytes are searched: a long line written in many small pieces (a JSON
        // string of megabytes) must not be scanned again with each piece.
        let held = self.pending.len();
        self.pending.extend_from_slice(buf);
        if let Some(last) = buf.iter().rposition(|&b| b == b'\n') {
            let rest = self.pending.split_off(held + last + 1);
            let lines = std::mem::replace(&mut self.pending, rest);
            self.emit(&lines)?;
            self.mid_line = false;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Terminal<W> {
    fn drop(&mut self) {
        // As `BufWriter` does: a write error on drop has nowhere to go.
        let _ = self.write_pending();
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_one_character_for_one() {
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        let s = "a\u{0}b\u{1b}c\u{7f}d\u{85}e\u{202e}f\tg";
        let e = escape(s);
        assert_eq!(e, "a\u{2400}b\u{241b}c\u{2421}d\u{fffd}e\u{fffd}f g");
        assert_eq!(e.chars().count(), s.chars().count());
    }

    #[test]
    fn keeps_line_breaks_and_tabs_only_when_asked() {
        assert_eq!(escape_keep_lines("a\u{1b}\nb\rc\r\n\td\r"), "a\u{241b}\nb\u{240d}c\r\n\td\u{240d}");
        assert!(matches!(escape_keep_lines("a\n\tb\n"), Cow::Borrowed(_)));
        assert_eq!(escape("APPROVED\rREJECTED"), "APPROVED REJECTED");
    }

    #[test]
    fn workflow_commands_become_text() {
        // At the start of the text, after white space; not in its middle, and not `:::`.
        assert_eq!(escape("::error file=x::boom"), "\u{2236}:error file=x::boom");
        assert_eq!(escape("\n  ::add-mask::x"), "   \u{2236}:add-mask::x");
        assert_eq!(escape("a ::error::x"), "a ::error::x");
        assert_eq!(escape("::: note"), "::: note");
        // The older form anywhere.
        assert_eq!(escape("a ##[error]b ##[x"), "a ##\u{ff3b}error]b ##\u{ff3b}x");
        assert_eq!(escape("## [x] ##[1]"), "## [x] ##[1]");
        // Each line of a text.
        assert_eq!(
            escape_keep_lines("ok\n::error::x\r\n\t::warning::y\n::: tip"),
            "ok\n\u{2236}:error::x\r\n\t\u{2236}:warning::y\n::: tip"
        );
    }

    fn through_terminal(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut t = Terminal::new(&mut out);
            for c in chunks {
                t.write_all(c).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_terminal_writer_escapes_whatever_the_chunks() {
        let text = "APPROVED\rREJECTED\n::error::x \u{1b}[2J \u{9b}1m \u{202e}\r\n  ::add-mask::y\nlast ##[group]z";
        let whole = through_terminal(&[text.as_bytes()]);
        assert_eq!(whole, escape_keep_lines(text));
        // Cut at every byte, characters and commands split across writes come out the same.
        for cut in 1..text.len() {
            let (a, b) = text.as_bytes().split_at(cut);
            assert_eq!(through_terminal(&[a, b]), whole, "cut at {cut}");
        }
    }

    #[test]
    fn a_flush_mid_line_does_not_make_a_line_start() {
        let mut out = Vec::new();
        {
            let mut t = Terminal::new(&mut out);
            t.write_all(b"progress ").unwrap();
            t.flush().unwrap();
            t.write_all(b"::done:: \x07\n::error::x\n").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "progress ::done:: \u{2407}\n\u{2236}:error::x\n");
    }

    #[test]
    fn a_long_line_in_small_pieces_takes_linear_time() {
        // 2 MB of one line in 16-byte pieces: searching all that is held for a line break
        // with each piece would scan 64 GB.
        let piece = [b'x'; 16];
        let started = std::time::Instant::now();
        let mut out = Vec::new();
        {
            let mut t = Terminal::new(&mut out);
            for _ in 0..(2 << 20) / piece.len() {
                t.write_all(&piece).unwrap();
            }
            t.write_all(b"\n").unwrap();
        }
        assert_eq!(out.len(), (2 << 20) + 1);
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced() {
        assert_eq!(through_terminal(&[b"a\xff\x1bb\n"]), "a\u{fffd}\u{241b}b\n");
    }
}
