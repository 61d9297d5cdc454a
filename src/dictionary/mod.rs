//! Dictionaries: the canonical entities kgx recognises, with their aliases.
//!
//! A dictionary is a human-editable, diff-friendly text file, one entity per line (the format is
//! in [`parse`] and the README). [`DictionaryBuilder`] gathers any number of files (the
//! built-in ones compiled into the binary, plus the user's), checks every line, and builds an
//! immutable [`Dictionary`] only when nothing is wrong; otherwise it reports every bad line at
//! once, compiler-style.

mod builtin;
pub mod check;
pub mod inflection;
pub mod parse;

use std::collections::{BTreeMap, HashMap};

use foldhash::fast::FixedState;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{location, Diagnostic, Diagnostics, Error, Result};
pub use crate::text::language::Language;

pub use builtin::{BUILTIN_FILES, BUILTIN_FINGERPRINT};

/// The three kinds of entity kgx knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country (or a historical state, or a territory the news treats as one).
    Country,
    /// Any organization: governments and their bodies, agencies, companies, armed groups …
    Organization,
}

impl EntityKind {
    /// Every kind, in the order used for summaries.
    pub const ALL: [EntityKind; 3] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::Organization,
    ];

    /// The name used in dictionaries and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::Organization => "organization",
        }
    }

    /// Parses the dictionary spelling of a kind.
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One way of writing an entity's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written in the dictionary, without its flags.
    pub text: String,
    /// Matches only with the same letter case (all-caps acronyms, or flagged with `=`).
    pub case_sensitive: bool,
    /// Accepted only when the entity is also named without such an alias in the same document
    /// (flagged with `^`).
    pub needs_anchor: bool,
    /// A phrase that is *not* the entity ("New Mexico" for Mexico, flagged with `!`): it takes
    /// part in overlap resolution, so it hides the shorter alias inside it, then yields nothing.
    pub blocks: bool,
    /// The language the alias is written in, when a `+LANG` line gave it: its word forms
    /// (Russian cases, Arabic prefixes) are matched too, by that language's
    /// [`inflection`] rules.
    pub language: Option<Language>,
}

/// Where a dictionary entry was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The dictionary file (shared by all the entities of one file).
    pub path: Arc<Path>,
    /// 1-based line.
    pub line: usize,
}

/// A canonical entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable identifier (a lowercase slug such as `vladimir-putin`), unique in a dictionary.
    pub id: String,
    /// Person, country or organization.
    pub kind: EntityKind,
    /// The canonical name, used as the label in every output.
    pub name: String,
    /// Every spelling that is matched, the canonical name first.
    pub aliases: Vec<Alias>,
    /// Free attributes (`wikidata`, `iso2`, `country`, `role` …), sorted by key.
    pub attributes: BTreeMap<String, String>,
    /// Where the entry was defined.
    pub origin: Origin,
}

impl Entity {
    /// How notable the entity is, for telling namesakes apart when the document does not.
    ///
    /// Bulk entries from open data carry `prominence=N` (a count of the source's evidence:
    /// sitelinks, terms, seasons); curated entries carry none and get [`CURATED_PROMINENCE`],
    /// which outranks every bulk entry.
    pub fn prominence(&self) -> u32 {
        self.attributes
            .get(parse::PROMINENCE)
            .and_then(|value| parse::parse_prominence(value))
            .unwrap_or(CURATED_PROMINENCE)
    }
}

/// The prominence of a curated entry (one without a `prominence` attribute).
pub const CURATED_PROMINENCE: u32 = u32::MAX;

/// Position of an entity in its [`Dictionary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityIndex(pub u32);

/// An immutable, validated set of entities.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    entities: EntityTable,
    /// Built on the first lookup by id for a compiled dictionary, which may never need it.
    by_id: OnceLock<HashMap<String, EntityIndex, FixedState>>,
    sources: Vec<String>,
}

