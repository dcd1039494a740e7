//! One item file from arbitrary bytes: split, YAML, typing, body, edits, diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pobox_fuzz::item::check(data));
