// Loads a .cyjs file into headless Cytoscape.js and prints what it holds, for
// tests/tools/node.rs. Cytoscape.js throws on an edge whose source or target is missing and on a
// repeated id; the dangling count is a second look.
//
//   node cytoscape.cjs FILE.cyjs
'use strict';

const fs = require('node:fs');
const cytoscape = require('cytoscape');
const file = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({ headless: true, elements: file.elements });
const missing = (id) => cy.getElementById(id).empty();
console.log(JSON.stringify({
  nodes: cy.nodes().map((n) => [n.id(), n.data('label'), n.data('type')]),
  edges: cy.edges().map((e) => [e.source().id(), e.target().id(), e.data('weight')]),
  dangling: cy.edges().filter((e) => missing(e.data('source')) || missing(e.data('target'))).length,
}));
