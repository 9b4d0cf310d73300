// The search box: as the visitor types, names (labels and aliases) from /api/complete.
// Text from data is only ever inserted with textContent.
(function () {
  "use strict";
  const input = document.getElementById("q");
  const list = document.getElementById("completions");
  let asked = 0;

  function show(found) {
    list.replaceChildren();
    for (const hit of found) {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.label;
      item.appendChild(link);
      if (hit.matched !== hit.label) {
        const as = document.createElement("small");
        as.textContent = " (as " + hit.matched + ")";
        item.appendChild(as);
      }
      list.appendChild(item);
    }
  }

  input.addEventListener("input", () => {
    const text = input.value.trim();
    const mine = ++asked;
    if (!text) { show([]); return; }
    fetch("/api/complete?q=" + encodeURIComponent(text))
      .then((response) => (response.ok ? response.json() : []))
      .then((found) => { if (mine === asked) show(found); });
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && list.firstChild) {
      event.preventDefault();
      list.firstChild.querySelector("a").focus();
    }
  });
})();
