"""Screenshots for the README: the views (the overview, Alex Dearden's case as a timeline and
as a network, the chain of oversight above Thames Valley Police) and the web app (the home
page with the search box completing a name, an entity page, a source document's page).

Builds the dataset from the bundled data once. Each view is chosen as `oversight view` does
(graph.views.choose) and written into a temporary folder; the web pages are served by
`graph.serve.make_app` on a free loopback port. Everything is photographed in Debian's
headless Chromium (/usr/bin/chromium, driven by Playwright; no browser is downloaded) once it
has drawn. The PNGs go to examples/screenshots/, reduced to a palette of 256 colours with
Pillow when it is installed, to keep the repository small.

    .venv/bin/python examples/screenshots.py
"""
from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from graph.pipeline.build import build_dataset
from graph.serve import make_app
from graph.store import in_oxigraph
from graph.views.choose import choose

EXAMPLES_DIR = Path(__file__).parent
OUT = EXAMPLES_DIR / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWS = {
    "overview": {},
    "dearden-timeline": {"timeline": "Alex Dearden"},
    "dearden-case": {"case": "Alex Dearden"},
    "tvp-chain": {"chain": "Thames Valley Police"},
}
"""PNG name -> the `choose` options of the view, as `oversight view` takes them."""
WEB_PAGES = {"web-home": "/", "web-entity": "/id/thames_valley_police", "web-source": "/source/000"}
"""PNG name -> the path of the web app's page."""


def _view_drawn(tab: Page) -> None:
    tab.wait_for_function("() => window.ogView && window.ogView.ready", timeout=60_000)
    tab.wait_for_timeout(300)


def _completing(tab: Page) -> None:
    """The home page with the search box at work."""
    tab.locator("#q").fill("thames")
    tab.locator("#completions li").first.wait_for(timeout=10_000)


Shot = tuple[str, str, Callable[[Page], None] | None]
"""A PNG name, the address to photograph and what to wait for (or do) before the picture."""


def render_views(dataset, folder: Path) -> list[Shot]:
    """The views, written into `folder`, as shots."""
    return [(name, choose(dataset, **options).write(folder / f"{name}.html").as_uri(), _view_drawn)
            for name, options in VIEWS.items()]


@contextmanager
def serving(dataset) -> Iterator[str]:
    """The web app on a free loopback port, for as long as the block runs; yields its base address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(in_oxigraph(dataset)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True


def photograph(shots: list[Shot], out: Path) -> list[Path]:
    """Each shot in one Chromium, 1280 pixels wide, as out/NAME.png."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, address, prepare in shots:
            tab = browser.new_page(viewport={"width": 1280, "height": 820})
            tab.goto(address)
            if prepare is not None:
                prepare(tab)
            written.append(out / f"{name}.png")
            tab.screenshot(path=written[-1])
            tab.close()
        browser.close()
    for png in written:
        _shrink(png)
    return written


def _shrink(png: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        image.convert("RGB").quantize(colors=256).save(png, optimize=True)


if __name__ == "__main__":
    dataset = build_dataset().dataset
    with tempfile.TemporaryDirectory() as tmp, serving(dataset) as base:
        web = [(name, base + path, _completing if path == "/" else None) for name, path in WEB_PAGES.items()]
        for shot in photograph(render_views(dataset, Path(tmp)) + web, OUT):
            print(f"wrote {shot} ({shot.stat().st_size // 1024} KiB)")
