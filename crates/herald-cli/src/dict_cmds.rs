//! PETRARCH dictionaries on the command line: the `--petrarch-*` flags,
//! `herald dict lint` and `herald dict convert`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use herald_petrarch::{DictError, LintWarning, PetrarchFiles};

/// Explicit PETRARCH dictionary files (instead of `--dictionaries DIR`).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct PetrarchArgs {
    /// A PETRARCH verb dictionary (e.g. `CAMEO.2.0.txt`); any `--petrarch-*`
    /// flag codes with PETRARCH dictionaries instead of herald's.
    #[arg(long, value_name = "FILE")]
    petrarch_verbs: Option<PathBuf>,
    /// A PETRARCH actor dictionary; repeat for several (earlier files win).
    #[arg(long, value_name = "FILE")]
    petrarch_actors: Vec<PathBuf>,
    /// A PETRARCH agent dictionary.
    #[arg(long, value_name = "FILE")]
    petrarch_agents: Option<PathBuf>,
    /// A PETRARCH discard list.
    #[arg(long, value_name = "FILE")]
    petrarch_discards: Option<PathBuf>,
}

impl PetrarchArgs {
    pub(crate) fn files(&self) -> Option<PetrarchFiles> {
        let any = self.petrarch_verbs.is_some()
            || !self.petrarch_actors.is_empty()
            || self.petrarch_agents.is_some()
            || self.petrarch_discards.is_some();
        any.then(|| PetrarchFiles {
            verbs: self.petrarch_verbs.clone(),
            actors: self.petrarch_actors.clone(),
            agents: self.petrarch_agents.clone(),
            discards: self.petrarch_discards.clone(),
        })
    }
}

/// The PETRARCH files chosen by the flags or found in `dir`, if any.
fn petrarch_files(dir: Option<&Path>, petrarch: &PetrarchArgs) -> Result<Option<PetrarchFiles>> {
    match (dir, petrarch.files()) {
        (Some(_), Some(_)) => bail!("use either --dictionaries or --petrarch-* flags, not both"),
        (None, files) => Ok(files),
        (Some(dir), None) if dir.is_dir() => Ok(PetrarchFiles::detect(dir)?),
        (Some(_), None) => Ok(None),
    }
}

/// `herald dict`: PETRARCH dictionary tools.
#[derive(clap::Args)]
pub struct DictArgs {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(clap::Subcommand)]
enum DictCommand {
    /// Report problems in PETRARCH dictionary files (`file:line:col: message`);
    /// exits 1 if there are any.
    Lint(LintArgs),
    /// Convert PETRARCH dictionaries to herald's own format.
    Convert(ConvertArgs),
}

/// The kinds of PETRARCH dictionary files.
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
}

impl Kind {
    /// The kind a file name suggests: `CAMEO*.txt`/`*.verbs.txt`,
    /// `*.actors.txt`, `*.agents.txt`, `*.discards.txt`, `*issue*`.
    fn of(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".verbs.txt") || name.starts_with("cameo") {
            Some(Kind::Verbs)
        } else if name.ends_with(".actors.txt") {
            Some(Kind::Actors)
        } else if name.ends_with(".agents.txt") {
            Some(Kind::Agents)
        } else if name.ends_with(".discards.txt") {
            Some(Kind::Discards)
        } else if name.contains("issue") {
            Some(Kind::Issues)
        } else {
            None
        }
    }
}

#[derive(clap::Args)]
struct LintArgs {
    /// PETRARCH dictionary files; the kind comes from the name unless `--kind` is given.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The kind of every file.
    #[arg(long, value_enum)]
    kind: Option<Kind>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Target {
    /// herald's own format (`verbs.txt`, `actors.tsv`, `discards.txt`, ...).
    Herald,
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// The format to write.
    #[arg(long, value_enum, default_value = "herald")]
    to: Target,
    /// The directory to write into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// A directory of PETRARCH dictionaries.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    #[command(flatten)]
    petrarch: PetrarchArgs,
}

pub fn run(args: DictArgs) -> Result<ExitCode> {
    match args.command {
        DictCommand::Lint(args) => lint(args),
        DictCommand::Convert(args) => convert(args),
    }
}

fn lint(args: LintArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut problems = 0;
    for path in &args.files {
        let Some(kind) = args.kind.or_else(|| Kind::of(path)) else {
            bail!("{}: cannot tell the dictionary kind from the name; use --kind", path.display());
        };
        let (errors, warnings) = lint_file(path, kind)?;
        let label = path.display();
        for e in &errors {
            writeln!(out, "{e}")?;
        }
        for w in &warnings {
            writeln!(out, "{label}:{}:1: warning: {}", w.line, w.message)?;
        }
        problems += errors.len() + warnings.len();
    }
    eprintln!("herald: {} files, {problems} problems", args.files.len());
    Ok(if problems == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn lint_file(path: &Path, kind: Kind) -> Result<(Vec<DictError>, Vec<LintWarning>)> {
    use herald_petrarch as p;
    Ok(match kind {
        Kind::Verbs => p::load_verbs(path).map(|(d, e)| (e, p::lint_verbs(&d)))?,
        Kind::Actors => p::load_actors(path).map(|(d, e)| (e, p::lint_actors(&d)))?,
        Kind::Agents => p::load_agents(path).map(|(d, e)| (e, p::lint_agents(&d)))?,
        Kind::Discards => p::load_discards(path).map(|(d, e)| (e, p::lint_discards(&d)))?,
        Kind::Issues => p::load_issues(path).map(|(d, e)| (e, p::lint_issues(&d)))?,
    })
}

fn convert(args: ConvertArgs) -> Result<ExitCode> {
    let Target::Herald = args.to;
    let Some(files) = petrarch_files(args.dictionaries.as_deref(), &args.petrarch)? else {
        bail!("no PETRARCH dictionaries: give --dictionaries DIR or --petrarch-* files");
    };
    let (dicts, problems) = files.load()?;
    for p in &problems {
        eprintln!("herald: warning: {p} (skipped)");
    }
    let converted = herald_petrarch::to_herald_files(&dicts);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("creating {}", args.output.display()))?;
    for (name, text) in &converted.files {
        let path = args.output.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    for what in &converted.lossy {
        eprintln!("herald: warning: not representable in herald's format, left out: {what}");
    }
    eprintln!(
        "herald: wrote {} files to {} ({} parse problems, {} entries left out)",
        converted.files.len(),
        args.output.display(),
        problems.len(),
        converted.lossy.len()
    );
    // Lines that were left out are rejected input, as when coding.
    let rejected = !problems.is_empty() || !converted.lossy.is_empty();
    Ok(if rejected { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
