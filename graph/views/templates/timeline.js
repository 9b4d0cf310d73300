// Oversight Graph timeline: draws the JSON items with vis-timeline. vis-timeline sets string
// `content` and `title` as HTML, so every text goes in as a DOM node made with textContent.
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const text = (value, tag) => {
    const el = document.createElement(tag || "span");
    el.className = "og-text";  // the only element our data ever becomes: text inside it
    el.textContent = value;
    return el;
  };
  const raw = read("og-items");
  const items = new vis.DataSet(raw.map((item) => Object.assign({}, item, {
    content: text(item.text), title: text(item.tip, "div"),
  })));
  const groups = read("og-groups");
  // The whole story in view, with room on the right for the labels of the last boxes.
  const times = raw.flatMap((i) => [Date.parse(i.start), Date.parse(i.end || i.start)]);
  const first = Math.min(...times), last = Math.max(...times), pad = Math.max(last - first, 864e5 * 60);
  const container = document.getElementById("og-timeline");
  const options = {
    stack: true, showTooltips: true, zoomKey: "ctrlKey", horizontalScroll: false,
    orientation: { axis: "top" }, margin: { item: { horizontal: 4, vertical: 6 } },
    order: (a, b) => a.order - b.order,
    tooltip: { followMouse: true, overflowMethod: "cap" },
    xss: { disabled: false },
  };
  if (raw.length) Object.assign(options, { start: first - pad * 0.15, end: last + pad * 0.2 });
  const timeline = groups.length > 1
    ? new vis.Timeline(container, items, new vis.DataSet(groups.map((g) => ({ id: g.id, content: text(g.label) }))), options)
    : new vis.Timeline(container, items, options);
  const detail = document.getElementById("og-detail");
  timeline.on("select", (props) => {
    if (props.items.length) detail.textContent = raw[props.items[0]].tip;
  });
  const view = { timeline, items, ready: false };
  window.ogView = view;
  // Ready once every item has been put in the page (the first "changed" can come before).
  const drawn = () => document.querySelectorAll("#og-timeline .vis-item").length >= raw.length;
  timeline.on("changed", () => { if (drawn()) view.ready = true; });
})();
