"""Screenshots of the views for the README: the overview, Alex Dearden's case (timeline and
network), and the chain of oversight above Thames Valley Police.

Builds the dataset from the bundled data, chooses each view as `oversight view` does
(graph.views.choose), writes it into a temporary folder and photographs it in Debian's
headless Chromium (/usr/bin/chromium, driven by Playwright; no browser is downloaded) once
it has drawn. The PNGs go to examples/screenshots/, reduced to a palette of 256 colours
with Pillow when it is installed, to keep the repository small.

    .venv/bin/python examples/screenshots.py
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph.pipeline.build import build_dataset
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


def render_views(folder: Path) -> dict[str, Path]:
    """The views to photograph, by the name their PNG gets."""
    dataset = build_dataset().dataset
    return {name: choose(dataset, **options).write(folder / f"{name}.html") for name, options in VIEWS.items()}


def photograph(pages: dict[str, Path], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, page in pages.items():
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.goto(page.as_uri())
            tab.wait_for_function("() => window.ogView && window.ogView.ready", timeout=60_000)
            tab.wait_for_timeout(300)
            shots.append(out / f"{name}.png")
            tab.screenshot(path=shots[-1])
            tab.close()
        browser.close()
    for shot in shots:
        _shrink(shot)
    return shots


def _shrink(png: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        image.convert("RGB").quantize(colors=256).save(png, optimize=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for shot in photograph(render_views(Path(tmp)), OUT):
            print(f"wrote {shot} ({shot.stat().st_size // 1024} KiB)")
