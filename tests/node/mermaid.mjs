// Parses a Mermaid file with Mermaid (jsdom gives it the DOM its parser needs; Mermaid's
// command-line renderer would need a browser) and prints its nodes and links, for
// tests/tools/node.rs. Labels are decoded as a browser shows them: Mermaid hides entity codes
// from its parser (`#quot;` becomes `ﬂ°quot¶ß`) and turns them into HTML entities when it
// renders, which the browser decodes.
//
//   node mermaid.mjs FILE.mmd
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const text = readFileSync(process.argv[2], 'utf8');
const parsed = await mermaid.parse(text);
const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
const decode = (s) => {
  const area = dom.window.document.createElement('textarea');
  area.innerHTML = s.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  return area.value;
};
console.log(JSON.stringify({
  type: parsed.diagramType,
  nodes: [...db.getVertices().values()].map((v) => [v.id, decode(v.text), v.classes]),
  links: db.getEdges().map((e) => [e.start, e.end, e.text]),
  widths: db.getEdges().map((e) => (e.style ?? []).find((s) => s.startsWith('stroke-width:')) ?? null),
}));
