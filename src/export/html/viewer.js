// kgx graph viewer: reads the graph from the JSON block written by src/export/html.rs and shows
// it with Cytoscape.js. Every name, id and sentence from the graph reaches the page through
// textContent or Cytoscape's canvas labels, never as markup.
(function () {
  'use strict';

  var KINDS = {
    person: { color: '#fdb462', shape: 'ellipse', plural: 'people' },
    country: { color: '#80b1d3', shape: 'round-rectangle', plural: 'countries' },
    organization: { color: '#b3de69', shape: 'hexagon', plural: 'organizations' }
  };
  var OTHER_KIND = { color: '#cccccc', shape: 'ellipse', plural: 'other' };
  // Labels narrower than this are written whole; longer ones end with an ellipsis.
  var LABEL_MAX_WIDTH = 240;
  // Cytoscape does not draw a label smaller than this on screen.
  var MIN_LABEL_PIXELS = 7;
  // Space kept free around each label, in screen pixels.
  var LABEL_GAP = 3;

  var data = JSON.parse(document.getElementById('kgx-graph').textContent);
  var nodes = data.nodes;
  var links = data.links;

  function kindOf(kind) {
    return Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind] : OTHER_KIND;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  // Sizes: the diameter comes with the data (kgx computes it, as the layout needs it); labels
  // grow with the logarithm of the mentions, line width with the logarithm of the weight (as
  // the pen width of graph.dot).
  function fontSize(mentions) {
    return Math.min(20, Math.round(11 + 1.2 * Math.log2(Math.max(1, mentions))));
  }
  function edgeWidth(weight) {
    return 1 + 1.5 * Math.log2(Math.max(1, weight));
  }

  // The readable view, when the graph is too large to read whole: the page opens on it, and
  // "Show all" draws everything (each has its own layout, computed by kgx).
  var view = data.graph.view || null;
  var showAll = !view;

  function positionOf(n) {
    return !showAll && n.view ? { x: n.view[0], y: n.view[1] } : { x: n.x, y: n.y };
  }

  // Label priority: the entities most linked in the whole graph keep their labels first.
  var strength = nodes.map(function () { return 0; });
  links.forEach(function (l) {
    strength[l.a] += l.weight;
    strength[l.b] += l.weight;
  });

  // Cytoscape elements. Our own data keys avoid Cytoscape's (id, source, target, parent): the
  // JSON calls them key, a and b, and only this function maps them.
  var elements = [];
  nodes.forEach(function (n, i) {
    var kind = kindOf(n.kind);
    elements.push({
      group: 'nodes',
      position: positionOf(n),
      data: {
        id: n.key, label: n.name, kind: n.kind, mentions: n.mentions, index: i,
        color: kind.color, shape: kind.shape, size: n.size, font: fontSize(n.mentions),
        labelMax: LABEL_MAX_WIDTH,
        inView: Boolean(n.view), linked: strength[i] > 0
      }
    });
  });
  var minWeight = Infinity;
  var maxWeight = 1;
  links.forEach(function (l, i) {
    minWeight = Math.min(minWeight, l.weight);
    maxWeight = Math.max(maxWeight, l.weight);
    elements.push({
      group: 'edges',
      data: {
        source: nodes[l.a].key, target: nodes[l.b].key, weight: l.weight, index: i,
        width: edgeWidth(l.weight), inView: Boolean(l.view)
      }
    });
  });
  if (!isFinite(minWeight)) { minWeight = 1; }

  var FONT = 'system-ui, "Liberation Sans", "DejaVu Sans", sans-serif';
  var cy = cytoscape({
    container: document.getElementById('graph'),
    elements: elements,
    // Positions come with the data (kgx lays the graph out): nothing to compute here.
    layout: { name: 'preset', fit: false },
    minZoom: 0.05,
    maxZoom: 6,
    boxSelectionEnabled: false,
    selectionType: 'single',
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)', shape: 'data(shape)',
          width: 'data(size)', height: 'data(size)',
          'border-width': 1, 'border-color': '#555',
          label: 'data(label)', 'font-family': FONT, 'font-size': 'data(font)', color: '#1f2328',
          'text-wrap': 'ellipsis', 'text-max-width': 'data(labelMax)',
          'text-valign': 'bottom', 'text-margin-y': 2,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
          'text-background-padding': 1, 'text-background-shape': 'round-rectangle',
          'min-zoomed-font-size': MIN_LABEL_PIXELS
        }
      },
      // A label that would cover a more central entity's label waits for hover or zoom; the
      // labelled entities are drawn above the others, so no body hides a label.
      { selector: 'node', style: { 'z-index': 2 } },
      { selector: 'node.quiet', style: { label: '', 'z-index': 1 } },
      { selector: 'node.quiet.hover, node.quiet:selected', style: { label: 'data(label)', 'z-index': 20 } },
      {
        selector: 'edge',
        style: {
          width: 'data(width)', 'line-color': '#8c959f', opacity: 0.45, 'curve-style': 'straight'
        }
      },
      {
        selector: 'node:selected',
        style: { 'border-width': 3, 'border-color': '#c2185b', 'z-index': 10 }
      },
      {
        selector: 'edge:selected',
        style: { 'line-color': '#c2185b', opacity: 1, 'z-index': 10 }
      },
      { selector: 'node.faded', style: { opacity: 0.2 } },
      { selector: 'edge.faded', style: { opacity: 0.06 } },
      { selector: 'edge.near', style: { opacity: 0.8, 'line-color': '#57606a' } },
      { selector: '.filtered', style: { display: 'none' } }
    ]
  });

  var details = document.getElementById('details');
  var edgeByIndex = cy.edges().toArray();

  // ---- Header, legend counts, search list ----

  var kindCounts = {};
  nodes.forEach(function (n) { kindCounts[n.kind] = (kindCounts[n.kind] || 0) + 1; });
  document.getElementById('summary').textContent = [
    plural(nodes.length, 'entity', 'entities'),
    plural(links.length, 'link', 'links'),
    plural(data.graph.documents, 'document', 'documents'),
    'window: ' + data.graph.window,
    data.graph.generator
  ].join(' · ');

  var names = document.getElementById('names');
  nodes.forEach(function (n) {
    var option = document.createElement('option');
    option.value = n.name;
    names.appendChild(option);
  });

  // ---- Filters ----

  var kindBoxes = {};
  var kindsDiv = document.getElementById('kinds');
  Object.keys(KINDS).concat(Object.keys(kindCounts).filter(function (k) {
    return !Object.prototype.hasOwnProperty.call(KINDS, k);
  })).forEach(function (kind) {
    var label = el('label');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.value = kind;
    box.addEventListener('change', applyFilters);
    kindBoxes[kind] = box;
    var swatch = el('span', 'swatch ' + (KINDS[kind] ? kind : ''));
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el('span', null, kind));
    label.appendChild(el('span', 'count', kindCounts[kind] || 0));
    kindsDiv.appendChild(label);
  });

  var slider = document.getElementById('min-weight');
  slider.min = String(minWeight);
  slider.max = String(Math.max(minWeight, maxWeight));
  slider.value = String(minWeight);
  slider.disabled = maxWeight <= minWeight;
  slider.addEventListener('input', applyFilters);

  function kindShown(kind) {
    var box = kindBoxes[kind];
    return !box || box.checked;
  }

  var unlinkedBox = document.getElementById('unlinked');
  var unlinkedCount = nodes.filter(function (n, i) { return strength[i] === 0; }).length;
  document.getElementById('unlinked-count').textContent = String(unlinkedCount);
  unlinkedBox.addEventListener('change', applyFilters);

  var allBox = document.getElementById('show-all');
  if (view) {
    document.getElementById('view-controls').hidden = false;
    document.getElementById('all-count').textContent = plural(nodes.length, 'entity', 'entities');
    allBox.checked = false;
    allBox.addEventListener('change', function () { setShowAll(allBox.checked); });
  }

  function inScope(element) {
    return showAll || element.data('inView');
  }

  // An edge is shown when it is in scope (the readable view, or everything), strong enough, and
  // both ends are of a shown type; a node when it is in scope, its type is shown, and it keeps a
  // shown edge (or entities without links are asked for): thinning the links also clears away
  // the entities they leave alone, and positions never overlap, so what is left stays tidy.
  function applyFilters() {
    var threshold = Number(slider.value);
    document.getElementById('min-weight-value').textContent = String(threshold);
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var shown = inScope(e) && e.data('weight') >= threshold &&
          kindShown(e.source().data('kind')) && kindShown(e.target().data('kind'));
        e.toggleClass('filtered', !shown);
      });
      cy.nodes().forEach(function (n) {
        var shown = inScope(n) && kindShown(n.data('kind')) && (unlinkedBox.checked ||
          n.connectedEdges().some(function (e) { return !e.hasClass('filtered'); }));
        n.toggleClass('filtered', !shown);
      });
    });
    var shownNodes = cy.nodes().not('.filtered').length;
    var shownEdges = cy.edges().not('.filtered').length;
    document.getElementById('filter-status').textContent = 'showing ' +
      plural(shownNodes, 'entity', 'entities') + ' of ' + nodes.length + ', ' +
      plural(shownEdges, 'link', 'links') + ' of ' + links.length;
    placeLabels();
    refreshPanel();
  }

  // Between the readable view and the whole graph: each has its own layout.
  function setShowAll(on) {
    showAll = on;
    allBox.checked = on;
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.position(positionOf(nodes[n.data('index')])); });
    });
    applyFilters();
    fitView();
  }

  // ---- Labels: the most central first, none covering another ----
  //
  // Labels keep one size on screen whatever the zoom (their size in the graph's units is set
  // at each zoom), so zooming in spreads the entities apart under labels of the same size and
  // more of them fit. Entities are taken in order of strength (the sum of their link weights),
  // then mentions (those in focus first); each visible one on screen gets its label unless the label's box would
  // touch a box already placed, in which case it waits (class `quiet`) for hover, selection or
  // more zoom. Boxes are measured with the canvas text metrics Cytoscape draws with.
  // The entities in focus (a selection and its neighbours) get their labels first.
  var focused = [];
  var labelOrder = cy.nodes().toArray().sort(function (x, y) {
    var i = x.data('index');
    var j = y.data('index');
    return strength[j] - strength[i] || nodes[j].mentions - nodes[i].mentions || i - j;
  });
  var measure = document.createElement('canvas').getContext('2d');
  var textWidths = {};

  function textWidth(node) {
    var key = node.data('index');
    if (!Object.prototype.hasOwnProperty.call(textWidths, key)) {
      measure.font = fontSize(node.data('mentions')) + 'px ' + FONT;
      textWidths[key] = measure.measureText(node.data('label')).width;
    }
    return textWidths[key];
  }

  function placeLabels() {
    var zoom = cy.zoom();
    var pan = cy.pan();
    var width = cy.width();
    var height = cy.height();
    var cell = 64;
    var grid = {};
    function cells(box, visit) {
      for (var gx = Math.floor(box.x1 / cell); gx <= Math.floor(box.x2 / cell); gx++) {
        for (var gy = Math.floor(box.y1 / cell); gy <= Math.floor(box.y2 / cell); gy++) {
          if (visit(gx + ',' + gy) === false) { return false; }
        }
      }
      return true;
    }
    cy.batch(function () {
      var first = {};
      focused.forEach(function (node) { first[node.id()] = true; });
      focused.concat(labelOrder.filter(function (node) { return !first[node.id()]; })).forEach(function (node) {
        var screenFont = fontSize(node.data('mentions'));
        if (node.data('font') !== screenFont / zoom) {
          node.data({ font: screenFont / zoom, labelMax: LABEL_MAX_WIDTH / zoom });
        }
        if (node.hasClass('filtered')) { return; }
        var at = node.position();
        var x = at.x * zoom + pan.x;
        var y = at.y * zoom + pan.y;
        var w = Math.min(textWidth(node), LABEL_MAX_WIDTH) + 2 + 2 * LABEL_GAP;
        var top = y + node.data('size') * zoom / 2 + 2 * zoom;
        var box = {
          x1: x - w / 2, x2: x + w / 2,
          y1: top - LABEL_GAP, y2: top + screenFont * 1.3 + 2 + LABEL_GAP
        };
        var onScreen = box.x2 > 0 && box.x1 < width && box.y2 > 0 && box.y1 < height;
        var free = onScreen && cells(box, function (key) {
          return !(grid[key] || []).some(function (other) {
            return box.x1 < other.x2 && other.x1 < box.x2 && box.y1 < other.y2 && other.y1 < box.y2;
          });
        });
        if (free) {
          // The label, and the entity it names, are kept clear of the labels placed after.
          var r = node.data('size') * zoom / 2;
          var body = { x1: x - r, x2: x + r, y1: y - r, y2: y + r };
          [box, body].forEach(function (b) {
            cells(b, function (key) { (grid[key] = grid[key] || []).push(b); });
          });
        }
        node.toggleClass('quiet', !free);
      });
    });
  }

  var labelTimer = null;
  cy.on('viewport', function () {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(placeLabels, 60);
  });
  cy.on('mouseover', 'node', function (event) { event.target.addClass('hover'); });
  cy.on('mouseout', 'node', function (event) { event.target.removeClass('hover'); });

  // ---- Selection and the side panel ----

  var current = null; // { node } or { edge } shown in the panel

  function focusOn(collection) {
    cy.batch(function () {
      cy.elements().removeClass('faded near');
      if (collection) {
        cy.elements().not(collection).addClass('faded');
        collection.edges().addClass('near');
      }
    });
    focused = collection ? collection.nodes().toArray() : [];
    placeLabels();
  }

  function intro() {
    current = null;
    details.replaceChildren();
    details.appendChild(el('h2', null, 'Details'));
    details.appendChild(el('p', 'hint',
      'Click an entity to list its links, strongest first, or a link to read the sentences ' +
      'that connect its two entities.'));
    var top = links.map(function (l, i) { return i; })
      .sort(function (x, y) { return links[y].weight - links[x].weight || x - y; })
      .slice(0, 10);
    if (top.length) {
      details.appendChild(el('h3', null, 'Strongest links'));
      var list = el('ol', 'links');
      top.forEach(function (i) {
        var l = links[i];
        list.appendChild(linkRow(l.weight, nodes[l.a].name + ' – ' + nodes[l.b].name, null,
          function () { selectEdge(edgeByIndex[i]); }, edgeByIndex[i]));
      });
      details.appendChild(list);
    }
  }

  function linkRow(weight, name, kind, onClick, edge) {
    var li = el('li');
    if (edge && edge.hasClass('filtered')) { li.className = 'hidden-by-filter'; }
    var button = el('button');
    button.type = 'button';
    button.appendChild(el('span', 'weight', weight));
    button.appendChild(el('span', 'name', name));
    if (kind) { button.appendChild(el('span', 'kind', kind)); }
    button.addEventListener('click', onClick);
    li.appendChild(button);
    return li;
  }

  function entityButton(node) {
    var button = el('button', 'entity', node.data('label'));
    button.type = 'button';
    button.addEventListener('click', function () { selectNode(node, false); });
    return button;
  }

  function showNode(node) {
    current = { node: node };
    var n = nodes[node.data('index')];
    details.replaceChildren();
    details.appendChild(el('h2', null, n.name));
    var meta = n.kind + ' · ' + plural(n.mentions, 'mention', 'mentions') + ' in ' +
      plural(n.documents.length, 'document', 'documents');
    if (n.community !== null && n.community !== undefined) { meta += ' · community ' + n.community; }
    details.appendChild(el('p', 'meta', meta));

    var table = el('table', 'attributes');
    var rows = [['id', n.key]].concat(Object.keys(n.attributes).map(function (k) {
      return [k, n.attributes[k]];
    }));
    rows.forEach(function (row) {
      var tr = el('tr');
      tr.appendChild(el('td', null, row[0]));
      tr.appendChild(el('td', null, row[1]));
      table.appendChild(tr);
    });
    details.appendChild(table);

    // Strongest first, ties by id: the order of `kgx links`.
    var edges = node.connectedEdges().toArray().map(function (e) {
      return { edge: e, other: e.source().same(node) ? e.target() : e.source() };
    }).sort(function (x, y) {
      return y.edge.data('weight') - x.edge.data('weight') ||
        (x.other.id() < y.other.id() ? -1 : x.other.id() > y.other.id() ? 1 : 0);
    });
    details.appendChild(el('h3', null, plural(edges.length, 'link', 'links')));
    var list = el('ol', 'links');
    list.id = 'node-links';
    edges.forEach(function (x) {
      list.appendChild(linkRow(x.edge.data('weight'), x.other.data('label'), x.other.data('kind'),
        function () { selectEdge(x.edge); }, x.edge));
    });
    details.appendChild(list);
    if (!edges.length) { details.appendChild(el('p', 'hint', 'No links.')); }

    details.appendChild(el('h3', null, 'Documents'));
    var docs = el('ol', 'evidence');
    n.documents.forEach(function (d) { docs.appendChild(el('li', 'document', d)); });
    details.appendChild(docs);
  }

  function showEdge(edge) {
    current = { edge: edge };
    var l = links[edge.data('index')];
    details.replaceChildren();
    var title = el('h2');
    title.appendChild(entityButton(edge.source()));
    title.appendChild(document.createTextNode(' – '));
    title.appendChild(entityButton(edge.target()));
    details.appendChild(title);
    var meta = 'weight ' + l.weight + ': ' + plural(l.weight, 'window', 'windows') + ' in ' +
      plural(l.documents, 'document', 'documents');
    if (data.graph.measure && l.score !== undefined && l.score !== null) {
      meta += ' · ' + data.graph.measure + ' ' + l.score.toFixed(3);
    }
    details.appendChild(el('p', 'meta', meta));
    details.appendChild(el('h3', null, 'Evidence'));
    var list = el('ol', 'evidence');
    list.id = 'edge-evidence';
    l.evidence.forEach(function (ev) {
      var li = el('li');
      li.appendChild(el('div', 'document', ev.document + ' (bytes ' + ev.start + '–' + ev.end + ')'));
      li.appendChild(el('blockquote', 'text', ev.text));
      list.appendChild(li);
    });
    details.appendChild(list);
    if (l.evidence.length < l.weight) {
      details.appendChild(el('p', 'hint', 'Showing the first ' + l.evidence.length + ' of ' +
        plural(l.weight, 'window', 'windows') + ' (kgx extract --evidence K keeps more).'));
    }
  }

  function refreshPanel() {
    if (current && current.node) { showNode(current.node); } else if (current && current.edge) {
      showEdge(current.edge);
    } else { intro(); }
  }

  function selectNode(node, centre) {
    cy.elements().unselect();
    node.select();
    focusOn(node.closedNeighborhood());
    showNode(node);
    if (centre) {
      // The node in the middle, zoomed to show its links (but no closer than 1.5).
      var at = node.position();
      var zoom = Math.max(cy.minZoom(),
        Math.min(1.5, zoomAround(at, node.closedNeighborhood().filter(':visible'))));
      // (cy.center would centre the node with its label.)
      cy.viewport({ zoom: zoom, pan: { x: cy.width() / 2 - at.x * zoom, y: cy.height() / 2 - at.y * zoom } });
    }
  }

  // The largest zoom at which `collection` fits in the view with `at` in the middle.
  function zoomAround(at, collection) {
    var box = collection.boundingBox({ includeLabels: true });
    var padding = 30;
    var dx = Math.max(at.x - box.x1, box.x2 - at.x, 1);
    var dy = Math.max(at.y - box.y1, box.y2 - at.y, 1);
    return Math.min((cy.width() / 2 - padding) / dx, (cy.height() / 2 - padding) / dy);
  }

  function selectEdge(edge) {
    cy.elements().unselect();
    edge.select();
    focusOn(edge.union(edge.connectedNodes()));
    showEdge(edge);
  }

  cy.on('tap', 'node', function (event) { selectNode(event.target, false); });
  cy.on('tap', 'edge', function (event) { selectEdge(event.target); });
  cy.on('tap', function (event) {
    if (event.target === cy) {
      cy.elements().unselect();
      focusOn(null);
      intro();
    }
  });

  // ---- Search: on name and id, ignoring case and accents (as kgx links does); exact, then
  // word start, then anywhere ----

  function fold(text) {
    return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase();
  }

  function search(text) {
    var query = fold(text).trim();
    var status = document.getElementById('search-status');
    if (!query) { status.textContent = ''; return null; }
    var best = null;
    var bestRank = Infinity;
    cy.nodes().forEach(function (node) {
      var rank = Infinity;
      [node.data('label'), node.id()].forEach(function (s) {
        var f = fold(s);
        var at = f.indexOf(query);
        if (f === query) { rank = Math.min(rank, 0); } else if (at === 0 || (at > 0 && /[\s\-'’.]/.test(f.charAt(at - 1)))) {
          rank = Math.min(rank, 1);
        } else if (at > 0) { rank = Math.min(rank, 2); }
      });
      if (rank === Infinity) { return; }
      // Outside the readable view is not hidden: "Show all" brings it.
      if (node.hasClass('filtered') && inScope(node)) { rank += 3; }
      if (rank < bestRank || (rank === bestRank && node.data('mentions') > best.data('mentions'))) {
        best = node;
        bestRank = rank;
      }
    });
    if (!best) {
      status.textContent = 'No entity matches “' + text.trim() + '”.';
      return null;
    }
    if (!inScope(best)) { setShowAll(true); }
    status.textContent = best.hasClass('filtered') ? best.data('label') + ' is hidden by the filters.' : '';
    selectNode(best, true);
    return best;
  }

  var searchBox = document.getElementById('search');
  searchBox.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { search(searchBox.value); }
  });
  searchBox.addEventListener('change', function () { search(searchBox.value); });

  // Fit the shown entities (their labels keep one size on screen, so they do not count), but
  // never closer than 1.5 (a lone node would fill the screen); room is left below for labels.
  function fitView() {
    var shown = cy.nodes().not('.filtered');
    if (!shown.length) { return; }
    var box = shown.boundingBox({ includeLabels: false });
    var padding = 30;
    var zoom = Math.min(1.5,
      (cy.width() - 2 * padding - LABEL_MAX_WIDTH / 2) / Math.max(box.w, 1),
      (cy.height() - 2 * padding - 30) / Math.max(box.h, 1));
    zoom = Math.max(cy.minZoom(), zoom);
    cy.viewport({
      zoom: zoom,
      pan: { x: cy.width() / 2 - (box.x1 + box.w / 2) * zoom, y: cy.height() / 2 - (box.y1 + box.h / 2) * zoom - 10 }
    });
  }

  document.getElementById('fit').addEventListener('click', fitView);

  // ---- Start: positions came with the data, so the first paint needs no layout ----

  var viewer = window.kgxViewer = {
    cy: cy, data: data, ready: false, search: search, applyFilters: applyFilters,
    selectNode: selectNode, selectEdge: selectEdge, setShowAll: setShowAll,
    placeLabels: placeLabels
  };

  if (view) {
    document.getElementById('view-status').textContent = view.summary.charAt(0).toUpperCase() +
      view.summary.slice(1) + '.';
  }
  applyFilters();
  fitView();
  placeLabels();
  cy.one('render', function () {
    viewer.ready = true;
    // When the graph was first drawn, in ms since navigation (the browser test reports it).
    viewer.firstPaint = performance.now();
    document.body.setAttribute('data-ready', 'true');
  });
  cy.forceRender();
})();