/// Where a dictionary's entities are.
#[derive(Debug, Clone)]
enum EntityTable {
    /// Built from dictionary files.
    Decoded(Vec<Entity>),
    /// Loaded from a compiled dictionary: each entity is decoded when first asked for, so
    /// loading a million aliases allocates none of them.
    Compiled(Arc<CompiledEntities>),
}

impl Default for EntityTable {
    fn default() -> EntityTable {
        EntityTable::Decoded(Vec::new())
    }
}

/// The entity records of a compiled dictionary, already checked, decoded on demand.
pub(crate) trait EntityRecords: std::fmt::Debug + Send + Sync {
    /// Number of entities.
    fn len(&self) -> usize;
    /// Decodes entity `index` (`index < len()`).
    fn decode(&self, index: usize) -> Entity;
    /// The id of entity `index`, without decoding the rest of it.
    fn id(&self, index: usize) -> &str;
}

/// A compiled dictionary's records and the entities decoded from them so far.
#[derive(Debug)]
struct CompiledEntities {
    records: Box<dyn EntityRecords>,
    decoded: Vec<OnceLock<Box<Entity>>>,
}

impl Dictionary {
    /// The built-in dictionaries alone.
    ///
    /// # Errors
    /// Only if a built-in file is malformed, which the test suite rules out.
    pub fn builtin() -> Result<Dictionary> {
        let mut builder = DictionaryBuilder::new();
        builder.add_builtin();
        builder.build()
    }

    /// The dictionary of a compiled file, whose entities are decoded from `records` when
    /// first used.
    pub(crate) fn from_records(
        records: Box<dyn EntityRecords>,
        sources: Vec<String>,
    ) -> Dictionary {
        let decoded = (0..records.len()).map(|_| OnceLock::new()).collect();
        Dictionary {
            entities: EntityTable::Compiled(Arc::new(CompiledEntities { records, decoded })),
            by_id: OnceLock::new(),
            sources,
        }
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        match &self.entities {
            EntityTable::Decoded(entities) => entities.len(),
            EntityTable::Compiled(compiled) => compiled.decoded.len(),
        }
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entity at `index`.
    ///
    /// # Panics
    /// If `index` does not come from this dictionary.
    pub fn entity(&self, index: EntityIndex) -> &Entity {
        let index = index.0 as usize;
        match &self.entities {
            EntityTable::Decoded(entities) => &entities[index],
            EntityTable::Compiled(compiled) => {
                compiled.decoded[index].get_or_init(|| Box::new(compiled.records.decode(index)))
            }
        }
    }

    /// The entity with identifier `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index_of(id).map(|i| self.entity(i))
    }

    /// The index of the entity with identifier `id`.
    pub fn index_of(&self, id: &str) -> Option<EntityIndex> {
        let by_id = self.by_id.get_or_init(|| match &self.entities {
            EntityTable::Decoded(entities) => index_by_id(entities.iter().map(|e| e.id.as_str())),
            EntityTable::Compiled(compiled) => {
                index_by_id((0..compiled.decoded.len()).map(|i| compiled.records.id(i)))
            }
        });
        by_id.get(id).copied()
    }

    /// Every entity with its index, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (EntityIndex, &Entity)> {
        (0..self.len() as u32).map(|i| (EntityIndex(i), self.entity(EntityIndex(i))))
    }

    /// A hash of every entity (id, type, name, aliases with their flags, attributes), as 16 hex
    /// digits: two dictionaries with the same fingerprint match the same way. Parts of a
    /// sharded run carry it, so that `kgx merge` refuses parts made with other dictionaries.
    pub fn fingerprint(&self) -> String {
        let mut hash = crate::hash::FNV_OFFSET;
        let mut feed = |bytes: &[u8]| {
            hash = crate::hash::fnv1a_64_from(hash, bytes);
            hash = crate::hash::fnv1a_64_from(hash, &[0xff]);
        };
        for (_, entity) in self.iter() {
            feed(entity.id.as_bytes());
            feed(entity.kind.as_str().as_bytes());
            feed(entity.name.as_bytes());
            for alias in &entity.aliases {
                feed(alias.text.as_bytes());
                feed(&[
                    u8::from(alias.case_sensitive),
                    u8::from(alias.needs_anchor),
                    u8::from(alias.blocks),
                ]);
                if let Some(language) = alias.language {
                    feed(language.as_str().as_bytes());
                }
            }
            for (key, value) in &entity.attributes {
                feed(key.as_bytes());
                feed(value.as_bytes());
            }
        }
        format!("{hash:016x}")
    }

    /// The dictionary files this was built from, as named by the user (`<built-in>` for the
    /// embedded ones).
    pub fn sources(&self) -> &[String] {
        &self.sources
    }
}

