"""Screenshots of the web app for the README: the home page (with the search box completing
a name), an entity page and a source document's page.

Builds the bundled data, serves it with `graph.serve.make_app` on a free loopback port, and
photographs the pages in Debian's headless Chromium (Playwright; no browser is downloaded).
The PNGs go to examples/screenshots/ beside those of examples/screenshots.py.

    .venv/bin/python examples/screenshots_web.py
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from graph.pipeline.build import build_dataset
from graph.serve import make_app
from graph.store import in_oxigraph
from screenshots import CHROMIUM_ARGS, OUT

PAGES = {"web-home": "/", "web-entity": "/id/thames_valley_police", "web-source": "/source/000"}


def serve(dataset) -> tuple[uvicorn.Server, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(dataset), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def photograph(base: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            tab = browser.new_page(viewport={"width": 1280, "height": 860})
            tab.goto(base + path)
            if name == "web-home":  # show the completion at work
                tab.locator("#q").fill("thames")
                tab.locator("#completions li").first.wait_for(timeout=10_000)
            shots.append(out / f"{name}.png")
            tab.screenshot(path=shots[-1])
            tab.close()
        browser.close()
    return shots


if __name__ == "__main__":
    server, base = serve(in_oxigraph(build_dataset().dataset))
    try:
        for shot in photograph(base, OUT):
            print(f"wrote {shot}")
    finally:
        server.should_exit = True
