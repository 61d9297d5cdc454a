#!/usr/bin/env node
// scripts/countries/generate.mjs — build dictionaries/countries.tsv.
//
// Run it through generate.sh, which installs the pinned world-countries
// package into a temporary directory and passes its countries.json here:
//
//   node generate.mjs --data PATH/countries.json --overlay overlay.tsv \
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
//      attributes and adds entities the package lacks.
//   3. Checks the result (id syntax, unique ids, non-empty and well-formed
//      aliases) and prints the file: header comment, then one line per
//      entity sorted by id. No timestamps, no locale-dependent sorting, so
//      the same inputs always give the same bytes.
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
  for (const k of ['data', 'overlay', 'version']) if (!args[k]) die(`missing --${k}`);
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

function applyOverlay(entities, text, file) {
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

function main() {
  const args = parseArgs(process.argv.slice(2));
  const records = JSON.parse(readFileSync(args.data, 'utf8'));
  const entities = new Map();
  for (const rec of records) {
    const e = fromPackage(rec);
    if (entities.has(e.id)) die(`duplicate id "${e.id}" from the package (add an ID_OVERRIDES entry)`);
    entities.set(e.id, e);
  }
  applyOverlay(entities, readFileSync(args.overlay, 'utf8'), 'overlay.tsv');

  const ids = [...entities.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const header = [
    `# countries.tsv: generated by scripts/countries/generate.sh from world-countries@${args.version} (ODbL-1.0) + scripts/countries/overlay.tsv; do not edit by hand.`,
    '# world-countries (names, codes, demonyms) is licensed under the Open Database License (ODbL-1.0); this file is a database derived from it under the same licence.',
    '# columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes',
    '#   aliases: |-separated; ALL-CAPS aliases match case-sensitively; =Alias forces a case-sensitive match;',
    '#            ^Alias counts only when the same entity is also named in the document by another alias;',
    '#            !Phrase is not the entity although it contains an alias (!New Mexico): it blocks that alias.',
    '#   attributes: ;-separated key=value: iso2, iso3 (ISO 3166-1), wikidata, un=member|observer|none (today),',
    '#               status=sovereign|partially-recognized|territory|constituent-country|historical, historical=true',
  ];
  const body = ids.map((id) => finish(entities.get(id)));
  process.stdout.write(`${header.join('\n')}\n${body.join('\n')}\n`);
  process.stderr.write(`generate.mjs: ${ids.length} entities\n`);
}

main();
