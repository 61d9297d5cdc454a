#!/usr/bin/env node
// scripts/countries/generate.mjs — build dictionaries/countries.tsv.
//
// Run it through generate.sh, which installs the pinned world-countries
// package into a temporary directory and passes its countries.json here:
//
//   node generate.mjs --data PATH/countries.json --overlay overlay.tsv \
//                     --words dictionaries/english-words.txt \
//                     --version 5.1.0 > countries.tsv
//
// What it does, in order:
//   1. One entity per world-countries record. id = slug of the package's
//      common English name (ID_OVERRIDES below for the few exceptions),
//      name = that common name, aliases = the official name, the package's
//      altSpellings and its English demonyms (with a regular plural), after
//      the generic safety filters in keepPackageName()/demonymAliases():
//      ISO-like codes, non-Latin scripts, lowercase-initial transliterations,
//      inverted "X, Republic of" forms and "The ..." forms are dropped.
//      attributes = iso2, iso3, un, status (derived from the package flags).
//   2. overlay.tsv (hand-curated; its header documents the format) then
//      removes entities, renames them, adds and removes aliases, sets
//      attributes and adds entities the package lacks; its "+LANG" lines
//      remove names from the translations of step 4.
//   3. Checks the result (id syntax, unique ids, non-empty and well-formed
//      aliases) and prints the file: header comment, then one line per
//      entity sorted by id.
//   4. Then, after a comment line, the names in other languages from the
//      package's `translations` field: one "id<TAB>+LANG<TAB>alias|..." line
//      per (entity, language) with at least one name left after the filters
//      in translationLines() (precision first: a wrong alias is worse than a
//      missing one), LANG being the ISO 639-1 code (LANGUAGES below), sorted
//      by (id, LANG). Only package entities get them (not the overlay's
//      historical states); removed entities get none. The number of lines and
//      aliases per language and of names each filter dropped go to stderr.
//   No timestamps, no locale-dependent sorting, so the same inputs always
//   give the same bytes.
//
// Node 20+, no dependencies.

import { readFileSync } from 'node:fs';

// Package records whose id is not the slug of the package's common name.
const ID_OVERRIDES = {
  TUR: 'turkey', // package common name is "Türkiye"; the press and our people file say Turkey
};

// Fixed attribute order; other keys follow in byte order.
const ATTR_ORDER = ['iso2', 'iso3', 'wikidata', 'un', 'status', 'historical'];

