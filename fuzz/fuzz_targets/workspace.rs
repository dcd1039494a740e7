//! A whole workspace of arbitrary files: load, validate, render the diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|files: pobox_fuzz::workspace::Files| pobox_fuzz::workspace::check(&files));
