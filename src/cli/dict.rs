//! `kgx dict check [PATH...]`: validates dictionaries and warns about risky aliases; with
//! `--corpus`, counts how often each alias matches real text. `kgx dict compile -o FILE`:
//! writes the dictionaries and their matcher as one compiled file that `--dict` loads in
//! milliseconds. `kgx dict suggest INPUT...`: prints dictionary lines a corpus asks for
//! ([`crate::suggest`]).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::shared::{printable, DictionaryArgs, InputArgs};
use super::{report, stdout_error, Outcome, Output};
use crate::dictionary::check::{warnings, EnglishWords, Finding, Severity};
use crate::dictionary::{Dictionary, DictionaryBuilder};
use crate::discover::Discoverer;
use crate::error::{location, Diagnostic, Error, Result};
use crate::extract::{ExtractConfig, Extractor};
use crate::input::{self, DocumentReader};
use crate::matcher::alias_hits::corpus_hits;
use crate::matcher::{compiled, Matcher};
use crate::output::AtomicFile;
use crate::suggest::{suggest, SuggestOptions};

/// Arguments of `kgx dict`.
#[derive(Debug, Clone, Args)]
pub struct DictArgs {
    /// What to do with dictionaries.
    #[command(subcommand)]
    pub command: DictCommand,
}

/// The `kgx dict` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum DictCommand {
    /// Validate dictionaries and report risky aliases (no PATH: the built-in dictionaries).
    Check(CheckArgs),
    /// Compile dictionaries into one file that `--dict` loads without parsing or building.
    Compile(CompileArgs),
    /// Suggest dictionary lines from a corpus: new people and organizations (found as with
    /// `kgx extract --discover`) and new aliases of known entities, most frequent first.
    Suggest(SuggestArgs),
}

/// Arguments of `kgx dict suggest`.
#[derive(Debug, Clone, Args)]
pub struct SuggestArgs {
    /// Files, directories (searched recursively for *.txt and *.md) or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Suggest a new entity only if it appears in at least N documents.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 2,
        allow_negative_numbers = true
    )]
    pub min_documents: u64,
    /// Print at most N suggestions of each kind (0: all).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// The cue file of discovery (default: the built-in dictionaries/discover/cues.tsv).
    #[arg(long, value_name = "FILE")]
    pub cues: Option<PathBuf>,
    /// How inputs are read.
    #[command(flatten)]
    pub input: InputArgs,
    /// The dictionaries the suggestions add to.
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// Arguments of `kgx dict compile`.
#[derive(Debug, Clone, Args)]
pub struct CompileArgs {
    /// Which dictionaries to compile (the built-in ones unless --no-default-dict).
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// Where to write the compiled dictionary (for example `people.kgxd`).
    #[arg(short, long, value_name = "PATH")]
    pub output: PathBuf,
}

/// Arguments of `kgx dict check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Dictionary files to check (or one compiled dictionary); without any, the built-in
    /// dictionaries.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also count alias matches in these files or directories, and list aliases that never match.
    #[arg(long, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,
    /// How corpus files are read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Show at most this many rows in each corpus list (0: all).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 30,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// Check the files alone; by default they are also checked against the built-in
    /// dictionaries they are loaded with (an id defined in both is an error there).
    #[arg(long, requires = "paths")]
    pub no_default_dict: bool,
}

/// Runs `kgx dict …`.
///
/// # Errors
/// An unreadable dictionary file, or a failed write to stdout.
pub fn run(args: DictArgs, out: &mut Output<'_>) -> Result<Outcome> {
    match args.command {
        DictCommand::Check(check) => run_check(check, out.stdout, out.stderr),
        DictCommand::Compile(compile) => run_compile(compile, out.stdout),
        DictCommand::Suggest(suggest) => run_suggest(suggest, out),
    }
}

