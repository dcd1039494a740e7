//! Random `set`, `move` and `fmt` edits on one fuzzed item file, each checked to change
//! exactly what it was asked to.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pobox_fuzz::write::check(data));
