//! Loading dictionaries the way every command does: the built-in ones (from the cache of their
//! compiled form), a compiled dictionary (`kgx dict compile`), or text dictionary files, with
//! the matcher that goes with them.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{builtin_cache, compiled, Matcher};
use crate::dictionary::{Dictionary, DictionaryBuilder};
use crate::error::{Error, Result};

/// Which dictionaries to load: the built-in ones or not, and dictionary files (text, or one
/// compiled file).
#[derive(Debug, Clone, Copy)]
pub struct DictionarySources<'a> {
    /// The files, in order (`--dict`).
    pub files: &'a [PathBuf],
    /// Whether the built-in dictionaries come first.
    pub builtin: bool,
}

impl DictionarySources<'_> {
    /// Loads the dictionaries.
    ///
    /// # Errors
    /// When a file cannot be read, any line of any file is malformed, a compiled file is
    /// corrupt, or a compiled file is combined with others.
    pub fn load(&self) -> Result<Dictionary> {
        Ok(self.load_parts()?.0)
    }

    /// Loads the dictionaries and their matcher: straight from a compiled dictionary, or built
    /// from the text ones.
    ///
    /// # Errors
    /// As [`DictionarySources::load`], and when the matcher cannot be built.
    pub fn load_with_matcher(&self) -> Result<(Dictionary, Matcher)> {
        let (dictionary, matcher) = self.load_parts()?;
        let matcher = match matcher {
            Some(matcher) => matcher,
            None => Matcher::new(&dictionary)?,
        };
        Ok((dictionary, matcher))
    }

    /// The dictionaries, and the matcher when a compiled form brings one ready-made (building
    /// one is left to the callers that match).
    ///
    /// # Errors
    /// As [`DictionarySources::load`].
    pub fn load_parts(&self) -> Result<(Dictionary, Option<Matcher>)> {
        if self.files.is_empty() && self.builtin {
            let (dictionary, matcher) = builtin_cache::load_builtin()?;
            return Ok((dictionary, Some(matcher)));
        }
        match self.load_compiled()? {
            Some((dictionary, matcher)) => Ok((dictionary, Some(matcher))),
            None => Ok((self.load_text()?, None)),
        }
    }

    /// The compiled dictionary among the files, loaded, if there is one.
    ///
    /// # Errors
    /// As [`DictionarySources::load`].
    pub fn load_compiled(&self) -> Result<Option<(Dictionary, Matcher)>> {
        let Some(path) = self.compiled()? else {
            return Ok(None);
        };
        compiled::read_file(path).map(Some)
    }

    /// The compiled dictionary among the files, if there is one.
    ///
    /// A compiled dictionary holds everything it was compiled from (the built-in dictionaries
    /// included, unless compiled with `--no-default-dict`), so it stands alone: it cannot be
    /// combined with other files.
    fn compiled(&self) -> Result<Option<&PathBuf>> {
        let mut compiled = None;
        for path in self.files {
            if is_compiled_file(path)? {
                if self.files.len() > 1 {
                    return Err(Error::CompiledDictionary {
                        path: path.clone(),
                        message: "a compiled dictionary stands alone; to add other dictionaries, \
                                  compile them together with `kgx dict compile`"
                            .to_string(),
                    });
                }
                compiled = Some(path);
            }
        }
        Ok(compiled)
    }

    fn load_text(&self) -> Result<Dictionary> {
        let mut builder = DictionaryBuilder::new();
        if self.builtin {
            builder.add_builtin();
        }
        for path in self.files {
            builder.add_file(path)?;
        }
        builder.build()
    }
}

/// Whether the file at `path` starts like a compiled dictionary.
fn is_compiled_file(path: &Path) -> Result<bool> {
    let mut start = Vec::with_capacity(compiled::MAGIC.len());
    std::fs::File::open(path)
        .and_then(|file| {
            file.take(compiled::MAGIC.len() as u64)
                .read_to_end(&mut start)
        })
        .map_err(|e| Error::io(path, e))?;
    Ok(compiled::is_compiled(&start))
}
