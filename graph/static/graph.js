// Draws the graph in #graph-data with the locally served vis-network. vis-network 9 shows
// string titles as text, not HTML; a double click opens a node's page.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const network = new vis.Network(
    document.getElementById("graph"),
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) },
    { physics: { stabilization: { iterations: 150 } }, edges: { font: { size: 10 } } },
  );
  network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
  network.on("doubleClick", (event) => {
    const node = event.nodes.length && data.nodes.find((n) => n.id === event.nodes[0]);
    if (node && node.url) window.top.location.href = node.url;
  });
})();