fn run_suggest(args: SuggestArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let discovery = match &args.cues {
        Some(path) => Discoverer::from_cue_file(path)?,
        None => Discoverer::builtin()?,
    };
    let (dictionary, matcher) = args.dictionaries.sources().load_with_matcher()?;
    let config = ExtractConfig {
        input: args.input.options(),
        formats: Vec::new(),
        discovery: Some(discovery),
        ..ExtractConfig::default()
    };
    let input::Collected {
        sources,
        problems,
        skipped,
    } = input::collect_inputs(&args.inputs, &config.input)?;
    let extractor = Extractor::with_matcher(dictionary, matcher, config);
    let options = SuggestOptions {
        min_documents: args.min_documents,
        limit: args.limit,
    };
    let suggestions = suggest(&extractor, &sources, options)?;
    let mut failed = !problems.is_empty();
    for problem in problems.iter().chain(&suggestions.failures) {
        report::error(out.stderr, problem);
        failed = true;
    }
    if let Some(skipped) = &skipped {
        report::warning(out.stderr, skipped);
    }
    crate::suggest::write(&suggestions, out.stdout).map_err(stdout_error)?;
    Ok(if failed {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

fn run_compile(args: CompileArgs, stdout: &mut dyn Write) -> Result<Outcome> {
    let inputs = args.dictionaries.inputs();
    // Refused before the work of compiling.
    inputs.check(&args.output)?;
    let (dictionary, matcher) = args.dictionaries.sources().load_with_matcher()?;
    let bytes =
        compiled::write(&dictionary, &matcher).map_err(|too_large| Error::CompiledDictionary {
            path: args.output.clone(),
            message: too_large.to_string(),
        })?;
    let mut file = AtomicFile::create(&args.output, &inputs)?;
    file.write_all(&bytes)
        .map_err(|e| Error::io(&args.output, e))?;
    file.commit()?;
    let aliases: usize = dictionary.iter().map(|(_, e)| e.aliases.len()).sum();
    writeln!(
        stdout,
        "compiled {} ({} entities, {aliases} aliases, {} distinct forms) into {} ({:.1} MB)",
        dictionary.sources().join(", "),
        dictionary.len(),
        matcher.pattern_count(),
        args.output.display(),
        bytes.len() as f64 / 1e6
    )
    .map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// The problems the checked files have only when loaded with the built-in dictionaries, as
/// `kgx extract` loads them: an entity whose id a built-in entity has too.
fn clashes_with_builtin(checked: &Dictionary, builtin: &Dictionary) -> Vec<Diagnostic> {
    checked
        .iter()
        .filter_map(|(_, entity)| {
            let first = &builtin.get(&entity.id)?.origin;
            Some(Diagnostic {
                path: entity.origin.path.to_path_buf(),
                line: entity.origin.line,
                message: format!(
                    "duplicate id `{}` (first defined at {})",
                    entity.id,
                    location(&first.path, first.line)
                ),
            })
        })
        .collect()
}

fn run_check(args: CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<Outcome> {
    // A compiled dictionary was valid when compiled: only its warnings and hits are left.
    let given = DictionaryArgs {
        dict: args.paths.clone(),
        no_default_dict: true,
    };
    let (dictionary, diagnostics, matcher) = match given.sources().load_compiled()? {
        Some((dictionary, matcher)) => (dictionary, Vec::new(), Some(matcher)),
        None => {
            let mut builder = DictionaryBuilder::new();
            // The files are checked alone, and against the built-in dictionaries they are
            // loaded with: alias lines may name built-in entities, ids may clash with theirs.
            let builtin = (!args.paths.is_empty() && !args.no_default_dict).then(|| {
                let mut builtin = DictionaryBuilder::new();
                builtin.add_builtin();
                builtin.build_lenient().0
            });
            if args.paths.is_empty() {
                builder.add_builtin();
            }
            if let Some(builtin) = &builtin {
                builder.defined_elsewhere(builtin.iter().map(|(_, e)| e.id.clone()));
            }
            for path in &args.paths {
                builder.add_file(path)?;
            }
            let (dictionary, mut diagnostics) = builder.build_lenient();
            if let Some(builtin) = &builtin {
                diagnostics.extend(clashes_with_builtin(&dictionary, builtin));
            }
            (dictionary, diagnostics, None)
        }
    };
    let mut findings: Vec<Finding> = diagnostics.into_iter().map(Finding::from).collect();
    findings.extend(warnings(&dictionary, &EnglishWords::builtin()));
    for finding in &findings {
        writeln!(stdout, "{}", printable(&finding.to_string())).map_err(stdout_error)?;
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let aliases: usize = dictionary.iter().map(|(_, e)| e.aliases.len()).sum();
    let warnings = findings.len() - errors;
    writeln!(
        stdout,
        "checked {} ({} entities, {aliases} aliases): {errors} error{}, {warnings} warning{}",
        dictionary.sources().join(", "),
        dictionary.len(),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    )
    .map_err(stdout_error)?;

    let mut outcome = if errors > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    };
    if !args.corpus.is_empty()
        && report_corpus(&dictionary, matcher, &args, stdout, stderr)? == Outcome::PartialFailure
    {
        outcome = Outcome::PartialFailure;
    }
    Ok(outcome)
}

fn report_corpus(
    dictionary: &Dictionary,
    matcher: Option<Matcher>,
    args: &CheckArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome> {
    let matcher = match matcher {
        Some(matcher) => matcher,
        None => Matcher::new(dictionary)?,
    };
    let options = args.input.options();
    let input::Collected {
        sources,
        mut problems,
        skipped,
    } = input::collect_inputs(&args.corpus, &options)?;
    let mut texts = Vec::new();
    for document in DocumentReader::new(&sources, &options) {
        match document {
            Ok(document) => texts.push(document.text),
            Err(e) => problems.push(e),
        }
    }
    for problem in &problems {
        report::error(stderr, problem);
    }
    if let Some(skipped) = &skipped {
        report::warning(stderr, skipped);
    }
    if texts.is_empty() {
        return Err(Error::NoReadableDocument { inputs: "corpus" });
    }
    let hits = corpus_hits(dictionary, &matcher, texts.iter().map(String::as_str));
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let mut ranked: Vec<_> = hits.iter().filter(|h| h.hits > 0).collect();
    ranked.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.entity.cmp(&b.entity)));
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(out)?;
        writeln!(
            out,
            "alias matches in {} documents ({} aliases matched; most frequent first):",
            texts.len(),
            ranked.len()
        )?;
        writeln!(out, "{:>8}  {:<32}  alias", "matches", "entity")?;
        for h in ranked.iter().take(limit) {
            let id = &dictionary.entity(h.entity).id;
            writeln!(out, "{:>8}  {id:<32}  {}", h.hits, h.alias)?;
        }
        let never: Vec<_> = hits.iter().filter(|h| h.hits == 0).collect();
        writeln!(out)?;
        writeln!(
            out,
            "never matched: {} of {} aliases",
            never.len(),
            hits.len()
        )?;
        for h in never.iter().take(limit) {
            writeln!(out, "  {}: {}", dictionary.entity(h.entity).id, h.alias)?;
        }
        if never.len() > limit {
            writeln!(
                out,
                "  … and {} more (--limit 0 lists all)",
                never.len() - limit
            )?;
        }
        Ok(())
    };
    write(stdout).map_err(stdout_error)?;
    Ok(if problems.is_empty() {
        Outcome::Success
    } else {
        Outcome::PartialFailure
    })
}
