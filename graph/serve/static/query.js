// The query page: YASGUI against /sparql, canned queries, and a graph of the results.
// Text from data is only ever inserted with textContent.
(function () {
  "use strict";
  // Only the local autocompleter: the others fetch prefix.cc and LOV over the network.
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const prefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
  Yasgui.Yasqe.defaults.value = Object.entries(prefixes)
    .map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>\n`).join("")
    + "\nSELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10\n";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: () => [] },
  });
  const frame = document.getElementById("graph-frame");

  yasgui.on("queryResponse", (instance, tab) => {
    const query = tab.getYasqe().getValue();
    if (/^\s*(#[^\n]*\n\s*|PREFIX[^\n]*\n\s*|BASE[^\n]*\n\s*)*ASK\b/i.test(query)) {
      frame.removeAttribute("src");
      return;
    }
    frame.src = "/graph?query=" + encodeURIComponent(query);
  });

  // The endpoint predeclares the project's prefixes and the canned queries rely on it;
  // the editor shows the declarations they use, so a query also runs elsewhere.
  function withPrefixes(query) {
    const declared = new Set([...query.matchAll(/PREFIX\s+([\w-]*):/gi)].map((m) => m[1]));
    // Prefixed names, once IRIs, strings and comments are set aside: `a/skos:notation` is
    // one (a property path), `<http://x/skos:y>` is not.
    const code = query.replace(/<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, " ");
    const used = Object.keys(prefixes).filter(
      (p) => !declared.has(p) && new RegExp(`(^|[^\\w:#.-])${p}:`, "m").test(code));
    return used.map((p) => `PREFIX ${p}: <${prefixes[p]}>\n`).join("") + query;
  }

  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const list = document.getElementById("example-list");
  for (const example of examples) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "example";
    button.dataset.name = example.name;
    button.textContent = example.title;
    button.title = example.name + ".rq";
    button.addEventListener("click", () => yasgui.getTab().setQuery(withPrefixes(example.query)));
    const item = document.createElement("li");
    item.appendChild(button);
    list.appendChild(item);
  }
})();
