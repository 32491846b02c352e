//! The `baophu` command line: parses arguments and hands over to `cmd`.

use baophu::cmd;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "baophu",
    version,
    about = "Builds the social-insurance coverage site: data and plans in, pages and charts out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// Site folder (with config.toml, data/, content/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Address the site is published at, e.g. https://example.org/bao-phu/.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Load, validate and compute without writing; exit 1 on any error.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site that builds: configuration, one region, one indicator, one plan and
    /// the default theme, in DIR (new or empty).
    Init {
        #[arg(default_value = "bao-phu")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
        } => cmd::build::run(&cmd::build::Options {
            root,
            output,
            base_url,
        })
        .map(|r| {
            cmd::print_warnings(&r.warnings);
            println!(
                "built {} pages into {} ({} warnings)",
                r.pages,
                r.output.display(),
                r.warnings.len()
            );
        }),
        Command::Check { root } => cmd::check::run(&root).map(|r| {
            cmd::print_warnings(&r.warnings);
            println!(
                "ok: {} regions, {} plans with {} targets ({} warnings)",
                r.regions,
                r.plans,
                r.targets,
                r.warnings.len()
            );
        }),
        Command::Init { dir } => cmd::init::run(&dir).map(|n| {
            println!(
                "created a site of {n} files in {}; build it with: baophu build --root {}",
                dir.display(),
                dir.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            for err in e.flatten() {
                eprintln!("{err}");
            }
            // 1: the site's files have errors; 2: the command line cannot be used.
            if matches!(e, baophu::Error::Usage { .. }) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