/// Gathers dictionary files and validates them into a [`Dictionary`].
///
/// ```
/// use kgx::dictionary::DictionaryBuilder;
///
/// let mut builder = DictionaryBuilder::new();
/// builder.add_str("mine.tsv", "acme\torganization\tAcme Corp\tAcme|ACME\n");
/// let dictionary = builder.build().unwrap();
/// assert_eq!(dictionary.get("acme").unwrap().aliases.len(), 3);
/// ```
#[derive(Debug, Default)]
pub struct DictionaryBuilder {
    entities: Vec<Entity>,
    /// Alias lines, attached to their entities when the dictionary is built (the entity may
    /// come from a file added later).
    alias_lines: Vec<(parse::AliasLine, Origin)>,
    /// Ids defined in dictionaries not added here, which alias lines may name without error
    /// (`kgx dict check` of a file of alias lines for built-in entities).
    defined_elsewhere: std::collections::HashSet<String>,
    diagnostics: Vec<Diagnostic>,
    /// Every id added so far, with where its entity is in `entities`.
    first_definition: HashMap<String, usize, FixedState>,
    sources: Vec<String>,
}

impl DictionaryBuilder {
    /// An empty builder.
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder::default()
    }

    /// Adds the dictionaries compiled into kgx.
    pub fn add_builtin(&mut self) -> &mut DictionaryBuilder {
        for (name, text) in BUILTIN_FILES {
            self.add_lines(PathBuf::from(format!("<built-in>/{name}")), text);
        }
        self.sources.push("<built-in>".to_string());
        self
    }

    /// Lets alias lines name these ids, defined in dictionaries not added to this builder: their
    /// aliases are then left out instead of reported as aliases of no entity.
    pub fn defined_elsewhere(&mut self, ids: impl IntoIterator<Item = String>) -> &mut Self {
        self.defined_elsewhere.extend(ids);
        self
    }

    /// Reads and adds a dictionary file.
    ///
    /// # Errors
    /// When the file cannot be read or is not UTF-8. Problems inside the file are collected and
    /// reported by [`build`](DictionaryBuilder::build).
    pub fn add_file(&mut self, path: &Path) -> Result<&mut DictionaryBuilder> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        self.sources.push(path.display().to_string());
        Ok(self.add_lines(path.to_path_buf(), &text))
    }

    /// Adds dictionary text that did not come from a file on disk; `path` names it in messages.
    pub fn add_str(&mut self, path: impl Into<PathBuf>, text: &str) -> &mut DictionaryBuilder {
        let path = path.into();
        self.sources.push(path.display().to_string());
        self.add_lines(path, text)
    }

    fn add_lines(&mut self, path: PathBuf, text: &str) -> &mut DictionaryBuilder {
        let shared: Arc<Path> = Arc::from(path.as_path());
        for (number, line) in text.lines().enumerate() {
            match parse::parse_line(line.trim_start_matches('\u{FEFF}')) {
                Ok(None) => {}
                Ok(Some(line)) => {
                    let origin = Origin {
                        path: Arc::clone(&shared),
                        line: number + 1,
                    };
                    match line {
                        parse::Line::Entity(entry) => self.add_entry(entry, origin),
                        parse::Line::Aliases(aliases) => self.alias_lines.push((aliases, origin)),
                    }
                }
                Err(messages) => {
                    self.diagnostics
                        .extend(messages.into_iter().map(|message| Diagnostic {
                            path: path.clone(),
                            line: number + 1,
                            message,
                        }))
                }
            }
        }
        self
    }

    fn add_entry(&mut self, entry: parse::Entry, origin: Origin) {
        if let Some(&first) = self.first_definition.get(&entry.id) {
            let first = &self.entities[first].origin;
            self.diagnostics.push(Diagnostic {
                path: origin.path.to_path_buf(),
                line: origin.line,
                message: format!(
                    "duplicate id `{}` (first defined at {})",
                    entry.id,
                    location(&first.path, first.line)
                ),
            });
            return;
        }
        self.first_definition
            .insert(entry.id.clone(), self.entities.len());
        self.entities.push(Entity {
            id: entry.id,
            kind: entry.kind,
            name: entry.name,
            aliases: entry.aliases,
            attributes: entry.attributes,
            origin,
        });
    }

    /// Validates everything added and builds the dictionary.
    ///
    /// # Errors
    /// [`Error::Dictionary`] listing every malformed line of every file.
    pub fn build(self) -> Result<Dictionary> {
        let (dictionary, diagnostics) = self.build_lenient();
        if diagnostics.is_empty() {
            Ok(dictionary)
        } else {
            Err(Error::Dictionary(Diagnostics(diagnostics)))
        }
    }

    /// Builds a dictionary from the valid lines and returns the problems of the others beside
    /// it (for `kgx dict check`, which reports everything in one pass).
    pub fn build_lenient(mut self) -> (Dictionary, Vec<Diagnostic>) {
        for (line, origin) in std::mem::take(&mut self.alias_lines) {
            match self.first_definition.get(&line.id) {
                Some(&index) => self.entities[index].aliases.extend(line.aliases),
                None if self.defined_elsewhere.contains(&line.id) => {}
                None => self.diagnostics.push(Diagnostic {
                    path: origin.path.to_path_buf(),
                    line: origin.line,
                    message: format!(
                        "aliases in `+{}` for `{}`, which no dictionary defines",
                        line.language, line.id
                    ),
                }),
            }
        }
        let by_id = index_by_id(self.entities.iter().map(|e| e.id.as_str()));
        let dictionary = Dictionary {
            entities: EntityTable::Decoded(self.entities),
            by_id: OnceLock::from(by_id),
            sources: self.sources,
        };
        (dictionary, self.diagnostics)
    }
}

