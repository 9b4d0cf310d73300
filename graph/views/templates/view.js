// Oversight Graph view: draws the JSON data with vis-network and wires the sidebar controls.
// Data text reaches the page only through vis (tooltips are plain strings, which vis 9 sets
// with innerText; labels are drawn on the canvas) or through textContent here.
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const container = document.getElementById("og-network");
  const options = JSON.parse(container.dataset.options);
  const nodes = new vis.DataSet(read("og-nodes"));
  const edges = new vis.DataSet(read("og-edges"));

  const checked = (attr) => new Set(
    Array.from(document.querySelectorAll("input[" + attr + "]"))
      .filter((box) => box.checked)
      .map((box) => Number(box.getAttribute(attr))));
  let classes = checked("data-class");
  let relations = checked("data-relation");
  let source = -1;
  let endpoints = null;  // with one source chosen, only the nodes its facts touch are shown
  const unfolded = new Set();  // folded groups (the overview's figures) a click has opened
  const foldShown = (n) => (n.fold === undefined || unfolded.has(n.fold)) &&
    (n.folds === undefined || !unfolded.has(n.folds));

  const edgesView = new vis.DataView(edges, {
    filter: (e) => relations.has(e.r) && (source < 0 || e.s.includes(source)),
  });
  const nodesView = new vis.DataView(nodes, {
    filter: (n) => classes.has(n.c) && foldShown(n) && (endpoints === null || endpoints.has(n.id)),
  });

  function refresh() {
    classes = checked("data-class");
    relations = checked("data-relation");
    source = Number(document.getElementById("og-source").value);
    edgesView.refresh();
    endpoints = null;
    if (source >= 0) {
      endpoints = new Set();
      edgesView.forEach((e) => { endpoints.add(e.from); endpoints.add(e.to); });
    }
    nodesView.refresh();
  }
  document.querySelectorAll("input[data-class], input[data-relation], #og-source")
    .forEach((control) => control.addEventListener("change", refresh));

  const network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  const view = { network, nodes, edges, nodesView, edgesView, ready: false };
  window.ogView = view;
  const busy = document.getElementById("og-busy");
  const ready = () => { view.ready = true; busy.hidden = true; };
  if (options.physics.enabled && nodes.length > 0) {
    // Settle once, then freeze: a running simulation keeps the CPU busy and the picture moving.
    // Nothing is drawn until it has settled, which takes seconds for a thousand nodes.
    busy.hidden = false;
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      ready();
    });
  } else {
    // Fitted again once drawn: only then are the labels measured, and the fit takes them in.
    network.once("afterDrawing", () => { network.fit({ animation: false }); ready(); });
  }

  // Clicking a folded group draws its members in a ring where it stood, instead of it.
  network.on("click", (event) => {
    const clicked = event.nodes.length ? nodes.get(event.nodes[0]) : null;
    if (!clicked || clicked.folds === undefined) return;
    const at = network.getPosition(clicked.id);
    const members = nodes.get({ filter: (n) => n.fold === clicked.folds });
    const radius = Math.max(120, members.length * 40 / (2 * Math.PI));
    nodes.update(members.map((n, i) => ({
      id: n.id, x: at.x + radius * Math.cos(2 * Math.PI * i / members.length),
      y: at.y + radius * Math.sin(2 * Math.PI * i / members.length), physics: false })));
    unfolded.add(clicked.folds);
    nodesView.refresh();
  });

  const matches = document.getElementById("og-matches");
  document.getElementById("og-search").addEventListener("input", (event) => {
    const query = event.target.value.trim().toLowerCase();
    const found = query ? nodesView.getIds({ filter: (n) => n.label.toLowerCase().includes(query) }) : [];
    network.selectNodes(found);
    if (found.length) network.fit({ nodes: found, animation: false });
    matches.textContent = query ? found.length + (found.length === 1 ? " match" : " matches") : "";
  });
})();
