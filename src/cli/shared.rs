//! Options and helpers that several subcommands share: dictionaries, pruning, where the graph
//! comes from, entity lookup, and how evidence is shown.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{report, Output};
use crate::dictionary::{Dictionary, EntityKind};
use crate::error::{Error, Result};
use crate::extract::{ExtractConfig, Extractor};
use crate::graph::json;
use crate::graph::lookup::{lookup, Lookup};
use crate::graph::prune::{prune, PruneOptions};
use crate::graph::weights::Measure;
use crate::graph::{Graph, GraphConfig, Node, Window};
use crate::input::{self, InputOptions, JsonlFields, Source};
use crate::matcher::load::DictionarySources;
use crate::matcher::Matcher;
use crate::output::Inputs;

/// Dictionary options shared by every command that matches or looks up names.
#[derive(Debug, Clone, Args)]
pub struct DictionaryArgs {
    /// Add the entities of a dictionary file (repeatable; see the README for the format), or
    /// load one compiled dictionary (`kgx dict compile`).
    #[arg(long = "dict", value_name = "PATH")]
    pub dict: Vec<PathBuf>,
    /// Do not load the built-in dictionaries (use only --dict files).
    #[arg(long, requires = "dict")]
    pub no_default_dict: bool,
}

impl DictionaryArgs {
    /// The dictionaries these options name.
    pub fn sources(&self) -> DictionarySources<'_> {
        DictionarySources {
            files: &self.dict,
            builtin: !self.no_default_dict,
        }
    }

    /// The dictionary files, as inputs no output may replace.
    pub fn inputs(&self) -> Inputs {
        Inputs::of(&self.dict)
    }
}

/// How inputs are read: text files, or JSON Lines records; which files a directory walk takes.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Read inputs as JSON Lines: one document per line (a JSON object).
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: the field holding the text.
    #[arg(long, value_name = "FIELD", default_value = "text", requires = "jsonl")]
    pub text_field: String,
    /// With --jsonl: the field holding the document id (default: path:line).
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    pub id_field: Option<String>,
    /// With --jsonl: the field holding the document date (ISO 8601).
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    pub date_field: Option<String>,
    /// With --jsonl: the field holding each document's number in the whole corpus, when an
    /// engine split it (parts then merge in that order; see `kgx merge`).
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    pub sequence_field: Option<String>,
    /// Only read files of directories that match this glob (repeatable; `!GLOB` excludes),
    /// relative to the directory given.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
}

impl InputArgs {
    /// The library options.
    pub fn options(&self) -> InputOptions {
        InputOptions {
            jsonl: self.jsonl.then(|| JsonlFields {
                text: self.text_field.clone(),
                id: self.id_field.clone(),
                date: self.date_field.clone(),
                sequence: self.sequence_field.clone(),
            }),
            globs: self.glob.clone(),
        }
    }
}

/// Pruning and weighting options, for extract, the inspection commands and exports.
#[derive(Debug, Clone, Args)]
pub struct PruneArgs {
    /// Drop links seen in fewer windows than this.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..), allow_negative_numbers = true)]
    pub min_weight: u64,
    /// Drop links seen in fewer documents than this.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        allow_negative_numbers = true
    )]
    pub min_docs: u64,
    /// Keep only each entity's K strongest links (by --weight).
    #[arg(long, value_name = "K", allow_negative_numbers = true)]
    pub top_k_per_node: Option<usize>,
    /// Keep only the largest connected component.
    #[arg(long)]
    pub largest_component: bool,
    /// Keep only the backbone: links significant at level ALPHA under the disparity filter.
    #[arg(long, value_name = "ALPHA", value_parser = parse_alpha, allow_negative_numbers = true)]
    pub alpha: Option<f64>,
    /// How links are scored: count, pmi, npmi, jaccard or dice.
    #[arg(long, value_name = "MEASURE", default_value = "count")]
    pub weight: Measure,
    /// Keep the entities that pruning leaves without a link (dropped by default).
    #[arg(long)]
    pub keep_isolated: bool,
}

fn parse_alpha(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(a) if a > 0.0 && a < 1.0 => Ok(a),
        _ => Err(format!(
            "`{s}` is not a significance level between 0 and 1 (exclusive)"
        )),
    }
}

impl PruneArgs {
    /// The library options.
    pub fn options(&self) -> PruneOptions {
        PruneOptions {
            min_weight: self.min_weight,
            min_docs: self.min_docs,
            backbone_alpha: self.alpha,
            top_k_per_node: self.top_k_per_node,
            measure: self.weight,
            largest_component: self.largest_component,
            keep_isolated: self.keep_isolated,
        }
    }
}

