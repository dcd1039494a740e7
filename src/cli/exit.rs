//! pobox's exit codes, as ripgrep's: 0 when all is well, 1 when a check found problems, 2
//! when the command could not do its work (usage, settings, I/O).

/// Success.
pub const OK: u8 = 0;
/// A check found problems (`validate`, `fmt --check`, a dependency cycle in `prioritize`).
pub const FINDINGS: u8 = 1;
/// Usage, configuration and I/O errors.
pub const FAILURE: u8 = 2;
