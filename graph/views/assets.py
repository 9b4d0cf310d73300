"""Vendored scripts and styles, read once and made safe to inline into a page.

Every view is one offline file, so vis-network's and vis-timeline's code is copied into it.
A source-map comment is dropped (it names a file that is not there), and an asset that could
close its own <script> or <style> element early is refused. Inline scripts run by hash: the
pages' Content-Security-Policy lists `csp_hash` of each.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
VENDOR = HERE / "vendor"
TEMPLATES = HERE / "templates"


@cache
def inline(path: Path) -> str:
    """The text of a .js or .css file, ready to go between <script> or <style> tags."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n(?://|/\*)# sourceMappingURL=\S+\s*(?:\*/)?\s*$", "\n", text)
    closer = "</style" if path.suffix == ".css" else "</script"
    if closer in text.lower():
        raise RuntimeError(f"{path.name} contains {closer!r} and cannot be inlined")
    return text


def csp_hash(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"
