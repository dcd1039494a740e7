//! The `pobox` binary: all the work is in `cli::run`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os())
}
