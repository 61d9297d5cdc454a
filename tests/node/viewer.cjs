// Drives graph.html in headless Chromium for tests/tools/chromium.rs and prints what a
// person would see as one JSON object; the Rust test holds the expectations.
//
//   node viewer.cjs '<plan as JSON>'
//
// plan: { html, chromium, profile, screenshots: [{path, state}], labels, showAll, zoom, unlinked, search,
//         queries, clickNode, clickEdge: [a, b], showcase, panelOf, hideKind, minWeight }; each
//         step runs when its key is present, in this order, and screenshots are taken at the
//         states initial, all, zoomed, edge and showcase.
// playwright-core comes from tests/node/node_modules (`npm ci --prefix tests/node`).
'use strict';

const { chromium } = require('playwright-core');
const { pathToFileURL } = require('url');

const plan = JSON.parse(process.argv[2]);

async function main() {
  const context = await chromium.launchPersistentContext(plan.profile, {
    executablePath: plan.chromium,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-quic', '--disable-sync'
    ],
    viewport: { width: 1400, height: 860 },
    deviceScaleFactor: 1
  });
  const report = { errors: [], requests: [] };
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on('pageerror', (e) => report.errors.push('pageerror: ' + e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') { report.errors.push(m.type() + ': ' + m.text()); }
    });
    page.on('request', (r) => report.requests.push(r.url().slice(0, 200)));
    await page.goto(pathToFileURL(plan.html).href);
    await page.waitForFunction(() => window.kgxViewer && window.kgxViewer.ready, null, { timeout: 60000 });

    // What is drawn: element counts, labels, and how much of the canvas is painted.
    Object.assign(report, await page.evaluate(() => {
      const cy = window.kgxViewer.cy;
      let painted = 0;
      let total = 0;
      for (const canvas of document.querySelectorAll('#graph canvas')) {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        total = Math.max(total, canvas.width * canvas.height);
        for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) { painted++; } }
      }
      const box = cy.elements().renderedBoundingBox();
      return {
        nodeCount: cy.nodes().length,
        edgeCount: cy.edges().length,
        visibleNodes: cy.nodes(':visible').length,
        labels: cy.nodes().map((n) => n.data('label')),
        painted, canvasPixels: total,
        graphBox: { w: Math.round(box.w), h: Math.round(box.h) },
        viewport: { w: cy.width(), h: cy.height() },
        summary: document.getElementById('summary').textContent,
        kindLabels: Array.from(document.querySelectorAll('#kinds label')).map((l) => l.textContent)
      };
    }));
    await shoot(page, 'initial');

    if (plan.labels) {
      // When the page was first drawn (ms since navigation), and its labels.
      report.firstPaint = await page.evaluate(() => window.kgxViewer.firstPaint);
      report.labelsInitial = await labelReport(page);
    }

    if (plan.showAll) {
      await page.check('#show-all');
      await settleLabels(page);
      report.showAll = await page.evaluate(() => {
        const cy = window.kgxViewer.cy;
        return { visibleNodes: cy.nodes(':visible').length, visibleEdges: cy.edges(':visible').length };
      });
      report.showAll.labels = await labelReport(page);
      await shoot(page, 'all');
    }

    if (plan.zoom) {
      await page.evaluate((factor) => {
        const cy = window.kgxViewer.cy;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      }, plan.zoom);
      await settleLabels(page);
      report.zoomed = await labelReport(page);
      await shoot(page, 'zoomed');
    }

    if (plan.unlinked) {
      await page.check('#unlinked');
      await settle(page);
      report.unlinked = await page.evaluate(() => window.kgxViewer.cy.nodes(':visible').length);
      await page.uncheck('#unlinked');
      await settle(page);
    }

    if (plan.search) {
      await page.fill('#search', plan.search);
      await page.press('#search', 'Enter');
      await settle(page);
      report.search = await page.evaluate(() => {
        const cy = window.kgxViewer.cy;
        const selected = cy.nodes(':selected');
        const at = selected.length ? selected[0].renderedPosition() : { x: NaN, y: NaN };
        return {
          selected: selected.map((n) => n.id()),
          offset: Math.hypot(at.x - cy.width() / 2, at.y - cy.height() / 2),
          title: document.querySelector('#details h2').textContent
        };
      });
    }

    if (plan.queries) {
      // More searches through the box: what each one selects (null: nothing) and the status line.
      report.queries = {};
      for (const query of plan.queries) {
        await page.evaluate(() => { window.kgxViewer.cy.elements().unselect(); });
        await page.fill('#search', query);
        await page.press('#search', 'Enter');
        report.queries[query] = await page.evaluate(() => ({
          selected: window.kgxViewer.cy.nodes(':selected').map((n) => n.id())[0] || null,
          status: document.getElementById('search-status').textContent
        }));
      }
    }

    if (plan.clickNode) {
      // A real mouse click where the node is drawn.
      await page.evaluate(() => { window.kgxViewer.cy.fit(undefined, 30); });
      const point = await renderedPoint(page, plan.clickNode, null);
      await page.mouse.click(point.x, point.y);
      await settle(page);
      report.node = await panel(page, '#node-links li');
    }

    if (plan.clickEdge) {
      await page.evaluate(() => { window.kgxViewer.cy.fit(undefined, 30); });
      const point = await renderedPoint(page, plan.clickEdge[0], plan.clickEdge[1]);
      await page.mouse.click(point.x, point.y);
      await settle(page);
      report.edge = await panel(page, '#edge-evidence li');
      await shoot(page, 'edge');
    }

    if (plan.showcase) {
      // The picture for the README: an entity found by name, its links listed.
      await page.fill('#search', plan.showcase);
      await page.press('#search', 'Enter');
      await settle(page);
      await shoot(page, 'showcase');
    }

    if (plan.panelOf) {
      // Every node's panel, opened through Cytoscape's own tap event.
      report.panels = await page.evaluate(() => {
        const cy = window.kgxViewer.cy;
        return cy.nodes().map((n) => {
          n.emit('tap');
          return document.getElementById('details').textContent;
        });
      });
      report.injected = await page.evaluate(() => document.querySelectorAll('co').length);
    }

    if (plan.hideKind) {
      await page.uncheck(`#kinds input[value="${plan.hideKind}"]`);
      await settle(page);
      report.hideKind = await page.evaluate(() => {
        const cy = window.kgxViewer.cy;
        return {
          hidden: cy.nodes().filter((n) => n.hidden()).map((n) => n.id()),
          hiddenEdges: cy.edges().filter((e) => e.hidden()).length,
          status: document.getElementById('filter-status').textContent
        };
      });
      await page.check(`#kinds input[value="${plan.hideKind}"]`);
    }

    if (plan.minWeight) {
      await page.$eval('#min-weight', (slider, value) => {
        slider.value = String(value);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      }, plan.minWeight);
      await settle(page);
      report.minWeight = await page.evaluate(() => {
        const cy = window.kgxViewer.cy;
        return {
          visibleEdgeWeights: cy.edges().filter((e) => e.visible()).map((e) => e.data('weight')),
          visibleNodes: cy.nodes().filter((n) => n.visible()).map((n) => n.id())
        };
      });
    }
  } finally {
    await context.close();
  }
  process.stdout.write(JSON.stringify(report));
}

