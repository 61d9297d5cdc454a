//! Provisional entities: discovered names, numbered after the dictionary's entities.
//!
//! Documents are analysed in parallel, but provisional entities are numbered here, in input
//! order, as each analysed document is folded into the graph: the same input gives the same
//! entities, ids and numbers whatever the thread count.
//!
//! **Ids.** A provisional entity's id is `provisional:` and the slug of its name
//! (`provisional:jensen-huang`). Dictionary ids cannot contain `:`, so the two id spaces never
//! meet. Names that fold alike ("José López", "Jose Lopez") are one entity; names with the same
//! slug that fold apart ("Jean-Paul Smith", "Jean Paul Smith") get `-2`, `-3` … in order of
//! appearance.
//!
//! **Merging.** Across documents, a name merges with an earlier one of the same folded form; a
//! name already taken by the other kind keeps that first kind (the first document decides).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::dictionary::{Dictionary, Entity, EntityIndex, EntityKind, Origin};
use crate::document::AnalyzedDocument;
use crate::resolve::{Mention, Resolution};

/// The prefix of every provisional entity's id.
pub const ID_PREFIX: &str = "provisional:";

/// What a provisional entity's [`Origin`] names: no file, the text it was found in.
pub const ORIGIN: &str = "<discovered>";

/// The attribute that marks a provisional entity (`provisional=true`) in every export.
pub const ATTRIBUTE: &str = "provisional";

/// The provisional entities of one run, numbered after a dictionary's.
#[derive(Debug, Default)]
pub struct ProvisionalEntities {
    first_index: u32,
    entities: Vec<Entity>,
    by_key: HashMap<String, EntityIndex>,
    slugs: HashMap<String, usize>,
    origin: Option<Arc<Path>>,
}

impl ProvisionalEntities {
    /// An empty set, numbered after the entities of `dictionary`.
    pub fn after(dictionary: &Dictionary) -> ProvisionalEntities {
        ProvisionalEntities {
            first_index: dictionary.len() as u32,
            ..ProvisionalEntities::default()
        }
    }

    /// Turns the discovered mentions of `document` into mentions of provisional entities,
    /// adding the entities not seen before, and merges them into the document's mentions in
    /// text order.
    pub fn admit(&mut self, document: &mut AnalyzedDocument) {
        if document.discovered.is_empty() {
            return;
        }
        let indices: Vec<EntityIndex> = document
            .discovery_names
            .iter()
            .map(|name| self.index_of(name.kind, &name.key, &name.name))
            .collect();
        for discovered in std::mem::take(&mut document.discovered) {
            document.mentions.push(crate::document::DocumentMention {
                mention: Mention {
                    start: discovered.start,
                    end: discovered.end,
                    resolution: Resolution::Entity(indices[discovered.name]),
                },
                sentence: discovered.sentence,
                repeated: discovered.repeated,
            });
        }
        document.mentions.sort_by_key(|m| m.mention.start);
    }

    /// The entity numbered `index`, if it is one of these.
    pub fn get(&self, index: EntityIndex) -> Option<&Entity> {
        let offset = index.0.checked_sub(self.first_index)?;
        self.entities.get(offset as usize)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    fn index_of(&mut self, kind: EntityKind, key: &str, name: &str) -> EntityIndex {
        if let Some(&index) = self.by_key.get(key) {
            return index;
        }
        let slug = slug(name);
        let count = self.slugs.entry(slug.clone()).or_insert(0);
        *count += 1;
        let id = match *count {
            1 => format!("{ID_PREFIX}{slug}"),
            n => format!("{ID_PREFIX}{slug}-{n}"),
        };
        let index = EntityIndex(self.first_index + self.entities.len() as u32);
        self.entities.push(Entity {
            id,
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            attributes: [(ATTRIBUTE.to_string(), "true".to_string())]
                .into_iter()
                .collect(),
            origin: Origin {
                path: Arc::clone(
                    self.origin
                        .get_or_insert_with(|| Arc::from(Path::new(ORIGIN))),
                ),
                line: 0,
            },
        });
        self.by_key.insert(key.to_string(), index);
        index
    }
}

/// Every entity a run can name: the dictionary's, then the provisional ones.
#[derive(Debug, Clone, Copy)]
pub struct Catalog<'a> {
    dictionary: &'a Dictionary,
    provisional: Option<&'a ProvisionalEntities>,
}

impl<'a> Catalog<'a> {
    /// The dictionary's entities and, if given, provisional ones numbered after them.
    pub fn new(dictionary: &'a Dictionary, provisional: Option<&'a ProvisionalEntities>) -> Self {
        Catalog {
            dictionary,
            provisional,
        }
    }

    /// The dictionary.
    pub fn dictionary(&self) -> &'a Dictionary {
        self.dictionary
    }

    /// The entity numbered `index`.
    ///
    /// # Panics
    /// If no entity has that number: indices come from the matcher of this dictionary or from
    /// these provisional entities, so that is a bug.
    pub fn entity(&self, index: EntityIndex) -> &'a Entity {
        if (index.0 as usize) < self.dictionary.len() {
            return self.dictionary.entity(index);
        }
        match self.provisional.and_then(|p| p.get(index)) {
            Some(entity) => entity,
            None => panic!(
                "entity index {} is neither a dictionary's nor a provisional one",
                index.0
            ),
        }
    }
}

impl<'a> From<&'a Dictionary> for Catalog<'a> {
    fn from(dictionary: &'a Dictionary) -> Catalog<'a> {
        Catalog::new(dictionary, None)
    }
}

/// A lowercase ASCII slug of `name`: "José López-Obrador" → `jose-lopez-obrador`.
fn slug(name: &str) -> String {
    let folded = crate::text::fold(name, crate::text::CaseMode::Insensitive);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("name");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_ids_never_collide() {
        assert_eq!(slug("José López-Obrador"), "jose-lopez-obrador");
        assert_eq!(slug("Marks & Spencer Group"), "marks-spencer-group");
        assert_eq!(slug("Ли Ваня"), "name");
        let dictionary = Dictionary::default();
        let mut provisional = ProvisionalEntities::after(&dictionary);
        let a = provisional.index_of(EntityKind::Person, "jean-paul smith", "Jean-Paul Smith");
        let b = provisional.index_of(EntityKind::Person, "jean paul smith", "Jean Paul Smith");
        let again = provisional.index_of(EntityKind::Organization, "jean-paul smith", "x");
        assert_eq!(a, again, "the first kind and name keep the key");
        assert_eq!(
            provisional.get(a).unwrap().id,
            "provisional:jean-paul-smith"
        );
        assert_eq!(
            provisional.get(b).unwrap().id,
            "provisional:jean-paul-smith-2"
        );
        assert_eq!(provisional.len(), 2);
    }
}
