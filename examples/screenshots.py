"""Screenshots of two views for the docs: the whole graph, and Alex Dearden's case.

Builds the dataset from the bundled data, projects it with graph.network.project, renders each
view with graph.views.render_view into a temporary folder, and photographs it in Debian's
headless Chromium (/usr/bin/chromium, driven by Playwright; no browser is downloaded) once
vis-network has drawn. The PNGs go to examples/screenshots/.

    .venv/bin/python examples/screenshots.py
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph.views import select as subgraphs
from graph.pipeline.build import build_dataset
from graph.model.namespaces import ID
from graph.network.projection import project
from graph.views.render import render_view

EXAMPLES_DIR = Path(__file__).parent
OUT = EXAMPLES_DIR / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def render_views(folder: Path) -> dict[str, Path]:
    """The views to photograph, by the name their PNG gets."""
    result = build_dataset()
    g = project(result.dataset, result.data.vocabulary)
    # The same view as `oversight view --case "Alex Dearden"`: the route, in time order.
    case = subgraphs.case(result.dataset, ID["dearden_case"], g)
    return {
        "graph": render_view(g, folder / "graph.html", title="Oversight Graph: every actor and relation"),
        "dearden-case": render_view(case, folder / "dearden-case.html",
                                    title="Route of Alex Dearden's case", layout="timeline"),
    }


def photograph(pages: dict[str, Path], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, page in pages.items():
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.goto(page.as_uri())
            tab.wait_for_function("() => window.ogView && window.ogView.ready", timeout=60_000)
            shots.append(out / f"{name}.png")
            tab.screenshot(path=shots[-1])
            tab.close()
        browser.close()
    return shots


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for shot in photograph(render_views(Path(tmp)), OUT):
            print(f"wrote {shot}")