// The labels shown (not waiting for hover or zoom) and every pair of them whose boxes, as
// Cytoscape itself measures them on screen, overlap by more than half a pixel.
async function labelReport(page) {
  return page.evaluate(() => {
    const cy = window.kgxViewer.cy;
    const shown = cy.nodes(':visible').filter((n) => !n.hasClass('quiet') && n.data('label'));
    const boxes = shown.map((n) => ({
      id: n.id(),
      box: n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })
    }));
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
        const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (w > 0.5 && h > 0.5) { overlaps.push([boxes[i].id, boxes[j].id]); }
      }
    }
    const onScreen = boxes.filter(({ box }) => box.x2 > 0 && box.x1 < cy.width() && box.y2 > 0 && box.y1 < cy.height());
    return { shown: boxes.length, onScreen: onScreen.length, overlaps: overlaps.slice(0, 20), overlapCount: overlaps.length };
  });
}

// Labels are placed again a moment after the view changes; wait for that, then two frames.
async function settleLabels(page) {
  await page.waitForTimeout(200);
  await settle(page);
}

// Cytoscape applies style changes on its next frame; wait for two.
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function shoot(page, state) {
  for (const shot of plan.screenshots || []) {
    if (shot.state === state) { await page.screenshot({ path: shot.path }); }
  }
}

// Page coordinates of a node (b null) or of the middle of the edge a–b.
async function renderedPoint(page, a, b) {
  const point = await page.evaluate(([a, b]) => {
    const cy = window.kgxViewer.cy;
    const target = b === null ? cy.$id(a) : cy.$id(a).edgesWith(cy.$id(b));
    if (!target.length) { return null; }
    // The first point along the node's centre or the edge's line (from its middle outwards)
    // where the element is what a click hits, by Cytoscape's own hit test.
    const from = b === null ? target.position() : target.sourceEndpoint();
    const to = b === null ? target.position() : target.targetEndpoint();
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const model = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
      const hit = cy.renderer().findNearestElement(model.x, model.y, true, false);
      if (hit && hit.same(target[0])) {
        const pan = cy.pan();
        const zoom = cy.zoom();
        const box = cy.container().getBoundingClientRect();
        return { x: box.left + pan.x + model.x * zoom, y: box.top + pan.y + model.y * zoom };
      }
    }
    return null;
  }, [a, b]);
  if (!point) { throw new Error(`no point where a click hits ${a} ${b}`); }
  return point;
}

// The side panel after a click: its title and the text of each row of `rows`.
async function panel(page, rows) {
  return page.evaluate((rows) => ({
    selected: window.kgxViewer.cy.elements(':selected').map((e) => e.isNode() ? e.id() : e.source().id() + '|' + e.target().id()),
    title: document.querySelector('#details h2').textContent,
    rows: Array.from(document.querySelectorAll(rows)).map((li) => ({
      weight: (li.querySelector('.weight') || {}).textContent,
      name: (li.querySelector('.name') || {}).textContent,
      kind: (li.querySelector('.kind') || {}).textContent,
      document: (li.querySelector('.document') || {}).textContent,
      text: (li.querySelector('.text') || {}).textContent
    }))
  }), rows);
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
