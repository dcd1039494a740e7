//! The stable diagnostic codes.

use std::fmt;

use serde::Serialize;

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)*) => {
        /// A stable rule code. The number never changes meaning; `docs/rules.md` lists them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code, in number order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `PO003`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The rule's name, usable in `pobox.yaml` `rules:` instead of the code.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Severity unless the workspace overrides it.
            #[must_use]
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One line saying what the rule checks.
            #[must_use]
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The code with that number or name.
            #[must_use]
            pub fn parse(s: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s) || c.name() == s)
            }
        }
    };
}

codes! {
    NotUtf8 = "PO001", "not-utf8", Error, "The file is not valid UTF-8 text.";
    NoFrontMatter = "PO002", "no-front-matter", Error, "The file does not start with a `---` front-matter line.";
    UnclosedFrontMatter = "PO003", "unclosed-front-matter", Error, "The front-matter has no closing `---` line.";
    YamlSyntax = "PO004", "yaml-syntax", Error, "The front-matter is not valid YAML.";
    DuplicateKey = "PO005", "duplicate-key", Error, "A front-matter key appears twice.";
    MergeConflict = "PO006", "merge-conflict", Error, "The file contains git merge-conflict markers.";
    MissingId = "PO007", "missing-id", Error, "The item has no `id`.";
    MissingTitle = "PO008", "missing-title", Error, "The item has no `title`.";
    WrongType = "PO009", "wrong-type", Error, "A field holds the wrong type of value.";
    InvalidDate = "PO010", "invalid-date", Error, "A date is not a real `YYYY-MM-DD` date.";
    FileNameMismatch = "PO011", "file-name-mismatch", Error, "The file name does not start with the item's id.";
    OutsideKindFolder = "PO012", "outside-kind-folder", Warning, "A Markdown file is not inside a kind folder.";
    FrontMatterNotMapping = "PO013", "front-matter-not-mapping", Error, "The front-matter is not a mapping of keys to values.";
    Unreadable = "PO014", "unreadable", Error, "The file or folder could not be read.";
    IdForm = "PO015", "id-form", Error, "The id does not have its kind's form.";
    LinkOutsideWorkspace = "PO016", "link-outside-workspace", Error, "A symbolic link in the backlog points outside the workspace.";
    Config = "PO090", "config", Error, "`pobox.yaml` is invalid.";
    UnknownStatus = "PO101", "unknown-status", Error, "A status is not in the workflow.";
    EstimateOffScale = "PO102", "estimate-off-scale", Error, "An estimate is not on the estimate scale.";
    MoscowValue = "PO103", "moscow-value", Error, "`moscow` is not must, should, could or wont.";
    WsjfOffScale = "PO104", "wsjf-off-scale", Error, "A WSJF input is missing, zero or not on the WSJF scale.";
    RiceOffScale = "PO105", "rice-off-scale", Error, "A RICE input is off its scale.";
    IceOffScale = "PO106", "ice-off-scale", Error, "An ICE input is not between 1 and 10.";
    RiskScale = "PO107", "risk-scale", Error, "A risk's likelihood or impact is not between 1 and 5.";
    MeetingType = "PO108", "meeting-type", Error, "A meeting type is unknown.";
    PowerInterest = "PO109", "power-interest", Error, "A stakeholder's power or interest is not high or low.";
    Horizon = "PO110", "horizon", Error, "An epic's horizon is not now, next or later.";
    WsjfNotNormalized = "PO111", "wsjf-not-normalized", Warning, "A WSJF column has no item scored 1, so scores are not relative.";
    SprintDates = "PO112", "sprint-dates", Error, "A sprint ends before it starts, misses a date, or runs more than 366 days.";
    DuplicateId = "PO201", "duplicate-id", Error, "Two files have the same id.";
    DanglingReference = "PO202", "dangling-reference", Error, "A field names an item that does not exist.";
    DanglingMention = "PO203", "dangling-mention", Warning, "A body mentions an item or handle that does not exist.";
    DependencyCycle = "PO204", "dependency-cycle", Error, "Items depend on each other in a cycle.";
    UnfinishedPrerequisite = "PO205", "unfinished-prerequisite", Error, "An item is ranked or planned before a prerequisite that is not done.";
    SprintOverlap = "PO206", "sprint-overlap", Error, "Two sprints overlap in time.";
    SprintOverCapacity = "PO207", "sprint-over-capacity", Warning, "A sprint holds more points than its capacity.";
    ReadyWithoutCriteria = "PO301", "ready-without-criteria", Error, "A story at ready or later has no acceptance criteria.";
    ReadyWithoutEstimate = "PO302", "ready-without-estimate", Error, "A story at ready or later has no estimate.";
    DoneWithOpenCriteria = "PO303", "done-with-open-criteria", Warning, "A done story has unchecked acceptance criteria.";
    MissingStorySentence = "PO304", "missing-story-sentence", Warning, "A story has no \"As a …, I want …, so that …\" sentence.";
    EstimateTooLarge = "PO305", "estimate-too-large", Warning, "An estimate is above the split threshold: split the story.";
    ActionItemIncomplete = "PO306", "action-item-incomplete", Warning, "A meeting action item has no owner or no due date.";
    ActionItemOverdue = "PO307", "action-item-overdue", Warning, "An open action item is past its due date.";
    StakeholderContactOverdue = "PO308", "stakeholder-contact-overdue", Info, "A stakeholder has not been met within their cadence.";
    MissingBenefit = "PO309", "missing-benefit", Info, "A story sentence says what but not why (no \"so that\").";
    SupersededWithoutSuccessor = "PO401", "superseded-without-successor", Warning, "A decision is superseded, but no decision supersedes it.";
    SupersedesNotSuperseded = "PO402", "supersedes-not-superseded", Warning, "A decision supersedes one that is not marked superseded.";
    SupersedesCycle = "PO403", "supersedes-cycle", Error, "Decisions supersede each other in a cycle.";
    AcceptedWithoutRecord = "PO404", "accepted-without-record", Warning, "An accepted decision has no date or no deciders.";
    DeciderNotStakeholder = "PO405", "decider-not-stakeholder", Warning, "A decider written as a handle names no stakeholder.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert!(seen.insert(c.name()), "{} twice", c.name());
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }
}
