"""What the build's tests read back from a store."""
from __future__ import annotations

from pathlib import Path

from graph.store import open_store


def hashes(store: Path) -> dict:
    """The content hash of each source graph the store at `store` holds, as a build reads them."""
    with open_store(str(store), read_only=True) as opened:
        return opened.hashes()