/// Where an inspection command gets its graph: a saved `graph.json`, or inputs extracted on the
/// spot.
#[derive(Debug, Clone, Args)]
pub struct GraphArgs {
    /// The graph written by `kgx extract`.
    #[arg(long, value_name = "FILE", default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// Build the graph from these inputs instead of reading --graph (files, directories or -).
    #[arg(long = "from", value_name = "INPUT")]
    pub from: Vec<PathBuf>,
    /// With --from: the co-occurrence window (sentence, paragraph, document, tokens:N).
    #[arg(long, value_name = "WINDOW", default_value = "sentence")]
    pub window: Window,
    /// With --from: evidence entries kept per link.
    #[arg(
        long,
        value_name = "K",
        default_value_t = 3,
        allow_negative_numbers = true
    )]
    pub evidence: usize,
    /// With --from: how inputs are read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Dictionaries (for name lookup, and for matching with --from).
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// Pruning and weighting.
    #[command(flatten)]
    pub prune: PruneArgs,
}

/// A graph ready for inspection, with the dictionary used to look names up.
pub struct LoadedGraph {
    /// The (pruned) graph.
    pub graph: Graph,
    /// The dictionaries.
    pub dictionary: Dictionary,
    /// Their matcher, when one was loaded or built already.
    matcher: Option<Matcher>,
    /// How to name the graph in messages.
    pub name: PathBuf,
    /// Every file read: the graph or the `--from` inputs, and the dictionaries.
    pub inputs: Inputs,
}

impl GraphArgs {
    /// Reads or extracts the graph, then prunes it. Unreadable `--from` inputs are reported on
    /// stderr and skipped.
    ///
    /// # Errors
    /// A malformed graph file or dictionary, or no readable input.
    pub fn load(&self, out: &mut Output<'_>) -> Result<LoadedGraph> {
        let mut inputs = self.dictionaries.inputs();
        let (graph, name, dictionary, matcher) = if self.from.is_empty() {
            inputs.add(&self.graph);
            let (dictionary, matcher) = self.dictionaries.sources().load_parts()?;
            (
                json::read_file(&self.graph)?,
                self.graph.clone(),
                dictionary,
                matcher,
            )
        } else {
            let (dictionary, matcher) = self.dictionaries.sources().load_with_matcher()?;
            let config = ExtractConfig {
                graph: GraphConfig {
                    window: self.window,
                    min_weight: 1,
                    evidence_per_edge: self.evidence,
                },
                prune: PruneOptions::default(),
                formats: Vec::new(),
                input: self.input.options(),
                threads: 0,
                discovery: None,
                shard: None,
                part: false,
                part_of: None,
            };
            let input::Collected {
                sources,
                problems,
                skipped,
            } = input::collect_inputs(&self.from, &config.input)?;
            for source in &sources {
                match source {
                    Source::File(path) => inputs.add(path),
                    Source::Stdin => inputs.add_stdin(),
                }
            }
            let extractor = Extractor::with_matcher(dictionary, matcher, config);
            for problem in &problems {
                report::error(out.stderr, problem);
            }
            if let Some(skipped) = &skipped {
                report::warning(out.stderr, skipped);
            }
            let extraction = extractor.run(&sources, |_, _| Ok(()))?;
            for failure in &extraction.failures {
                report::error(out.stderr, failure);
            }
            if extraction.graph.metadata().documents == 0 {
                return Err(Error::NoReadableDocument { inputs: "input" });
            }
            let (dictionary, matcher) = extractor.into_parts();
            (
                extraction.graph,
                PathBuf::from("the --from inputs"),
                dictionary,
                Some(matcher),
            )
        };
        let options = self.prune.options();
        let graph = if options.is_noop() {
            graph
        } else {
            prune(&graph, &options)
        };
        Ok(LoadedGraph {
            graph,
            dictionary,
            matcher,
            name,
            inputs,
        })
    }
}

