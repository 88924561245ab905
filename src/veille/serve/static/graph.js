// veille desk: the relation graph of an entity page, drawn with Cytoscape.js (bundled, vendor/).
// Data comes from the page's JSON twin (/api/entities/<id>/graph); every label is drawn on the
// canvas or set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var NODE_COLORS = { ORG: "#1f5fbf", PER: "#1b8a5a", LOC: "#c2620a", PRODUCT: "#7b3fb3", MISC: "#6b7280" };
  var EDGE_COLORS = {
    role: "#1b8a5a", partnership: "#2b7bd6", competition: "#d64545", merger: "#7b3fb3",
    acquisition: "#e08a00", divestment: "#b8860b", stake: "#0f9d9a", subsidiary: "#5b6470",
    product: "#9b59b6", lawsuit: "#8a1c1c"
  };

  var MAX_FIT_ZOOM = 1.6;

  function edgeColor(type) { return EDGE_COLORS[type] || "#94a3b8"; }
  function entityUrl(id) { return "/entity/" + encodeURIComponent(id).replace(/%3A/g, ":"); }
  function docUrl(docId, key) { return "/doc/" + encodeURIComponent(docId) + "?ev=" + key + "#ev-" + key; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function elements(data) {
    var nodes = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.name, type: n.type, documents: n.documents, center: n.id === data.center } };
    });
    var edges = data.edges.map(function (e, i) {
      return { data: {
        id: "e" + i, source: e.source, target: e.target, type: e.type, symmetric: e.symmetric,
        documents: e.documents, confidence: e.confidence, evidence: e.evidence, key: e.evidence_key
      } };
    });
    return nodes.concat(edges);
  }

  function showEdge(panel, edge, names) {
    var d = edge.data();
    panel.replaceChildren();
    var head = el("div");
    head.appendChild(el("strong", names[d.source] || d.source));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", d.type, "rtype"));
    head.appendChild(document.createTextNode(d.symmetric ? " ↔ " : " → "));
    head.appendChild(el("strong", names[d.target] || d.target));
    head.appendChild(el("span", " " + d.documents + " art. · conf " + Number(d.confidence).toFixed(2), "n"));
    panel.appendChild(head);
    var quote = el("a", "“" + d.evidence.text + "”", "evidence");
    quote.href = docUrl(d.evidence.doc_id, d.key);
    quote.setAttribute("data-evidence", "");
    panel.appendChild(quote);
    var all = el("a", "every relation of this pair →", "more");
    all.href = "/relations?entity=" + encodeURIComponent(d.source) + "&other=" + encodeURIComponent(d.target) + "&type=" + encodeURIComponent(d.type);
    panel.appendChild(all);
    panel.hidden = false;
  }

  function legend(box, cy, types) {
    box.replaceChildren();
    types.forEach(function (type) {
      var label = el("label");
      var check = el("input");
      check.type = "checkbox";
      check.checked = true;
      check.addEventListener("change", function () {
        cy.edges().filter(function (e) { return e.data("type") === type; }).style("display", check.checked ? "element" : "none");
      });
      var swatch = el("span", null, "sw");
      swatch.style.background = edgeColor(type);
      label.appendChild(check);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(type));
      box.appendChild(label);
    });
  }

  function draw(container, data) {
    container.replaceChildren();
    if (!data.edges.length) {
      container.appendChild(el("p", "No relation to draw yet.", "loading"));
      return;
    }
    var names = {};
    data.nodes.forEach(function (n) { names[n.id] = n.name; });
    var cy = window.cytoscape({
      container: container,
      elements: elements(data),
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "color": "#1b1f24", "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "ellipsis", "text-max-width": 140,
          "background-color": function (n) { return NODE_COLORS[n.data("type")] || NODE_COLORS.MISC; },
          "width": function (n) { return 14 + 6 * Math.log2(1 + (n.data("documents") || 0)); },
          "height": function (n) { return 14 + 6 * Math.log2(1 + (n.data("documents") || 0)); }
        } },
        { selector: "node[?center]", style: { "border-width": 4, "border-color": "#ffd54a", "font-weight": "bold", "font-size": 13 } },
        { selector: "edge", style: {
          "curve-style": "bezier", "line-color": function (e) { return edgeColor(e.data("type")); },
          "target-arrow-color": function (e) { return edgeColor(e.data("type")); },
          "target-arrow-shape": function (e) { return e.data("symmetric") ? "none" : "triangle"; },
          "width": function (e) { return 1 + Math.min(6, e.data("documents")); }, "opacity": 0.8,
          "label": "data(type)", "font-size": 8, "color": "#5b6470", "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1
        } },
        { selector: ".faded", style: { "opacity": 0.12 } },
        { selector: "edge:selected", style: { "width": 6, "opacity": 1 } }
      ],
      layout: { name: "concentric", concentric: function (n) { return n.data("center") ? 10 : 1; },
                levelWidth: function () { return 1; }, minNodeSpacing: 40, animate: false }
    });
    if (cy.zoom() > MAX_FIT_ZOOM) { cy.zoom(MAX_FIT_ZOOM); cy.center(); }  // a small graph is not blown up
    var panel = document.getElementById("edge-info");
    cy.on("tap", "node", function (event) {
      var id = event.target.id();
      if (id !== data.center) { window.location.href = entityUrl(id); }
    });
    cy.on("tap", "edge", function (event) { showEdge(panel, event.target, names); });
    cy.on("mouseover", "node", function (event) {
      cy.elements().addClass("faded");
      event.target.closedNeighborhood().removeClass("faded");
    });
    cy.on("mouseout", "node", function () { cy.elements().removeClass("faded"); });
    var types = [];
    data.edges.forEach(function (e) { if (types.indexOf(e.type) < 0) { types.push(e.type); } });
    legend(document.getElementById("graph-legend"), cy, types.sort());
    container.setAttribute("data-ready", String(cy.nodes().length));
    window.veilleGraph = cy;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("graph");
    if (!container || !window.cytoscape) { return; }
    fetch(container.getAttribute("data-graph"), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function (error) {
        container.replaceChildren(el("p", "The graph could not be loaded (" + error.message + ").", "loading"));
      });
  });
})();
