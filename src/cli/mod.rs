//! `sitrep`, the publisher: checks buckets, builds native buckets from markdown files, writes
//! feeds and puts a snapshot of the status into a deployed index.html. Every subcommand reads and writes through `crate::feed`, so the CLI accepts
//! exactly what the viewer accepts.
//!
//! Exit codes: 0 all fine, 1 problems found (each reported on stderr), 2 could not run.

mod author;
mod bucket;
mod build;
mod check;
mod feed;
pub(crate) mod html;
mod new;
mod output;
mod progress;
mod report;
mod snapshot;
mod time_expr;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use report::Report;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Publish a sitrep status page: check buckets, build them from markdown, write feeds",
    long_about = None,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One variant per subcommand; each carries its own arguments and runs in its own module.
#[derive(Subcommand)]
enum Command {
    Check(CheckArgs),
    Build(BuildArgs),
    New(NewArgs),
    Feed(FeedArgs),
    Snapshot(SnapshotArgs),
}

/// Validate a bucket (any format sitrep reads): the list, every detail and archive file and
/// the images they show. Errors are what the viewer would refuse, warnings what it tolerates.
#[derive(clap::Args)]
struct CheckArgs {
    /// The bucket root: a directory, or an http(s) URL.
    bucket: String,
    /// How to report problems.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// One `file:line:column: severity: message` line per problem, then a summary.
    Text,
    /// One JSON object with every problem and the counts, for CI.
    Json,
}

/// Build a native bucket from incident files written in markdown (see docs/authoring.md).
/// Nothing is written unless every file is valid; unchanged files are left untouched.
#[derive(clap::Args)]
struct BuildArgs {
    /// Directory of incident files (`*.md`) and the site settings (`sitrep.toml`).
    incidents: PathBuf,
    /// The bucket root to write (`data/list.json` and the rest go below it).
    bucket: PathBuf,
    /// The time that relative times (`now-2h`) count from, as RFC 3339. Default: the current time.
    #[arg(long)]
    now: Option<String>,
}

/// Write a new incident file, ready to edit, named after today's date and the title.
#[derive(clap::Args)]
struct NewArgs {
    /// The incident's title.
    title: String,
    /// Where to write it.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
    /// The incident's start time instead of the current time, as RFC 3339.
    #[arg(long)]
    now: Option<String>,
}

/// Write Atom 1.0, RSS 2.0 and JSON Feed 1.1 files (`feed.atom`, `feed.rss`, `feed.json`)
/// with one entry per incident update, newest first, from any bucket.
#[derive(clap::Args)]
struct FeedArgs {
    /// The bucket root: a directory, or an http(s) URL.
    bucket: String,
    /// Where the status page is deployed (its index.html), e.g. https://status.example.com/.
    /// Entry links point there.
    #[arg(long)]
    site_url: String,
    /// Where readers fetch the bucket (the page's `data_url`), for absolute image and link
    /// URLs in entries. Default: the site URL.
    #[arg(long)]
    data_url: Option<String>,
    /// The feed title.
    #[arg(long, default_value = "Status")]
    title: String,
    /// At most this many entries, the newest.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Directory to write the three feed files into (beside index.html when deployed).
    out: PathBuf,
}

/// Put the current status into a deployed site's index.html (overall status, open incidents,
/// maintenance, components and recent history), rendered by the page's own components, so
/// readers see it before any script runs. Run it after every publish; the page says how old
/// the snapshot is and replaces it with live data when it has loaded. A bucket that cannot be
/// read leaves index.html as it was.
#[derive(clap::Args)]
struct SnapshotArgs {
    /// The deployed site's folder (index.html, config.json and i18n/ from the build).
    site: PathBuf,
    /// Where to read the incidents: a bucket directory or URL, or a list file. Default: where
    /// the site's config.json points (relative paths below the site folder).
    #[arg(long)]
    bucket: Option<String>,
    /// The time of the snapshot instead of the current time, as RFC 3339.
    #[arg(long)]
    now: Option<String>,
}

/// What went wrong when a command could not do its job at all (exit code 2).
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(error.to_string())
    }
}

/// How a command ended: what it found and did (exit 1 when it found errors).
pub type Outcome = Result<Report, Failure>;

/// Parses the arguments, runs the subcommand and turns its outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` are answers, not failures.
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let (outcome, format) = match cli.command {
        Command::Check(args) => (check::run(&args.bucket), args.format),
        Command::Build(args) => (
            build::run(&args.incidents, &args.bucket, args.now.as_deref()),
            ReportFormat::Text,
        ),
        Command::New(args) => (
            new::run(&args.title, &args.dir, args.now.as_deref()),
            ReportFormat::Text,
        ),
        Command::Snapshot(args) => (
            snapshot::run(&snapshot::Options {
                site: &args.site,
                bucket: args.bucket.as_deref(),
                now: args.now.as_deref(),
            }),
            ReportFormat::Text,
        ),
        Command::Feed(args) => (
            feed::run(&feed::Options {
                bucket: &args.bucket,
                site_url: &args.site_url,
                data_url: args.data_url.as_deref(),
                title: &args.title,
                limit: args.limit,
                out: &args.out,
            }),
            ReportFormat::Text,
        ),
    };
    match outcome {
        Ok(report) => {
            let written = match format {
                ReportFormat::Text => report.write_text(&mut std::io::stderr().lock()),
                ReportFormat::Json => report.write_json(&mut std::io::stdout().lock()),
            };
            match written {
                Ok(()) => ExitCode::from(u8::from(report.has_errors())),
                Err(_) => ExitCode::from(2),
            }
        }
        Err(Failure(message)) => {
            eprintln!("sitrep: {message}");
            ExitCode::from(2)
        }
    }
}