impl LoadedGraph {
    /// The dictionaries' matcher: the one already loaded, or built now.
    ///
    /// # Errors
    /// When the matcher cannot be built.
    pub fn matcher(&self) -> Result<Cow<'_, Matcher>> {
        match &self.matcher {
            Some(matcher) => Ok(Cow::Borrowed(matcher)),
            None => Ok(Cow::Owned(Matcher::new(&self.dictionary)?)),
        }
    }

    /// The node a typed name stands for.
    ///
    /// # Errors
    /// [`Error::UnknownEntity`] with the closest names, or [`Error::AmbiguousEntity`].
    pub fn find(&self, query: &str) -> Result<&Node> {
        match lookup(&self.graph, &self.dictionary, query) {
            Lookup::Found(node) => Ok(node),
            Lookup::Ambiguous(nodes) => Err(Error::AmbiguousEntity {
                query: query.to_string(),
                graph: self.name.clone(),
                candidates: nodes
                    .iter()
                    .map(|n| format!("{} ({})", n.label, n.id))
                    .collect(),
            }),
            Lookup::NotFound(suggestions) => Err(Error::UnknownEntity {
                query: query.to_string(),
                graph: self.name.clone(),
                suggestions,
            }),
        }
    }
}

/// Parses `--type` values.
pub fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    EntityKind::parse(s)
        .ok_or_else(|| format!("invalid type `{s}`: expected person, country or organization"))
}

/// A document id as the terminal shows it: an absolute path under the current directory made
/// relative to it ("/home/me/news/a.txt" run from /home/me is "news/a.txt"), control
/// characters escaped. JSON keeps ids as they are.
pub fn document_name(id: &str) -> String {
    let relative = std::env::current_dir().ok().and_then(|cwd| {
        std::path::Path::new(id)
            .strip_prefix(&cwd)
            .ok()
            .and_then(|rest| rest.to_str().map(str::to_string))
    });
    printable(relative.as_deref().filter(|r| !r.is_empty()).unwrap_or(id)).into_owned()
}

/// `text` with its control characters (ESC, BEL, CR, …, but not line breaks and tabs) shown
/// as `\u{1b}`, for a terminal: text from the inputs must not move the cursor, change colours
/// or retitle the window. JSON output needs none of this (its strings are escaped).
pub fn printable(text: &str) -> Cow<'_, str> {
    let harmful = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(harmful) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if harmful(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` on one line, cut at a word boundary to at most `max` characters, with an ellipsis;
/// control characters are shown [`printable`].
pub fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_line = printable(&one_line).into_owned();
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// The evidence text on one line with the given spans in bold colour (or unchanged); the
/// text's own control characters are shown [`printable`], only kgx's colours are codes.
pub fn highlight(text: &str, spans: &[(usize, usize, String)], color: bool) -> String {
    if !color || spans.is_empty() {
        return printable(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
    }
    let mut out = String::with_capacity(text.len() + spans.len() * 12);
    let mut at = 0;
    for (start, end, _) in spans {
        out.push_str(&printable(&text[at..*start]));
        out.push_str("\x1b[1;33m");
        out.push_str(&printable(&text[*start..*end]));
        out.push_str("\x1b[0m");
        at = *end;
    }
    out.push_str(&printable(&text[at..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Tells on stderr what a `graph.html` written from `graph` opens on, when the graph is too
/// large to read whole (the page then opens on its readable view; see [`crate::graph::view`]).
pub fn note_html_view(graph: &Graph, html: &Path, out: &mut Output<'_>) {
    if let Some(view) = crate::graph::view::readable(graph) {
        report::message(
            out.stderr,
            &format_args!(
                "{} opens {}; \"Show all\" in the page draws everything",
                html.display(),
                view.summary()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("alpha beta gamma", 12), "alpha beta …");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        for (text, shown) in [
            ("plain – text\nnext\tline", "plain – text\nnext\tline"),
            ("\x1b[31mred\x07", "\\u{1b}[31mred\\u{7}"),
            ("a\rb\u{9b}c\u{7f}", "a\\u{d}b\\u{9b}c\\u{7f}"),
        ] {
            assert_eq!(printable(text), shown, "{text:?}");
        }
        let spans = vec![(0, 5, "p".to_string())];
        assert_eq!(
            highlight("Putin\x1b]0;x\x07", &spans, true),
            "\x1b[1;33mPutin\x1b[0m\\u{1b}]0;x\\u{7}"
        );
        assert_eq!(shorten("a\x1bb", 10), "a\\u{1b}b");
    }

    #[test]
    fn highlight_marks_spans_only_in_colour() {
        let spans = vec![(0, 5, "p".to_string())];
        assert_eq!(
            highlight("Putin  met\nthem", &spans, false),
            "Putin met them"
        );
        assert_eq!(
            highlight("Putin met", &spans, true),
            "\x1b[1;33mPutin\x1b[0m met"
        );
    }
}
