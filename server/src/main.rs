//! The `agora` binary.

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = agora_server::cli::Cli::parse();
    let code = agora_server::cli::run(cli).await;
    std::process::exit(code);
}
