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


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The record filters (``newsprism.filters``) as options; repeat one to match any of its values."""
    opts = [
        click.option("--story", "story", multiple=True, help="Only this story (story_id; repeatable)."),
        click.option("--event-type", "event_type", multiple=True, help="ACLED event type, e.g. Battles (repeatable)."),
        click.option("--sub-event-type", "sub_event_type", multiple=True, help="ACLED sub-event type (repeatable)."),
        click.option("--actor", multiple=True,
                     help="An actor or recipient (figures: the source; quotes: the speaker), by name (repeatable)."),
        click.option("--place", multiple=True, help="Event place: name, admin1 or ISO alpha-2 code (repeatable)."),
        click.option("--outlet", multiple=True, help="Reported by this outlet (repeatable)."),
        click.option("--date-from", help="On or after this day (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--date-to", help="On or before this day (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--realis", multiple=True,
                     type=click.Choice(["actual", "planned", "threatened", "hypothetical", "negated", "speech_act"]),
                     help="Only events of this realis (repeatable)."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def filter_spec(**kwargs: Any) -> Any:
    """The ``Filters`` of the filter options given (unknown dates raise a one-line ConfigError)."""
    from newsprism.filters import Filters

    names = Filters.names()
    return Filters.build(**{k: v for k, v in kwargs.items() if k in names and v not in (None, ())})


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
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Where the per-article work runs: this process, or Spark (docs/spark.md).")
@click.option("--spark-master", help="Spark master for --engine spark, e.g. local[2] (default: spark-submit's).")
@click.option("--spark-out", type=click.Path(file_okay=False),
              help="Folder for the Parquet facts of --engine spark (default: DB.parquet).")
@_one_line_errors
def analyze(paths: tuple[str, ...], db: str, manifest: str | None, config: str | None, max_bytes: int | None,
            no_progress: bool, engine: str, spark_master: str | None, spark_out: str | None) -> None:
    """Ingest files and folders into the store and run the pipeline.

    Exits 0 when every input was used, 1 when any was discarded (each named with its reason),
    2 on a usage or configuration error, 3 on an internal error.

    Example: newsprism analyze examples/seeds --manifest examples/seeds/manifest.csv
    """
    from newsprism.pipeline import analyze as run
    from newsprism.settings import load_settings

    settings = load_settings(config, {"ingest": {"max_bytes": max_bytes}} if max_bytes is not None else None)
    if engine == "spark":
        from newsprism.spark_runner import analyze as run_spark

        summary = run_spark(list(paths), db, manifest, master=spark_master, out=spark_out,
                            progress=not no_progress, settings=settings)
    else:
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
@filter_options
@_one_line_errors
def export(db: str, fmt: str, out: str | None, include_background: bool, **filters: Any) -> None:
    """Export the stored record: JSON per SCHEMA.md, CSV per record type, or events as ACLED/PLOVER/GeoJSON.

    The filter options narrow what is written, as on the web desk's /events page: each record
    type by the filters it has (events by all; figures and quotes by story, outlet, dates, actor).

    Example: newsprism export --format acled --event-type Battles --date-from 2023-09-19
    """
    from newsprism.export import export as run
    from newsprism.store import Store

    spec = filter_spec(**filters)
    with Store(db, read_only=True) as store:
        text = run(store, fmt, out, include_background=include_background, filters=spec)
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
    with Store(db, read_only=True) as store:
        titles = {s["story_id"]: s.get("title") or "" for s in store.corpus("stories")}
        # a happening named as people read it: its kind of act, place and day
        happenings = {e["event_id"]: " ".join(str(x) for x in (
            e.get("acled_sub_event_type") or e.get("plover_type"), "in " + e["location"]["name"] if e.get("location") else None,
            "on " + e["date_start"] if e.get("date_start") else None) if x) for e in store.corpus("events")}
    click.echo(format_figures_table(reconciled, figs, articles, titles, happenings) if reconciled
               else "no figures in the store")


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
@click.option("--all", "include_all", is_flag=True,
              help="Also background history, denials, threats, plans and statements (flagged).")
@click.option("--include-background", is_flag=True, help="Also happenings told as background history (flagged).")
@filter_options
@_one_line_errors
def timeline(db: str, include_all: bool, include_background: bool, **filters: Any) -> None:
    """The dated happenings in order, each with its type, actors, place and sources.

    By default what really happened inside the story's period; --realis chooses other kinds
    (--realis negated: the denials), --include-background adds history, --all adds everything.

    Example: newsprism timeline --event-type Battles --date-from 2023-09-19 --date-to 2023-09-20
    """
    import newsprism
    from newsprism.export import format_timeline

    click.echo(format_timeline(newsprism.load_record(db), include_all=include_all,
                               include_background=include_background, filters=filter_spec(**filters)), nl=False)


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
@click.option("--speaker", help="Only speakers whose name contains this.")
@filter_options
@_one_line_errors
def quotes(db: str, speaker: str | None, **filters: Any) -> None:
    """Direct quotations by speaker, with the outlet that carried them (the filter options as on
    /quotes: story, outlet, dates, speaker as --actor).

    Example: newsprism quotes --speaker Pashinyan
    """
    from newsprism.export import format_quotes

    click.echo(format_quotes(_filtered_record(db, filters), None, speaker), nl=False)


def _filtered_record(db: str, filters: dict[str, Any]) -> dict[str, Any]:
    """The stored record narrowed by the filter options (a story it lacks: one-line error)."""
    import newsprism
    from newsprism.filters import filter_record

    return filter_record(newsprism.load_record(db), filter_spec(**filters))  # FilterError is a ConfigError


@cli.command()
@db_option
@filter_options
@_one_line_errors
def framing(db: str, **filters: Any) -> None:
    """How each outlet names the operation, the actors, victims, places and displacement, side by side.

    Cells: ● the outlet's own words, ○ only in a source it quotes, ◐ both.

    Example: newsprism framing --db newsprism.duckdb
    """
    from newsprism.framing import framing_table

    record = _filtered_record(db, filters)
    click.echo(framing_table(record["framing_terms"], record["articles"], stories=record["stories"]), nl=False)


# -- corrections ---------------------------------------------------------------------------------
by_option = click.option("--by", required=True, help="Who makes the correction (a name or initials).")
why_option = click.option("--why", required=True, help="Why (one line: the source, the rule).")


def _correct(db: str, kind: str, target: str, edits: list[tuple[str, object]], by: str, why: str) -> None:
    """Make each (field, value) correction of one record, print one line per correction."""
    from newsprism.corrections import CorrectionError, add_correction, make_correction
    from newsprism.store import Store

    if not edits:
        raise CorrectionError("nothing to correct: give a field option (see --help)")
    with Store(db) as store:
        for fld, value in edits:
            c = add_correction(store, make_correction(store, kind, target, fld, value, by, why))
            click.echo(f"{c.correction_id}: {kind} {target} {fld} corrected (applied to {c.applied_to})")


@cli.group()
def correct() -> None:
    """Correct the record: a coder's edits, stored on their own and applied on top of every run.

    Example: newsprism correct event EVENT_ID --reject --by AB --why "a denial, not an attack"

    More:

      newsprism correct event EVENT_ID --type Battles --sub-type "Armed clash" --by AB --why "two armed sides"

      newsprism correct figure FIGURE_ID --superseded --by AB --why "revised by the same ministry"

      newsprism correct merge KEEP_ID OTHER_ID --by AB --why "one ministry"

      newsprism correct list
    """


@correct.command("event")
@click.argument("event_id")
@db_option
@click.option("--reject", is_flag=True, help="Not a happening: take it off the record.")
@click.option("--type", "event_type", help="ACLED event type (Battles, Riots, ...).")
@click.option("--sub-type", "sub_event_type", help="ACLED sub-event type (Armed clash, ...).")
@click.option("--actor", "actors", multiple=True, help="An actor's name (repeat for several; '' for none).")
@click.option("--recipient", "recipients", multiple=True, help="A recipient's name (repeat for several).")
@click.option("--place", help="Where it happened (a place name).")
@click.option("--date", help="YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD for a range.")
@click.option("--fatalities", help="The number killed (ACLED's fatalities).")
@by_option
@why_option
@_one_line_errors
def correct_event(event_id: str, db: str, reject: bool, event_type: str | None, sub_event_type: str | None,
                  actors: tuple[str, ...], recipients: tuple[str, ...], place: str | None, date: str | None,
                  fatalities: str | None, by: str, why: str) -> None:
    """Reject an event, or correct its type, actors, recipients, place, date or fatalities."""
    edits: list[tuple[str, object]] = [("rejected", True)] if reject else []
    edits += [(f, v) for f, v in (("acled_event_type", event_type), ("acled_sub_event_type", sub_event_type),
                                  ("actors", list(actors) or None), ("recipients", list(recipients) or None),
                                  ("location", place), ("date", date), ("fatalities", fatalities)) if v is not None]
    _correct(db, "event", event_id, edits, by, why)


@correct.command("figure")
@click.argument("figure_id")
@db_option
@click.option("--superseded", is_flag=True, required=True, help="A later report replaces it: leave it out of the ranges.")
@by_option
@why_option
@_one_line_errors
def correct_figure(figure_id: str, db: str, superseded: bool, by: str, why: str) -> None:
    """Mark a figure as superseded."""
    _correct(db, "figure", figure_id, [("superseded", True)], by, why)


@correct.command("merge")
@click.argument("keep_id")
@click.argument("other_ids", nargs=-1, required=True)
@db_option
@by_option
@why_option
@_one_line_errors
def correct_merge(keep_id: str, other_ids: tuple[str, ...], db: str, by: str, why: str) -> None:
    """Merge entities OTHER_IDS into KEEP_ID (aliases, mentions and every reference)."""
    _correct(db, "entity", keep_id, [("merge", o) for o in other_ids], by, why)


@correct.command("split")
@click.argument("entity_id")
@click.option("--alias", "aliases", multiple=True, required=True, help="An alias that names another entity (repeat).")
@db_option
@by_option
@why_option
@_one_line_errors
def correct_split(entity_id: str, aliases: tuple[str, ...], db: str, by: str, why: str) -> None:
    """Split the given aliases off an entity into an entity of their own."""
    _correct(db, "entity", entity_id, [("split", list(aliases))], by, why)


@correct.command("list")
@db_option
@_one_line_errors
def correct_list(db: str) -> None:
    """Every correction: when, who, what, why, and whether it found its target on the last run."""
    from newsprism.corrections import format_corrections, stored_corrections
    from newsprism.store import Store

    with Store(db, read_only=True) as store:
        click.echo(format_corrections(stored_corrections(store)), nl=False)


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
