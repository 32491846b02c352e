//! The `baophu` command line: parses arguments and hands over to `cmd`.

use baophu::cmd;
use baophu::diagnostic::Reporter;
use baophu::present::format::Lang;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// A site is rendered as many small strings on every core; glibc's allocator spent a fifth of
// a national build in malloc and free (see README, "National scale").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "baophu",
    version,
    about = "Builds the social-insurance coverage site: data and plans in, pages and charts out.",
    after_help = "Exit codes: 0 no errors; 1 the site's files have errors (or warnings, with --deny-warnings); 2 the command line cannot be used."
)]
struct Cli {
    /// Language of messages: vi (Tiếng Việt) or en.
    #[arg(long, global = true, default_value = "vi", env = "BAOPHU_LANG", value_parser = ["vi", "en"])]
    lang: String,
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
        /// Fail (exit 1, nothing written) when there is any warning.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Load, validate and compute without writing; report every problem at once.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Exit 1 when there is any warning, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the site: build in memory, serve it on 127.0.0.1, rebuild and reload the open
    /// pages whenever a file of the site changes.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 8000)]
        port: u16,
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
    let lang = if cli.lang == "en" { Lang::En } else { Lang::Vi };
    baophu::cmd::progress::set_language(lang);
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut reporter = Reporter::new(lang, styled);
    let mut warnings = Vec::new();
    let mut deny = false;
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            deny_warnings,
        } => {
            deny = deny_warnings;
            cmd::build::run(&cmd::build::Options {
                root,
                output,
                base_url,
                deny_warnings,
            })
            .map(|r| {
                let (n, out, drawn, w, kept) = (
                    r.pages,
                    r.output.display(),
                    r.images_drawn,
                    r.warnings.len(),
                    r.regions_kept,
                );
                match (r.written, lang) {
                    (true, Lang::Vi) => println!(
                        "đã dựng {n} tệp vào {out} (giữ nguyên trang của {kept} vùng không đổi; vẽ {drawn} ảnh chia sẻ; {w} cảnh báo)"
                    ),
                    (true, Lang::En) => println!(
                        "built {n} files into {out} ({kept} regions' pages kept unchanged, {drawn} share images drawn, {w} warnings)"
                    ),
                    (false, Lang::Vi) => println!("không ghi gì: có {w} cảnh báo và --deny-warnings"),
                    (false, Lang::En) => println!("nothing written: {w} warnings and --deny-warnings"),
                }
                warnings = r.warnings;
            })
        }
        Command::Check {
            root,
            deny_warnings,
        } => {
            deny = deny_warnings;
            cmd::check::run(&root).map(|r| {
                let (regions, plans, targets, w) =
                    (r.regions, r.plans, r.targets, r.warnings.len());
                match lang {
                    Lang::Vi => println!(
                        "đã kiểm tra: {regions} vùng, {plans} kế hoạch với {targets} mục tiêu ({w} cảnh báo)"
                    ),
                    Lang::En => println!(
                        "checked: {regions} regions, {plans} plans with {targets} targets ({w} warnings)"
                    ),
                }
                warnings = r.warnings;
            })
        }
        Command::Serve { root, port } => cmd::serve::run(&root, port, lang),
        Command::Init { dir } => cmd::init::run(&dir).map(|n| {
            let d = dir.display();
            match lang {
                Lang::Vi => println!(
                    "đã tạo một trang gồm {n} tệp trong {d}; dựng trang bằng: baophu build --root {d}"
                ),
                Lang::En => println!(
                    "created a site of {n} files in {d}; build it with: baophu build --root {d}"
                ),
            }
        }),
    };
    let errors = match &result {
        Ok(()) => 0,
        Err(e) => {
            eprint!("{}", reporter.error(e));
            e.flatten().len()
        }
    };
    for w in &warnings {
        eprintln!("{}\n", reporter.warning(w));
    }
    if errors > 0 || !warnings.is_empty() {
        eprintln!("{}", reporter.summary(errors, warnings.len()));
    }
    if errors == 0 && deny && !warnings.is_empty() {
        eprintln!(
            "{}",
            match lang {
                Lang::Vi => "cảnh báo được coi là lỗi (--deny-warnings): thoát với mã 1",
                Lang::En => "warnings are denied (--deny-warnings): exit code 1",
            }
        );
    }
    match result {
        // 1: the site's files have errors; 2: the command line cannot be used.
        Err(baophu::Error::Usage { .. }) => ExitCode::from(2),
        Err(_) => ExitCode::FAILURE,
        Ok(()) if deny && !warnings.is_empty() => ExitCode::FAILURE,
        Ok(()) => ExitCode::SUCCESS,
    }
}
