//! A whole workspace of fuzzed files: load, validate, prioritize, render the diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pobox_fuzz::workspace::check(data));
