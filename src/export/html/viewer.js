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
  // cose (force-directed) costs a pair of nodes per step: it gets at most COSE_BUDGET pair-steps
  // (a few seconds), cooling faster on larger graphs, and is skipped above COSE_LIMIT nodes,
  // where concentric rings by degree stay the layout.
  var COSE_LIMIT = 1000;
  var COSE_BUDGET = 2e7;

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

  // Sizes: node area grows with mentions, line width with the logarithm of the weight (as the
  // pen width of graph.dot).
  function nodeSize(mentions) {
    return 18 + 6 * Math.sqrt(Math.max(1, mentions));
  }
  // Labels of the entities mentioned most stay readable when zoomed out the furthest.
  function fontSize(mentions) {
    return Math.round(15 + 1.2 * Math.sqrt(Math.max(1, mentions)));
  }
  function edgeWidth(weight) {
    return 1 + 1.5 * Math.log2(Math.max(1, weight));
  }

  // Cytoscape elements. Our own data keys avoid Cytoscape's (id, source, target, parent): the
  // JSON calls them key, a and b, and only this function maps them.
  var elements = [];
  nodes.forEach(function (n, i) {
    var kind = kindOf(n.kind);
    elements.push({
      group: 'nodes',
      data: {
        id: n.key, label: n.name, kind: n.kind, mentions: n.mentions, index: i,
        color: kind.color, shape: kind.shape, size: nodeSize(n.mentions),
        font: fontSize(n.mentions)
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
        width: edgeWidth(l.weight)
      }
    });
  });
  if (!isFinite(minWeight)) { minWeight = 1; }

  var FONT = 'system-ui, "Liberation Sans", "DejaVu Sans", sans-serif';
  var cy = cytoscape({
    container: document.getElementById('graph'),
    elements: elements,
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
          'text-wrap': 'wrap', 'text-max-width': 140,
          'text-valign': 'bottom', 'text-margin-y': 2,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
          'text-background-padding': 1, 'text-background-shape': 'round-rectangle',
          'min-zoomed-font-size': 7
        }
      },
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

  // An edge is shown when it is strong enough and both ends are of a shown type; a node when its
  // type is shown and, once the slider is above the graph's weakest link, it keeps a shown edge.
  function applyFilters() {
    var threshold = Number(slider.value);
    document.getElementById('min-weight-value').textContent = String(threshold);
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var shown = e.data('weight') >= threshold &&
          kindShown(e.source().data('kind')) && kindShown(e.target().data('kind'));
        e.toggleClass('filtered', !shown);
      });
      cy.nodes().forEach(function (n) {
        var shown = kindShown(n.data('kind')) && (threshold <= minWeight ||
          n.connectedEdges().some(function (e) { return !e.hasClass('filtered'); }));
        n.toggleClass('filtered', !shown);
      });
    });
    var hiddenNodes = cy.nodes('.filtered').length;
    var hiddenEdges = cy.edges('.filtered').length;
    document.getElementById('filter-status').textContent = hiddenNodes || hiddenEdges
      ? 'hidden: ' + plural(hiddenNodes, 'entity', 'entities') + ', ' +
        plural(hiddenEdges, 'link', 'links')
      : '';
    refreshPanel();
  }

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
      if (node.hasClass('filtered')) { rank += 3; }
      if (rank < bestRank || (rank === bestRank && node.data('mentions') > best.data('mentions'))) {
        best = node;
        bestRank = rank;
      }
    });
    if (!best) {
      status.textContent = 'No entity matches “' + text.trim() + '”.';
      return null;
    }
    status.textContent = best.hasClass('filtered') ? best.data('label') + ' is hidden by the filters.' : '';
    selectNode(best, true);
    return best;
  }

  var searchBox = document.getElementById('search');
  searchBox.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { search(searchBox.value); }
  });
  searchBox.addEventListener('change', function () { search(searchBox.value); });

  // Fit the shown elements, but never closer than 1.5 (a lone node would fill the screen).
  function fitView() {
    cy.fit(cy.elements(':visible'), 30);
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center(cy.elements(':visible'));
    }
  }

  document.getElementById('fit').addEventListener('click', fitView);

  // ---- Layout: deterministic, runs once and stops ----

  var viewer = window.kgxViewer = {
    cy: cy, data: data, ready: false, search: search, applyFilters: applyFilters,
    selectNode: selectNode, selectEdge: selectEdge
  };

  applyFilters();

  // Concentric rings by degree give every node a distinct starting point (cose needs no random
  // numbers then), and stay the final layout for graphs too large for cose.
  var rings = cy.layout({
    name: 'concentric',
    concentric: function (node) { return node.degree(); },
    levelWidth: function () { return 2; },
    minNodeSpacing: 12,
    animate: false,
    fit: true,
    padding: 30
  });
  rings.run();

  // cose stacks the components in rows below the largest one; a column (or several) of the
  // smaller ones beside it fills a wide screen better.
  function packComponents() {
    var components = cy.elements().components().sort(function (x, y) {
      return y.nodes().length - x.nodes().length ||
        x.nodes()[0].data('index') - y.nodes()[0].data('index');
    });
    if (components.length < 2) { return; }
    var gap = 40;
    var boxes = components.map(function (c) { return c.boundingBox({ includeLabels: true }); });
    var area = boxes.reduce(function (sum, b) { return sum + (b.w + gap) * (b.h + gap); }, 0);
    var main = boxes[0];
    var height = Math.max(main.h, Math.sqrt(area));
    var x = main.x2 + gap * 1.5;
    var y = main.y1;
    var columnWidth = 0;
    for (var i = 1; i < components.length; i++) {
      var box = boxes[i];
      if (y > main.y1 && y + box.h > main.y1 + height) {
        x += columnWidth + gap;
        y = main.y1;
        columnWidth = 0;
      }
      components[i].nodes().shift({ x: x - box.x1, y: y - box.y1 });
      y += box.h + gap;
      columnWidth = Math.max(columnWidth, box.w);
    }
  }

  function done() {
    fitView();
    viewer.ready = true;
    document.body.setAttribute('data-ready', 'true');
  }

  if (nodes.length > COSE_LIMIT) {
    done();
    return;
  }
  var pairs = nodes.length * (nodes.length - 1) / 2;
  var steps = Math.max(40, Math.min(700, Math.floor(COSE_BUDGET / Math.max(1, pairs))));
  var force = cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: false,
    nodeDimensionsIncludeLabels: true,
    numIter: steps,
    initialTemp: 1000,
    coolingFactor: Math.pow(1 / 1000, 1 / steps),
    minTemp: 1.0,
    nodeRepulsion: function () { return 8000; },
    nodeOverlap: 40,
    idealEdgeLength: function (edge) { return 45 + 30 / Math.sqrt(edge.data('weight')); },
    edgeElasticity: function () { return 100; },
    gravity: 1,
    componentSpacing: 40
  });
  force.one('layoutstop', function () {
    packComponents();
    done();
  });
  force.run();
})();
