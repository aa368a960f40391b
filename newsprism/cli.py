"""The command line: a thin skin over the Python API (``newsprism.analyze`` and friends).

Exit codes (README, "Exit codes"):

    0  done, every input used
    1  done, some inputs discarded (each named with its reason)
    2  usage or configuration error (bad option, settings, database): one line, nothing done
    3  internal error (a bug): one line; ``-vv`` prints the traceback

Every command catches ``NewsprismError`` and prints one line naming the file and the reason.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

from newsprism.errors import ConfigError, NewsprismError
from newsprism.pipeline import DEFAULT_DB

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="The DuckDB store.")


EXIT_OK, EXIT_DISCARDED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _one_line_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from newsprism.ingest import one_line

        try:
            return func(*args, **kwargs)
        except NewsprismError as exc:
            click.echo(f"newsprism: error: {one_line(exc, 1000)}", err=True)
            sys.exit(EXIT_USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001  a bug: say so on one line, keep the traceback for -vv
            logging.getLogger("newsprism").debug("internal error", exc_info=True)
            click.echo(f"newsprism: internal error (a bug; run with -vv for the traceback): "
                       f"{type(exc).__name__}: {one_line(exc, 500)}", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


@click.group()
@click.version_option(package_name="newsprism")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """newsprism: raw news pages about an armed conflict in, a sourced record out."""
    from newsprism.ingest import InputNameFilter

    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="newsprism: %(levelname)s: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, InputNameFilter) for f in handler.filters):
            handler.addFilter(InputNameFilter())  # a library's log line names the file it was about


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--manifest", type=click.Path(dir_okay=False), help="CSV or JSON: path,url,outlet,published,language.")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML) overriding defaults.toml.")
@click.option("--max-bytes", type=int, help="Discard input files larger than this.")
@click.option("--no-progress", is_flag=True, help="Do not draw the progress bar.")
@_one_line_errors
def analyze(paths: tuple[str, ...], db: str, manifest: str | None, config: str | None, max_bytes: int | None,
            no_progress: bool) -> None:
    """Ingest files and folders into the store and run the pipeline.

    Exits 0 when every input was used, 1 when any was discarded (each named with its reason),
    2 on a usage or configuration error, 3 on an internal error.

    Example: newsprism analyze examples/seeds --manifest examples/seeds/manifest.csv
    """
    from newsprism.pipeline import analyze as run
    from newsprism.settings import load_settings

    settings = load_settings(config, {"ingest": {"max_bytes": max_bytes}} if max_bytes is not None else None)
    summary = run(list(paths), db=db, manifest=manifest, progress=not no_progress, settings=settings)
    for line in summary.lines():
        click.echo(line)
    if summary.discarded:
        sys.exit(EXIT_DISCARDED)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "acled", "plover", "geojson"]), required=True,
              help="json (SCHEMA.md), csv (one file per record type), acled (ACLED CSV + .extra.csv), "
                   "plover (JSON Lines), geojson (event points).")
@click.option("--out", type=click.Path(), help="Output file (a folder for csv); stdout without it.")
@click.option("--include-background", is_flag=True,
              help="acled: also code happenings the stories tell as background history.")
@_one_line_errors
def export(db: str, fmt: str, out: str | None, include_background: bool) -> None:
    """Export the stored record: JSON per SCHEMA.md, CSV per record type, or events as ACLED/PLOVER/GeoJSON.

    Example: newsprism export --format json --out out/record.json
    """
    from newsprism.export import export as run
    from newsprism.store import Store

    with Store(db, read_only=True) as store:
        text = run(store, fmt, out, include_background=include_background)
    if text is not None:
        click.echo(text, nl=False)


@cli.command()
@db_option
@_one_line_errors
def info(db: str) -> None:
    """Counts per record type in the store.

    Example: newsprism info --db newsprism.duckdb
    """
    from newsprism.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
        migrations = store.migrations()
    width = max(len(k) for k in counts)
    for kind, n in counts.items():
        click.echo(f"{kind:{width}s}  {n}")
    click.echo(f"{'schema':{width}s}  {migrations[-1] if migrations else 'none'}")


@cli.command()
@db_option
@click.option("--story", "story_id", help="Only this story.")
@_one_line_errors
def figures(db: str, story_id: str | None) -> None:
    """Reconciled casualty and displacement ranges per story, with every input figure and its source.

    Example: newsprism figures --db newsprism.duckdb
    """
    from newsprism.reconcile import format_figures_table
    from newsprism.records import Article, Figure, ReconciledFigure, from_json
    from newsprism.store import Store

    with Store(db, read_only=True) as store:
        articles: dict[str, Article] = {a.article_id: a for a, _ in store.articles()}
        figs = [from_json(Figure, f) for f in store.facts("figures") if articles[f["article_id"]].on_topic]
        reconciled = [from_json(ReconciledFigure, r) for r in store.corpus("reconciled_figures")]
    metrics = ("killed", "wounded", "killed_or_wounded", "missing", "displaced", "evacuated", "detained", "other")
    reconciled.sort(key=lambda r: (r.scope.story_id or "", r.scope.event_id is not None, r.scope.event_id or "",
                                   metrics.index(r.scope.metric) if r.scope.metric in metrics else 99, r.scope.who))
    if story_id:
        reconciled = [r for r in reconciled if r.scope.story_id == story_id]
        if not reconciled:
            raise ConfigError(f"no reconciled figures for story {story_id!r} (see `newsprism export` for story ids)")
    click.echo(format_figures_table(reconciled, figs, articles) if reconciled else "no figures in the store")


@cli.command()
@db_option
@click.option("--story", "story_id", help="Only this story (default: every story, largest first).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@_one_line_errors
def brief(db: str, story_id: str | None, fmt: str, out: str | None) -> None:
    """A multi-source brief per story, every sentence citing the articles it rests on.

    Example: newsprism brief --format html --out out/brief.html
    """
    from pathlib import Path

    import newsprism
    from newsprism.brief import render_brief

    text = render_brief(newsprism.load_record(db), story_id, fmt)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (localhost by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--ingest-token", envvar="NEWSPRISM_INGEST_TOKEN",
              help="Enable the upload endpoint, guarded by this bearer token (off by default; serves with one process).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Reader processes (default: one per core, 2 to 8).")
@_one_line_errors
def serve(db: str, host: str, port: int, ingest_token: str | None, workers: int | None) -> None:
    """Serve the record as a read-only web UI with a JSON twin for every page (OpenAPI at /docs).

    Example: newsprism serve --db newsprism.duckdb --port 8000
    """
    from newsprism.serve import serve as run

    run(db, host=host, port=port, ingest_token=ingest_token, workers=workers)


@cli.command()
@db_option
@click.option("--story", "story_id", help="Only this story.")
@click.option("--all", "include_all", is_flag=True,
              help="Also background history, denials, threats, plans and statements (flagged).")
@_one_line_errors
def timeline(db: str, story_id: str | None, include_all: bool) -> None:
    """The dated happenings in order, each with its type, actors, place and sources.

    Example: newsprism timeline --db newsprism.duckdb
    """
    import newsprism
    from newsprism.export import format_timeline

    click.echo(format_timeline(newsprism.load_record(db), story_id, include_all=include_all), nl=False)


@cli.command()
@db_option
@_one_line_errors
def stories(db: str) -> None:
    """Stories across documents and outlets, with their articles; off-topic pages and why.

    Example: newsprism stories --db newsprism.duckdb
    """
    import newsprism
    from newsprism.export import format_stories

    click.echo(format_stories(newsprism.load_record(db)), nl=False)


@cli.command()
@db_option
@click.option("--story", "story_id", help="Only this story.")
@click.option("--speaker", help="Only speakers whose name contains this.")
@_one_line_errors
def quotes(db: str, story_id: str | None, speaker: str | None) -> None:
    """Direct quotations by speaker, with the outlet that carried them.

    Example: newsprism quotes --speaker Pashinyan
    """
    import newsprism
    from newsprism.export import format_quotes

    click.echo(format_quotes(newsprism.load_record(db), story_id, speaker), nl=False)


@cli.command()
@db_option
@click.option("--story", "story_id", help="Only this story.")
@_one_line_errors
def framing(db: str, story_id: str | None) -> None:
    """How each outlet names the operation, the actors, victims, places and displacement, side by side.

    Cells: ● the outlet's own words, ○ only in a source it quotes, ◐ both.

    Example: newsprism framing --db newsprism.duckdb
    """
    import newsprism
    from newsprism.framing import framing_table

    record = newsprism.load_record(db)
    if story_id is not None and not any(s["story_id"] == story_id for s in record["stories"]):
        raise ConfigError(f"no story {story_id!r} in the record (see `newsprism stories`)")
    click.echo(framing_table(record["framing_terms"], record["articles"], story_id=story_id,
                             stories=record["stories"]), nl=False)


@cli.command()
@db_option
@click.option("--story", "story_id", help="Only this story.")
@_one_line_errors
def places(db: str, story_id: str | None) -> None:
    """The places of each story: mentions, point, first-level unit, country and why chosen.

    Off-topic pages' places are listed in a section of their own.

    Example: newsprism places --db newsprism.duckdb
    """
    import newsprism
    from newsprism.geocode import format_places

    try:
        click.echo(format_places(newsprism.load_record(db), story_id), nl=False)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def main() -> None:
    cli(prog_name="newsprism")
