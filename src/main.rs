//! The `qifu` binary: parse the command line and hand over to [`qifu::cli::run`].

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = qifu::cli::Cli::parse();
    match qifu::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
