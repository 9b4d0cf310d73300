"""The files of `out/`, each written by one writer from the built dataset, and the folder itself.

Oxigraph's writers are Rust: at 300k triples they write TriG, Turtle and JSON-LD in seconds
where rdflib's took 86 s. The HTML view is projected with Oxigraph's SPARQL over the same
quads: rdflib's engine over its in-memory store took a minute at 300k triples.

`--out` may name any folder, so a build replaces only a folder a build made: one holding the
marker file MARKER, which lists what that build wrote. Any other non-empty folder is refused,
and only the files a marker lists are ever deleted.
"""
from __future__ import annotations

import ctypes
import errno
import functools
import os
import secrets
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from graph.model.namespaces import NS
from graph.pipeline.progress import Step, unreported
from graph.store.embedded import oxigraph_dataset
from graph.store.terms import ox_quads

Writer = Callable[["BuiltData", Path], None]


class BuiltData:
    """What the writers share: the dataset, its quads as Oxigraph terms (made once), the
    vocabulary. `quads` are ordered by graph, subject and predicate, so that each subject
    is written once per graph, its predicates and values grouped."""

    def __init__(self, dataset: Dataset, vocabulary) -> None:
        self.dataset = dataset
        self.vocabulary = vocabulary

    @functools.cached_property
    def quads(self) -> list[ox.Quad]:
        return ox_quads(self.dataset)


def write_trig(built: BuiltData, path: Path) -> None:
    ox.serialize(built.quads, path, format=ox.RdfFormat.TRIG, prefixes=NS)


def write_turtle(built: BuiltData, path: Path) -> None:
    """One graph: a fact two sources state is written once, each subject's facts together."""
    triples = sorted({q.triple for q in built.quads}, key=lambda t: (str(t.subject), str(t.predicate)))
    ox.serialize(triples, path, format=ox.RdfFormat.TURTLE, prefixes=NS)


def write_jsonld(built: BuiltData, path: Path) -> None:
    ox.serialize(built.quads, path, format=ox.RdfFormat.JSON_LD)


def write_report(built: BuiltData, path: Path) -> None:
    lines = ["Oversight Graph validation report", "",
             "File checks: passed (syntax, references, dates, identifiers, provenance)",
             "SHACL (ontology/shapes.ttl): conforms", "", "Named graphs:"]
    for ctx in sorted(built.dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(ctx):
            lines.append(f"  {ctx.identifier}  {len(ctx)} triples")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_overview(built: BuiltData, path: Path) -> None:
    from graph.network.projection import project
    from graph.views.render import render_view
    view = project(oxigraph_dataset(built.quads), built.vocabulary)
    render_view(view, path, title="Oversight Graph: every actor and relation")


OUTPUTS: dict[str, tuple[str, Writer]] = {
    "oversight.trig": ("writing oversight.trig", write_trig),
    "oversight.ttl": ("writing oversight.ttl", write_turtle),
    "oversight.jsonld": ("writing oversight.jsonld", write_jsonld),
    "validation.txt": ("writing validation.txt", write_report),
    "graph.html": ("drawing graph.html", write_overview),
}
"""Every file of `out/`, the stage that writes it (shown by the CLI) and its writer."""


def write_outputs(dataset: Dataset, vocabulary, folder: Path, step: Step = unreported) -> None:
    built = BuiltData(dataset, vocabulary)
    for name, (stage, writer) in OUTPUTS.items():
        with step(stage):
            writer(built, folder / name)


MARKER = ".oversight-build"
"""Written into every output folder: the names of the files the build wrote there."""
STORE = "store"
"""The default store's folder inside the output folder, carried from build to build."""
_MARKER_HEAD = ("# Written by `oversight build`, which replaces this folder at each build. It deletes\n"
                "# only the files named below: it wrote them. The store is carried over.\n")


class OutputFolderInUse(OSError):
    """The output folder holds files no build wrote: replacing it would delete them."""

    def __init__(self, folder: Path, foreign: list[str]):
        names = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        super().__init__(errno.ENOTEMPTY, f"the folder holds files that oversight build did not write ({names}); "
                                          "give a new or empty folder, or move them away", str(folder))


def refuse_foreign(folder: Path) -> None:
    """Raise OutputFolderInUse unless `folder` is missing, empty, or holds only what a build wrote."""
    if not folder.is_dir():
        return
    written = _written(folder)
    ours = written | {MARKER, STORE} if written or (folder / MARKER).is_file() else set()
    foreign = sorted({p.name for p in folder.iterdir()} - ours)
    if foreign:
        raise OutputFolderInUse(folder, foreign)


def _written(folder: Path) -> set[str]:
    """The names the folder's marker lists: names in the folder itself only. Without a marker,
    a folder holding exactly the outputs (and the store) is taken as one a build wrote before
    builds left markers; any other holds nothing of ours."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except FileNotFoundError:
        names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        return set(OUTPUTS) if set(OUTPUTS) <= names <= set(OUTPUTS) | {STORE} else set()
    return {line for line in text.splitlines() if line and not line.startswith("#")
            and os.sep not in line and line not in (os.curdir, os.pardir)}


def staging_folder(out_dir: Path) -> Path:
    """A new folder beside `out_dir`, made as any new folder is (the umask decides its mode), with
    its marker: the build writes there, then swaps it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.with_name(f".{out_dir.name}-build-{secrets.token_hex(4)}")
    staging.mkdir()
    (staging / MARKER).write_text(_MARKER_HEAD + "".join(f"{name}\n" for name in OUTPUTS), encoding="utf-8")
    return staging


def swap_in(staging: Path, out_dir: Path) -> None:
    """Make `staging` the output folder, with the mode of the one it replaces and its store.

    The two folders are exchanged in one step where the system can (Linux): killed at any
    moment, `out_dir` holds the old outputs or the new ones, complete.
    """
    if not out_dir.is_dir():
        staging.rename(out_dir)
        return
    refuse_foreign(out_dir)  # again: files may have appeared while the data was checked
    staging.chmod(stat.S_IMODE(out_dir.stat().st_mode))
    _exchange(staging, out_dir)
    if (staging / STORE).exists():
        (staging / STORE).rename(out_dir / STORE)
    discard(staging)


def discard(folder: Path) -> None:
    """Delete the files the folder's marker lists, the marker, then the folder if nothing else is
    left (a file that appeared since stays, with its folder, rather than being deleted)."""
    for name in _written(folder):
        with suppress(OSError):  # gone already, or now a folder: left alone
            (folder / name).unlink()
    with suppress(FileNotFoundError):
        (folder / MARKER).unlink()
    with suppress(OSError):
        folder.rmdir()


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders: in one step with renameat2(RENAME_EXCHANGE), else with three renames."""
    rename2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename2 is not None and rename2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    failed = ctypes.get_errno() if rename2 is not None else errno.ENOSYS
    if failed not in (errno.ENOSYS, errno.EINVAL):  # EINVAL: the file system cannot exchange
        raise OSError(failed, os.strerror(failed), str(b))
    aside = a.with_name(a.name + "-old")
    b.rename(aside)
    a.rename(b)
    aside.rename(a)
