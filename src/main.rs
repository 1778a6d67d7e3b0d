use std::process::ExitCode;

fn main() -> ExitCode {
    nashra::cli::main()
}
