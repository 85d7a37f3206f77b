//! The `agora` command: serve the platform, or administer it.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::clock::SystemClock;
use crate::config::Config;
use crate::platform::{self, Platform};

/// Agora: a self-hosted app marketplace and SaaS control plane.
#[derive(Debug, Parser)]
#[command(name = "agora", version, about)]
pub struct Cli {
    /// Settings file (TOML); `AGORA_*` environment variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server and the job workers (the default).
    Serve {
        /// Create the demo data first if it is not there.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Create a platform operator account.
    CreateAdmin {
        /// Login e-mail.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long, default_value = "Operator")]
        name: String,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create the demo accounts and catalog (idempotent).
    SeedDemo {
        /// Also publish this many generated apps (for load tests).
        #[arg(long, default_value_t = 0)]
        extra_apps: usize,
    },
}

/// Runs the command line; answers the process exit code.
pub async fn run(cli: Cli) -> i32 {
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("agora: {e}");
            return 2;
        }
    };
    crate::telemetry::init(&config.log);
    let result = match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => crate::serve::serve(config, demo).await,
        Command::Migrate => platform::open_database(&config)
            .await
            .map(|_| println!("migrations applied to {}", config.database_label()))
            .map_err(|e| e.to_string()),
        Command::CreateAdmin {
            email,
            name,
            password_stdin,
        } => create_admin(config, email, name, password_stdin).await,
        Command::SeedDemo { extra_apps } => seed_demo(config, extra_apps).await,
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("agora: {e}");
            tracing::error!(error = %e, "command failed");
            1
        }
    }
}

async fn create_admin(
    config: Config,
    email: String,
    name: String,
    password_stdin: bool,
) -> Result<(), String> {
    let email = app::identity::types::Email::parse(&email)?;
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        crate::identity::tokens::new_token().map_err(|e| e.to_string())?[..20].to_owned()
    };
    app::identity::types::Password::check_new(&password)?;
    let db = platform::open_database(&config)
        .await
        .map_err(|e| e.to_string())?;
    let identity = platform::identity_service(&config, db, Arc::new(SystemClock))
        .map_err(|e| e.to_string())?;
    identity
        .create_account(&name, &email, &password, "Platform operators", true)
        .await
        .map_err(|e| e.to_string())?;
    println!("operator {} created", email.as_str());
    if !password_stdin {
        println!("password: {password}");
        println!("(shown once; change it after logging in)");
    }
    Ok(())
}

async fn seed_demo(config: Config, extra_apps: usize) -> Result<(), String> {
    let platform = Platform::start(config).await.map_err(|e| e.to_string())?;
    let mut outcome = seed_with(&platform).await;
    if outcome.is_ok() && extra_apps > 0 {
        let s = &platform.state.services;
        outcome = crate::demo::seed_generated(
            &platform.state.db,
            s.catalog.as_ref(),
            s.admin.as_ref(),
            extra_apps,
        )
        .await
        .map_err(|e| e.to_string());
    }
    platform.stop().await;
    outcome.map(|seeded| print_demo_accounts(&seeded))
}

/// Seeds demo data into a started platform.
pub async fn seed_with(platform: &Platform) -> Result<crate::demo::Seeded, String> {
    let s = &platform.state.services;
    crate::demo::seed(
        &platform.state.db,
        Arc::new(SystemClock),
        &platform.identity,
        s.catalog.as_ref(),
        s.tenancy.as_ref(),
        s.admin.as_ref(),
    )
    .await
    .map_err(|e| e.to_string())
}

/// Prints how to log in as each demo account.
pub fn print_demo_accounts(seeded: &crate::demo::Seeded) {
    match seeded {
        crate::demo::Seeded::Created { apps } => {
            println!("demo data created: {apps} apps published")
        }
        crate::demo::Seeded::AlreadyThere => println!("demo data already present"),
    }
    println!("log in as:");
    for (role, email, password, org) in crate::demo::ACCOUNTS {
        println!("  {role:<9} {email:<22} password {password:<20} ({org})");
    }
}
