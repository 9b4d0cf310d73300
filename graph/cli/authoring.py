"""The authoring commands: `new`, `import-figures`, `coverage`, `same` (graph.authoring)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import emit, fail, one_of, report_data_errors
from graph.data.errors import DataErrors

commands = typer.Typer()
"""The authoring commands; graph.cli adds them to `oversight`."""

WritableData = typer.Option(None, "--data", help="Folder of YAML data files to add to (default: the bundled data).",
                            exists=True, file_okay=False)
ReadData = typer.Option(None, "--data", help="Folder of YAML data files (default: the bundled data).",
                        exists=True, file_okay=False)


@commands.command()
def new(text_file: Path = typer.Argument(..., metavar="TEXT_FILE", exists=True, dir_okay=False,
                                         help="The source's plain text (UTF-8), one paragraph a line."),
        source_id: Optional[str] = typer.Option(None, "--id", metavar="NNN", help="The source id (default: the next number)."),
        url: Optional[str] = typer.Option(None, "--url", metavar="URL", help="Where the document can be read."),
        source_class: str = typer.Option("NewsArticle", "--class", metavar="CLASS",
                                         help="A kind of og:SourceDocument: NewsArticle, CourtJudgment (numbers its own paragraphs)..."),
        keep_text: bool = typer.Option(False, "--keep-text", help="Copy the text into the data folder's texts/ (never into the YAML)."),
        data: Optional[Path] = WritableData) -> None:
    """Write data/sources/NNN_<slug>.yaml for a new source: the source block, and per paragraph the
    known records, new names, dates, figures and relation words it mentions, for you to review."""
    from graph.authoring.scaffold import scaffold
    try:
        made = scaffold(text_file, data, source_id, url, source_class, keep_text)
    except DataErrors as exc:
        report_data_errors(exc)
    except FileExistsError as exc:
        fail(f"error: {exc.filename or exc} already exists: nothing was written (give another --id)")
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"error: {exc}")
    typer.echo(f"wrote {_shown(made.path)}: {_count(made.paragraphs, 'paragraph')}, "
               f"{_count(len(made.known), 'known record')}, {_count(len(made.proposals), 'new record')} "
               "to review (review: pending)"
               + (f", {len(made.ambiguous)} ambiguous names" if made.ambiguous else ""))
    if made.text_copy:
        typer.echo(f"copied the text to {_shown(made.text_copy)}")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@commands.command()
def same(a: str = typer.Argument(..., metavar="A", help="The id of a record."),
         b: str = typer.Argument(..., metavar="B", help="The id of the other record."),
         because: str = typer.Option(..., "--because", metavar="WHY", help="Why: what in the sources shows it."),
         not_same: bool = typer.Option(False, "--not", help="Record that they are NOT the same (`new` stops suggesting it)."),
         by: Optional[str] = typer.Option(None, "--by", metavar="NAME", help="Who judges (default: git config user.name)."),
         data: Optional[Path] = WritableData) -> None:
    """Record that two records are the same actor (merged through owl:sameAs by the build), or with
    --not that they are not, with who judged, when and why, in the data folder's judgements.yaml."""
    from graph.authoring.identity import judge
    try:
        path, who, when = judge(a, b, because, by, not not_same, data)
    except DataErrors as exc:
        report_data_errors(exc)
    except ValueError as exc:
        fail(f"error: {exc}")
    typer.echo(f"recorded in {_shown(path)}: {a} is {'not ' if not_same else ''}the same as {b} (by {who}, {when})")


@commands.command()
def coverage(source: str = typer.Argument(..., metavar="NNN", help="The source id."),
             text: Optional[Path] = typer.Option(None, "--text", metavar="FILE", exists=True, dir_okay=False,
                                                 help="The source's text: show each paragraph's opening."),
             fmt: str = typer.Option("table", "--format", "-f", callback=one_of(("table", "json")), help="table or json."),
             data: Optional[Path] = ReadData) -> None:
    """Each paragraph of a source with the facts drawn from it, and the paragraphs with none."""
    from graph.authoring.coverage import coverage as find
    from graph.cli.report_authoring import coverage as as_text
    try:
        found = find(source, data, text)
    except DataErrors as exc:
        report_data_errors(exc)
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"error: {exc}")
    emit(fmt, found, lambda: as_text(found))


@commands.command("import-figures")
def import_figures(table: Path = typer.Argument(..., metavar="TABLE.csv", exists=True, dir_okay=False,
                                                help="One row per period (or category), one column per measure."),
                   source: str = typer.Option(..., "--source", metavar="NNN", help="The source the table comes from."),
                   counts: str = typer.Option(..., "--counts", metavar="WHAT", help="What is counted, e.g. 'complaints'."),
                   area: str = typer.Option(..., "--area", metavar="ID", help="The force or area the figures are about."),
                   period: str = typer.Option("period", "--period", metavar="COLUMN", help="The column of periods."),
                   category: Optional[str] = typer.Option(None, "--category", metavar="COLUMN",
                                                          help="A column of categories (default: each measure's name is the category)."),
                   paragraph: int = typer.Option(1, "--paragraph", min=1, metavar="N", help="The source's paragraph the table is."),
                   data: Optional[Path] = WritableData) -> None:
    """Append a table's figures to a source's data file as figure observations (period, category,
    count, table row), checking that the file still loads."""
    from graph.authoring.figures import import_figures as run
    try:
        done = run(table, source, counts, area, data, period, category, paragraph)
    except DataErrors as exc:
        report_data_errors(exc)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        fail(f"error: {exc}")
    typer.echo(f"appended {done.records} figures from {done.rows} rows to {_shown(done.path)}")
