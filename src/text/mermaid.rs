//! Labels for Mermaid charts inside a Markdown code fence.

/// A label for a Mermaid string (`"…"`): the characters that end a string (`"`), start a
/// comment (`%%`), an entity (`#…;`) or a bracketed list, close the code fence (backticks)
/// or read as HTML (`<`, `>`) are replaced by look-alikes; long labels are cut.
#[must_use]
pub fn label(text: &str) -> String {
    let text = super::control::escape(text);
    let mut out: String = text
        .chars()
        .map(|c| match c {
            '"' | '`' => '\'',
            '[' | '{' => '(',
            ']' | '}' => ')',
            '<' => '‹',
            '>' => '›',
            '%' => '％',
            '#' => '＃',
            ';' => ',',
            '\\' => '/',
            c => c,
        })
        .collect();
    if out.chars().count() > 60 {
        out = out.chars().take(59).collect::<String>() + "…";
    }
    out
}

/// A label for a Mermaid `gantt` task: a [`label`] without `:`, which would end the label
/// and start the task's data.
#[must_use]
pub fn gantt_label(text: &str) -> String {
    label(text).replace(':', "∶")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_labels_cannot_end_strings_or_fences() {
        let l = label("a \"b\" %%{init}%% ```x``` [c] <d> #e;");
        for bad in ['"', '`', '[', ']', '{', '}', '<', '>', '%', '#', ';'] {
            assert!(!l.contains(bad), "{bad:?} in {l}");
        }
        assert_eq!(label(&"x".repeat(100)).chars().count(), 60);
        assert_eq!(gantt_label("a: b"), "a∶ b");
    }
}