/// The index of every id, given the ids in entity order (the first, should an id appear twice).
fn index_by_id<'e>(ids: impl Iterator<Item = &'e str>) -> HashMap<String, EntityIndex, FixedState> {
    let mut by_id = HashMap::with_hasher(FixedState::default());
    for (index, id) in ids.enumerate() {
        by_id
            .entry(id.to_string())
            .or_insert(EntityIndex(index as u32));
    }
    by_id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionaries_are_valid_and_cover_every_kind() {
        let dictionary = Dictionary::builtin().unwrap();
        for kind in EntityKind::ALL {
            assert!(
                dictionary.iter().any(|(_, e)| e.kind == kind),
                "no built-in {kind:?}"
            );
        }
    }

    #[test]
    fn all_errors_are_reported_at_once_with_their_lines() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "a.tsv",
            "# comment\nputin\tperson\tVladimir Putin\nbad\tplanet\tMars\nputin\tperson\tPutin again\n",
        );
        builder.add_str("b.tsv", "\n x\tperson\t\n");
        let err = builder.build().unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.tsv:3: unknown type `planet` (expected person, country or organization)\n\
             a.tsv:4: duplicate id `putin` (first defined at a.tsv:2)\n\
             b.tsv:2: invalid id ` x`: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit\n\
             b.tsv:2: empty name"
        );
    }

    #[test]
    fn dictionary_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Dictionary>();
    }
}