function die(msg) {
  process.stderr.write(`generate.mjs: ${msg}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const val = argv[i + 1];
    if (!key.startsWith('--') || val === undefined) die(`bad arguments: ${argv.join(' ')}`);
    args[key.slice(2)] = val;
  }
  for (const k of ['data', 'overlay', 'words', 'version']) if (!args[k]) die(`missing --${k}`);
  return args;
}

// "São Tomé and Príncipe" -> "sao-tome-and-principe"
function slug(s) {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Same rule as the Rust matcher: 2+ capitals and no lowercase letter
// ("US", "U.S.", "DPRK") means the alias matches case-sensitively.
function isAllCaps(s) {
  return (s.match(/\p{Lu}/gu) || []).length >= 2 && !/\p{Ll}/u.test(s);
}

const bare = (a) => a.replace(/^[=^]/, '');
const prefix = (a) => (/^[=^]/.test(a) ? a[0] : '');

// The matcher ignores case and accents, so "Curacao" adds nothing to
// "Curaçao"; ALL-CAPS aliases keep their case because they match with it.
function matchKey(s) {
  const folded = s.normalize('NFD').replace(/\p{M}/gu, '');
  return isAllCaps(s) ? folded : folded.toLowerCase();
}

// Generic filter for names taken from the package (official name,
// altSpellings). Curated exceptions live in overlay.tsv.
function keepPackageName(s) {
  if (/^[A-Z]{2,4}$/.test(s)) return false; // ISO codes (RU, TR, IN, IT ...) and UAE/DPRK-like codes: overlay re-adds the safe ones
  if (!/^[\p{Script=Latin}\p{M}0-9 '’‘ʻʼʾʿ.\-]+$/u.test(s)) return false; // other scripts, parentheses, commas ("Iran, Islamic Republic of")
  if (/^\P{Lu}/u.test(s)) return false; // "al-Jumhūriyyah ...", "weSwatini", IPA
  if (/^the\s/i.test(s)) return false; // "The Netherlands": the plain form already matches
  return true;
}

// English demonyms: "Antiguan, Barbudan" and "Kittitian or Nevisian" are two
// each; a regular plural is added for -an/-i/-er/-ot ("Russians", "Israelis",
// "New Zealanders", "Cypriots"); irregular ones ("Tajiks", "Filipinos") come
// from the overlay.
function demonymAliases(rec) {
  const d = rec.demonyms && rec.demonyms.eng;
  if (!d) return [];
  const out = [];
  for (const form of [d.m, d.f]) {
    for (const part of (form || '').split(/,\s*|\s+or\s+/)) {
      const s = part.trim();
      if (!s || s === rec.name.common) continue; // "Djibouti" as its own demonym
      out.push(s);
      if (/(an|i|er|ot)$/.test(s)) out.push(`${s}s`);
    }
  }
  return out;
}

function fromPackage(rec) {
  const id = ID_OVERRIDES[rec.cca3] || slug(rec.name.common);
  const aliases = [];
  for (const s of [rec.name.official, ...(rec.altSpellings || [])]) {
    if (keepPackageName(s)) aliases.push(s);
  }
  aliases.push(...demonymAliases(rec));
  const attrs = new Map();
  if (/^[A-Z]{2}$/.test(rec.cca2 || '')) attrs.set('iso2', rec.cca2);
  // Only officially assigned alpha-3 codes (Kosovo's "UNK" is not one).
  if (rec.status === 'officially-assigned' && /^[A-Z]{3}$/.test(rec.cca3 || '')) attrs.set('iso3', rec.cca3);
  // The package's own flags; overlay.tsv corrects them where needed (it marks
  // Vatican City a UN member; Palestine, Taiwan, Kosovo are not "territories").
  attrs.set('un', rec.unMember ? 'member' : 'none');
  attrs.set('status', rec.unMember || rec.independent === true ? 'sovereign' : 'territory');
  return {
    id,
    type: 'country',
    name: rec.name.common,
    packageName: rec.name.common,
    aliases,
    attrs,
    origin: `world-countries ${rec.cca3}`,
    translations: rec.translations || {},
    capitals: rec.capital || [],
  };
}

// ---- overlay -------------------------------------------------------------

function parseAttrs(field, where) {
  const out = [];
  if (field === '') return out;
  for (const kv of field.split(';')) {
    const m = /^([a-z][a-z0-9_]*)=(.*)$/.exec(kv);
    if (!m) die(`${where}: bad attribute "${kv}"`);
    out.push([m[1], m[2]]);
  }
  return out;
}

// Returns the "+LANG" removals: Map id -> Map ISO 639-1 code -> Map name ->
// overlay line (see translationLines()).
function applyOverlay(entities, text, file) {
  const translationRemovals = new Map();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (cols[0].startsWith('-')) {
      const id = cols[0].slice(1);
      if (cols.slice(1).some((c) => c !== '')) die(`${where}: a removal line has only "-id"`);
      if (!entities.has(id)) die(`${where}: cannot remove unknown id "${id}"`);
      entities.delete(id);
      return;
    }
    if (cols.length >= 2 && cols[1].startsWith('+')) {
      // id<TAB>+LANG<TAB>-Name|-Name: translated names not to write.
      const code = cols[1].slice(1);
      if (cols.length !== 3) die(`${where}: a +LANG line has 3 TAB-separated columns`);
      if (!Object.values(LANGUAGES).includes(code)) die(`${where}: unknown language "+${code}"`);
      if (!translationRemovals.has(cols[0])) translationRemovals.set(cols[0], new Map());
      const byLang = translationRemovals.get(cols[0]);
      if (!byLang.has(code)) byLang.set(code, new Map());
      for (const item of cols[2].split('|')) {
        if (!/^-\S/u.test(item)) die(`${where}: a +LANG line only removes names ("-Name"), got "${item}"`);
        byLang.get(code).set(item.slice(1), where);
      }
      return;
    }
    if (cols.length !== 5) die(`${where}: expected 5 TAB-separated columns, got ${cols.length}`);
    const [id, type, name, aliasField, attrField] = cols;
    if (type !== 'country') die(`${where}: type must be "country"`);
    let e = entities.get(id);
    if (!e) {
      if (!name) die(`${where}: new entity "${id}" needs a name`);
      e = { id, type, name, aliases: [], attrs: new Map(), origin: where };
      entities.set(id, e);
    } else if (name) {
      // A rename keeps the package's common name as an alias ("Türkiye").
      if (e.packageName && e.packageName !== bare(name)) e.aliases.unshift(e.packageName);
      e.name = name;
    }
    for (const a of aliasField === '' ? [] : aliasField.split('|')) {
      if (a.startsWith('-')) {
        const target = a.slice(1);
        const before = e.aliases.length;
        e.aliases = e.aliases.filter((x) => x !== target);
        if (e.aliases.length === before) die(`${where}: "${id}" has no alias "${target}" to remove`);
      } else {
        e.aliases.push(a);
      }
    }
    for (const [k, v] of parseAttrs(attrField, where)) {
      if (v === '') e.attrs.delete(k);
      else e.attrs.set(k, v);
    }
  });
  return translationRemovals;
}

// ---- checks and output ---------------------------------------------------

function finish(e) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(e.id)) die(`${e.origin}: bad id "${e.id}"`);
  if (!e.name || /[\t\n|]/.test(e.name)) die(`${e.id}: bad name "${e.name}"`);
  const nameKey = matchKey(bare(e.name)); // "=China" is still the name "China"
  const seen = new Map(); // matchKey -> alias as written
  const aliases = [];
  for (const a of e.aliases) {
    const b = bare(a);
    if (b === '' || b !== b.trim() || /[\t\n|]/.test(b) || /^[=^]/.test(b)) die(`${e.id}: bad alias "${a}"`);
    const key = matchKey(b);
    if (key === nameKey) continue; // the name itself is matched already
    const prev = seen.get(key);
    if (prev !== undefined) {
      // Same alias up to case/accents: keep the first spelling, unless the
      // prefixes disagree, which is a mistake in the overlay.
      if (prefix(prev) !== prefix(a)) {
        die(`${e.id}: alias "${b}" appears with two different prefixes ("${prev}", "${a}")`);
      }
      continue;
    }
    seen.set(key, a);
    aliases.push(a);
  }
  const keys = [...e.attrs.keys()];
  keys.sort((x, y) => {
    const ix = ATTR_ORDER.indexOf(x);
    const iy = ATTR_ORDER.indexOf(y);
    if (ix !== -1 || iy !== -1) return (ix === -1 ? 99 : ix) - (iy === -1 ? 99 : iy);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const attrs = keys.map((k) => {
    const v = e.attrs.get(k);
    if (/[\t\n;]/.test(v)) die(`${e.id}: bad attribute value ${k}="${v}"`);
    return `${k}=${v}`;
  });
  return [e.id, e.type, e.name, aliases.join('|'), attrs.join(';')].join('\t');
}

// ---- names in other languages ------------------------------------------

// world-countries translation keys (ISO 639-2/3) -> ISO 639-1 codes of the
// "+LANG" lines. bre and cym are listed for later package versions; 5.1.0
// has neither.
const LANGUAGES = {
  ara: 'ar', bre: 'br', ces: 'cs', cym: 'cy', deu: 'de', est: 'et', fin: 'fi', fra: 'fr',
  hrv: 'hr', hun: 'hu', ita: 'it', jpn: 'ja', kor: 'ko', nld: 'nl', per: 'fa', pol: 'pl',
  por: 'pt', rus: 'ru', slk: 'sk', spa: 'es', srp: 'sr', swe: 'sv', tur: 'tr', urd: 'ur',
  zho: 'zh',
};

// Comparison key of the translation filters: compatibility decomposition,
// marks dropped, lowercase, whatever the case of the text. Two names with the
// same matchKey() always have the same foldKey() (foldKey only merges more:
// it also ignores the case of ALL-CAPS forms), so comparing foldKeys drops at
// least what comparing matchKeys would.
function foldKey(s) {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// Keys of an entity's name and aliases as written in countries.tsv, prefix
// (=, ^, !) removed: a "!" phrase is not the entity, but a translation equal
// to it would be just as wrong.
function englishKeys(e) {
  const keys = new Set();
  for (const a of [e.name, ...e.aliases]) keys.add(foldKey(a.replace(/^[=^!]/, '')));
  return keys;
}

// Filter 1, the official name: kept only when it is a plain name of at most
// 6 words; with a comma or parentheses it is an inverted or annotated form
// ("Corée, République de", "Islas Malvinas (Falkland)"), longer ones are
// descriptions that no text writes out. The common name is always a candidate.
function officialShapeOk(s) {
  return !/[,()（）、،]/u.test(s) && s.trim().split(/\s+/u).length <= 6;
}

// Filter 2, characters: only letters, marks, spaces, hyphens, apostrophes,
// dots and middle dots (· ・). Anything else (digits, dashes, commas, the
// Persian zero-width non-joiner, a stray Lao digit in one Slovak name) means
// the text is not a plain name or would not match as written.
const NAME_CHARS = /^[\p{L}\p{M} \-'’‘.·・]+$/u;

// Filter 3, malformed names: in any script, a lowercase first letter
// ("ilha da Curação", "nueva Zelanda", "îles Vierges", "kolektivitet Sveti
// Bartolomej", "итальянская Республика"), a space before a hyphen ("nieuw
// -Caledonië", "Co -operative Republic", "Республика Кабо -Верде"; a hyphen
// before a space is the suspended compound of "Turks- és Caicos-szigetek",
// which stays) or Latin letters mixed with another script ("Sahrawi Арабская
// Демократическая Республика"); in Latin script, a first letter that is not
// a capital, a word of 4+ capitals ("BOLIVARIJANSKA Republika Venezuela") or
// an apostrophe before a space ("Côte d' Ivoire").
// With "=" such a form would match only as miswritten; most are duplicates of
// a correct common name. (Turkish names are repaired first, see repairName().)
function malformed(s) {
  if (/^\p{Ll}/u.test(s) || / -/.test(s)) return true;
  if (!/\p{Script=Latin}/u.test(s)) return false;
  if (/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(s)) return true;
  return /^\P{Lu}/u.test(s) || /\p{Lu}{4,}/u.test(s) || /['’] /.test(s);
}

// Repairs applied to every name before the filters. NFKC, not NFC: it turns
// the Slovak "ǅibutsko" (one digraph letter U+01C5) into "Džibutsko" and
// full-width brackets into plain ones. Spaces are trimmed and collapsed
// (" 소말리아 연방 공화국", "Królestwo Hiszpanii "). In the Turkish names
// the package has lost the capital of a word-initial Ç, Ö, Ş, Ü ("çin" for
// Çin, China; "özbekistan", "ürdün", "şili", "çekya", "çad"): no Turkish
// name has those letters capitalized, so the capital is restored.
function repairName(lang, s) {
  let out = s.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (lang === 'tur') out = out.replace(/(^|[ \-])([çöşü])/gu, (_, sep, c) => sep + c.toUpperCase());
  return out;
}

// Filter 4, Chinese and Japanese names of one character (中, 日, 米 ...): the
// character alone is an abbreviation or an ordinary word far more often than
// the country. Korean, Arabic, Persian, Urdu, Russian and Serbian names are
// kept whatever their length.
const ONE_CHAR_LANGS = new Set(['zho', 'jpn']);

const FILTERS = [
  ['duplicate', 'same name as an earlier one of the line (common = official up to case and accents)'],
  ['official-shape', 'official name with a comma or parentheses, or more than 6 words'],
  ['characters', 'characters other than letters, marks, spaces, - \' . · ・'],
  ['malformed', 'lowercase first letter, space before a hyphen, Latin mixed with another script; Latin: a word of 4+ capitals, apostrophe before a space'],
  ['one-char-cjk', 'Chinese or Japanese name of one character'],
  ['overlay', 'removed by a +LANG line of overlay.tsv'],
  ['own-english', "equal to the entity's own name or an alias (adds nothing)"],
  ['other-entity', 'equal to the name or an alias of another entity of countries.tsv'],
  ['capital', 'equal to the capital city of a country in the package'],
  ['ambiguous', 'given to two different countries (any languages)'],
  ['english-word', 'Latin-script name that is an English word'],
];

// Structural filters 1-4, which depend on the name alone.
function structuralDrop(lang, kind, name) {
  if (kind === 'official' && !officialShapeOk(name)) return 'official-shape';
  if (!NAME_CHARS.test(name)) return 'characters';
  if (malformed(name)) return 'malformed';
  if (ONE_CHAR_LANGS.has(lang) && [...name].length === 1) return 'one-char-cjk';
  return null;
}

// Candidate names of one package record, per translation key: the common
// name, then the official one unless it is the same up to case and accents
// (counted as 'duplicate': the line holds each name once).
function candidates(e) {
  const out = [];
  for (const lang of Object.keys(e.translations).sort()) {
    if (!Object.hasOwn(LANGUAGES, lang)) die(`${e.id}: unknown translation language "${lang}" (add it to LANGUAGES)`);
    const t = e.translations[lang] || {};
    const names = [];
    for (const kind of ['common', 'official']) {
      const name = typeof t[kind] === 'string' ? repairName(lang, t[kind]) : '';
      if (name === '') continue;
      const dup = names.some((n) => foldKey(n.name) === foldKey(name));
      names.push({ kind, name, dup });
    }
    out.push({ lang, names });
  }
  return out;
}

// The "+LANG" lines. Filters, applied in this order to each candidate name;
// a name is counted under the first filter that drops it:
//   duplicate, official-shape, characters, malformed, one-char-cjk: see
//     above;
//   overlay: named by an "id<TAB>+LANG<TAB>-Name|..." line of overlay.tsv
//     (exact text as repaired, without "="): curated removals of names that
//     are mostly something else in running text (Chinese and Japanese names
//     are also found inside longer words); a removal that matches no
//     candidate is an error, so stale lines show up;
//   own-english: its fold equals that of the entity's own name or one of its
//     aliases in countries.tsv: it adds nothing (Italian "Russia");
//   other-entity: its fold equals that of the name or an alias (or a "!"
//     phrase) of ANOTHER entity of countries.tsv, historical states included:
//     it would make the other entity's name ambiguous (a translation that is
//     another country's English name or native spelling);
//   capital: its fold equals that of a capital city of a package record
//     (removed ones included): Finnish "Brasilia" for Brazil is the city
//     Brasília in English text, Croatian and Serbian "Tunis" for Tunisia the
//     city Tunis;
//   ambiguous: two different package countries get a name with the same fold
//     (in the same or in different languages, after the structural filters;
//     the countries the overlay removes count too, since the name still names
//     them: "Kongo" for both Congos, the Guinea forms), unless the name is the
//     English name or alias of exactly one of them (the filters above deal
//     with it then);
//   english-word: a Latin-script name whose fold is a word of
//     dictionaries/english-words.txt ("Chad" → Serbian "Čad" = "cad").
// What is left is written as found in the package (after repairName()); Latin- and
// Cyrillic-script names get "=" so they match only with the same letter case:
// country names are capitalized in all these languages, and the lowercase form
// is often an ordinary word there (Turkish "mısır" = corn for Mısır, Egypt;
// Russian "чили" = chili for Чили). Names in scripts without case (Arabic,
// Hangul, Han, kana) keep the default matching.
function translationLines(entities, allPackage, englishWords, removals) {
  const counts = new Map(FILTERS.map(([k]) => [k, 0]));
  const drop = (k) => counts.set(k, counts.get(k) + 1);

  for (const [id, byLang] of removals) {
    const e = entities.get(id);
    const where = [...byLang.values()][0].values().next().value;
    if (!e) die(`${where}: +LANG line for unknown or removed id "${id}"`);
    if (!e.translations) die(`${where}: "${id}" has no package translations`);
  }
  const removalUsed = new Set(); // "id\tcode\tname"

  const capitals = new Set();
  for (const e of allPackage) for (const c of e.capitals) capitals.add(foldKey(c));

  const keysOf = new Map(); // id -> Set of English keys, countries.tsv entities
  for (const e of entities.values()) keysOf.set(e.id, englishKeys(e));
  const keyOwners = new Map(); // English key -> Set of ids, countries.tsv entities
  for (const [id, keys] of keysOf) {
    for (const k of keys) {
      if (!keyOwners.has(k)) keyOwners.set(k, new Set());
      keyOwners.get(k).add(id);
    }
  }

  // Who gets which name: every package record, removed ones included.
  const claims = new Map(); // fold -> Set of package ids
  const pkgEnglish = new Map(); // package id -> its English keys (removed: package names)
  for (const e of allPackage) {
    pkgEnglish.set(e.id, entities.has(e.id) ? keysOf.get(e.id) : englishKeys(e));
    for (const { lang, names } of candidates(e)) {
      for (const n of names) {
        if (n.dup || structuralDrop(lang, n.kind, n.name)) continue;
        const k = foldKey(n.name);
        if (!claims.has(k)) claims.set(k, new Set());
        claims.get(k).add(e.id);
      }
    }
  }
  const ambiguous = (k) => {
    const ids = claims.get(k);
    if (!ids || ids.size < 2) return false;
    // The exception holds only for an owner that stays in countries.tsv
    // (other-entity then drops the name for the others); a removed one
    // leaves nothing to drop it.
    const owners = [...ids].filter((id) => pkgEnglish.get(id).has(k));
    return !(owners.length === 1 && entities.has(owners[0]));
  };

  const lines = [];
  const perLang = new Map(); // ISO 639-1 -> [lines, aliases]
  const ids = [...entities.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    const e = entities.get(id);
    if (!e.translations) continue; // overlay-only entities (historical states)
    const own = keysOf.get(id);
    const removed = removals.get(id) || new Map();
    const rows = [];
    for (const { lang, names } of candidates(e)) {
      const kept = [];
      const removedHere = removed.get(LANGUAGES[lang]) || new Map();
      for (const n of names) {
        const k = foldKey(n.name);
        let why = null;
        if (n.dup) why = 'duplicate';
        else why = structuralDrop(lang, n.kind, n.name);
        if (!why && removedHere.has(n.name)) {
          why = 'overlay';
          removalUsed.add(`${id}\t${LANGUAGES[lang]}\t${n.name}`);
        }
        if (!why && own.has(k)) why = 'own-english';
        if (!why && [...(keyOwners.get(k) || [])].some((o) => o !== id)) why = 'other-entity';
        if (!why && capitals.has(k)) why = 'capital';
        if (!why && ambiguous(k)) why = 'ambiguous';
        const latin = /\p{Script=Latin}/u.test(n.name);
        const cased = latin || /\p{Script=Cyrillic}/u.test(n.name);
        if (!why && latin && englishWords.has(k)) why = 'english-word';
        if (why) {
          drop(why);
          continue;
        }
        kept.push(cased ? `=${n.name}` : n.name);
      }
      if (kept.length === 0) continue;
      rows.push([LANGUAGES[lang], kept]);
    }
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [code, kept] of rows) {
      for (const a of kept) {
        if (/[\t\n|]/.test(a)) die(`${id}: bad translated alias "${a}"`);
      }
      lines.push(`${id}\t+${code}\t${kept.join('|')}`);
      const c = perLang.get(code) || [0, 0];
      perLang.set(code, [c[0] + 1, c[1] + kept.length]);
    }
  }
  for (const [id, byLang] of removals) {
    for (const [code, names] of byLang) {
      for (const [name, where] of names) {
        if (!removalUsed.has(`${id}\t${code}\t${name}`)) {
          die(`${where}: "${id}" has no +${code} name "${name}" left to remove (exact text, no "=")`);
        }
      }
    }
  }
  return { lines, counts, perLang };
}

function readWords(path) {
  const words = new Set();
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const w = raw.trim();
    if (w === '' || w.startsWith('#')) continue;
    words.add(foldKey(w));
  }
  return words;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const records = JSON.parse(readFileSync(args.data, 'utf8'));
  const entities = new Map();
  for (const rec of records) {
    const e = fromPackage(rec);
    if (entities.has(e.id)) die(`duplicate id "${e.id}" from the package (add an ID_OVERRIDES entry)`);
    entities.set(e.id, e);
  }
  const allPackage = [...entities.values()]; // removed ones too, for the ambiguity filter
  const removals = applyOverlay(entities, readFileSync(args.overlay, 'utf8'), 'overlay.tsv');

  const ids = [...entities.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const header = [
    `# countries.tsv: generated by scripts/countries/generate.sh from world-countries@${args.version} (ODbL-1.0) + scripts/countries/overlay.tsv; do not edit by hand.`,
    '# world-countries (names, translated names, codes, demonyms) is licensed under the Open Database License (ODbL-1.0); this file is a database derived from it under the same licence.',
    '# columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes',
    '#   aliases: |-separated; ALL-CAPS aliases match case-sensitively; =Alias forces a case-sensitive match;',
    '#            ^Alias counts only when the same entity is also named in the document by another alias;',
    '#            !Phrase is not the entity although it contains an alias (!New Mexico): it blocks that alias.',
    '#   attributes: ;-separated key=value: iso2, iso3 (ISO 3166-1), wikidata, un=member|observer|none (today),',
    '#               status=sovereign|partially-recognized|territory|constituent-country|historical, historical=true',
    '# After the entities: id<TAB>+LANG<TAB>aliases lines, names of the entity in language LANG (ISO 639-1) from the',
    "#   package's translations, filtered for precision by generate.mjs and overlay.tsv (no name equal to an English alias,",
    '#   shared by two countries or equal to an English word); =Alias (Latin script) matches only with the same letter case.',
  ];
  const body = ids.map((id) => finish(entities.get(id)));
  const tr = translationLines(entities, allPackage, readWords(args.words), removals);
  const trHeader =
    `# Names in other languages (id<TAB>+LANG<TAB>aliases, LANG = ISO 639-1) from world-countries@${args.version} translations; filters in generate.mjs, removals in overlay.tsv.`;
  process.stdout.write(`${header.join('\n')}\n${body.join('\n')}\n${trHeader}\n${tr.lines.join('\n')}\n`);
  process.stderr.write(`generate.mjs: ${ids.length} entities\n`);
  const nAliases = [...tr.perLang.values()].reduce((n, [, a]) => n + a, 0);
  process.stderr.write(`generate.mjs: ${tr.lines.length} translation lines, ${nAliases} aliases\n`);
  for (const code of [...tr.perLang.keys()].sort()) {
    const [l, a] = tr.perLang.get(code);
    process.stderr.write(`generate.mjs:   +${code}: ${l} lines, ${a} aliases\n`);
  }
  process.stderr.write('generate.mjs: translated names dropped, by first filter:\n');
  for (const [k, what] of FILTERS) {
    process.stderr.write(`generate.mjs:   ${k}: ${tr.counts.get(k)} (${what})\n`);
  }
}

main();
