"""The Spark runner: the single-box record, with the per-article work spread over a cluster.

    driver:    plan the inputs (``ingest.plan``; ``*.paths`` listings of WARCs, the cc-pyspark way)
    executors: read each file (``ingest.read_guarded``; a WARC streamed record by record)
               -> raw documents -> ``analyze_guarded`` per partition, the spaCy model loaded once
               per Python worker (a module global, never pickled)
               -> Parquet: documents/, articles/, facts/, discarded/ under ``out``
    driver:    DuckDB reads the Parquet, in input order, into the store (``store_analyzed``, the
               local path's own writer), then ``corpus_stage``, in one transaction

so ``export`` gives the record the local engine gives, byte for byte. A document whose version
(``document_version``) is already in the store is read but not analyzed again. The corpus stage
stays on the driver: it is a fraction of the per-article cost (issue 15) and needs the whole
corpus at once; DuckDB streams it from the store.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError
from newsprism.pipeline import Summary, analyze_guarded, corpus_stage, document_version, store_analyzed
from newsprism.records import Article, Discarded, RawDocument, from_json, to_json
from newsprism.settings import Settings, load_settings
from newsprism.store import Store

LISTING_SUFFIXES = (".paths", ".paths.gz")  # Common Crawl's warc.paths.gz: one WARC per line
DOCS_PER_PARTITION = 50  # small enough for a steady progress line, large enough to amortise a task

_DOC_FIELDS = tuple(to_json(RawDocument("", "", "", "", None, None, None, None, None, None, None, None, "")))


def analyze(
    paths: list[str],
    db: str,
    manifest: str | None = None,
    *,
    master: str | None = None,
    out: str | None = None,
    progress: bool = False,
    settings: Settings | None = None,
    spark: Any = None,
) -> Summary:
    """``pipeline.analyze`` with the per-article work on Spark; the same store, the same record.

    Args:
        paths: files, folders, and ``*.paths`` listings (one WARC path or http(s) URL a line).
        db: the DuckDB store (on the driver).
        master: the Spark master (``local[2]``, ``spark://host:7077``, ``yarn``); None takes
            spark-submit's, else Spark's default.
        out: where the Parquet goes (a folder driver and executors both see); ``DB.parquet`` by default.
        spark: an existing SparkSession to use (tests share one); it is left running.

    Raises:
        ConfigError: pyspark or Java is missing.
        StoreError: the database cannot be opened or written.
    """
    started = time.perf_counter()
    settings = settings or load_settings()
    # a session already running in this process (a test's, a notebook's) is used and left running
    own = spark is None and not _running()
    session = spark if spark is not None else _session(master)
    out_dir = Path(out or f"{db}.parquet").resolve()
    try:
        with Store(db) as store:
            summary = _run(session, store, paths, manifest, settings, out_dir, progress)
    finally:
        if own:
            session.stop()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(spark: Any, store: Store, paths: list[str], manifest: str | None, settings: Settings, out_dir: Path,
         progress: bool) -> Summary:
    from pyspark import StorageLevel

    from newsprism.ingest import plan

    local_paths, remote, bad_listings = _expand_listings(paths)
    files, discarded, skipped = plan(local_paths, manifest)
    tasks = [(display, str(real), row) for display, real, row in files] + [(url, None, None) for url in remote]
    summary = Summary(skipped_files=len(skipped), skipped=skipped)
    sc = spark.sparkContext
    max_bytes = settings.ingest.max_bytes

    # read: one file per task where there are few, else files grouped; items keep input order
    read = (sc.parallelize(list(enumerate(tasks)), _slices(len(tasks), sc.defaultParallelism, 1))
            .flatMap(lambda task: _read_task(task, max_bytes))
            .persist(StorageLevel.MEMORY_AND_DISK))
    # what was read, without the texts: (seq, "doc", path, doc_id, version) or (seq, "bad", path, reason, None)
    seen = read.map(_headline).collect() if tasks else []
    known = store.document_versions()
    read_paths = [path for _, kind, path, _, _ in seen if kind == "doc"]
    todo = {seq for seq, kind, _, doc_id, version in seen if kind == "doc" and known.get(doc_id) != version}
    discarded = bad_listings + discarded + [Discarded(path, reason) for _, kind, path, reason, _ in seen if kind == "bad"]

    failed: list[Discarded] = []
    if todo:
        failed = _analyze_on_spark(spark, read, todo, out_dir, progress)
    read.unpersist()
    summary.discarded = discarded + failed
    with store.transaction():
        if todo:
            _load_parquet(store, out_dir)
        failed_paths = {d.path for d in failed}
        store.record_discarded(summary.discarded, sorted(set(read_paths) - failed_paths))
        corpus_stage(store, settings)
    summary.new_documents = len(todo) - len(failed)
    _fill_counts(summary, store)
    return summary


def _analyze_on_spark(spark: Any, read: Any, todo: set[int], out_dir: Path, progress: bool) -> list[Discarded]:
    """Analyze the documents ``todo`` names on the executors and write their facts as Parquet;
    returns the documents that failed (each with its one-line reason)."""
    from pyspark import StorageLevel
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    sc = spark.sparkContext
    wanted = sc.broadcast(todo)
    docs_done, articles_done = sc.accumulator(0), sc.accumulator(0)

    def count(items: Iterator[tuple]) -> Iterator[tuple]:
        for item in items:
            if item[1] in ("doc", "bad"):
                docs_done.add(1)
            elif item[1] == "art":
                articles_done.add(1)
            yield item

    results = (read.filter(lambda it: it[1] == "doc" and it[0] in wanted.value)
               .repartition(_slices(len(todo), sc.defaultParallelism, DOCS_PER_PARTITION))
               .mapPartitions(_analyze_partition)
               .mapPartitions(count)
               .persist(StorageLevel.MEMORY_AND_DISK))
    text = StringType()
    schemas = {
        "documents": [("seq", LongType())] + [(f, text) for f in _DOC_FIELDS] + [("version", text)],
        "articles": [("seq", LongType()), ("article_seq", LongType()), ("article_id", text), ("article", text),
                     ("nlp_text", text)],
        "facts": [("seq", LongType()), ("ord", LongType()), ("article_id", text), ("kind", text), ("id", text),
                  ("data", text)],
        "discarded": [("seq", LongType()), ("path", text), ("reason", text)],
    }
    tag = {"documents": "doc", "articles": "art", "facts": "fact", "discarded": "bad"}
    shutil.rmtree(out_dir, ignore_errors=True)
    with _Progress(len(todo), docs_done, articles_done, enabled=progress):
        for name, columns in schemas.items():
            schema = StructType([StructField(c, t, c not in ("seq",)) for c, t in columns])
            rows = results.filter(lambda it, t=tag[name]: it[1] == t).map(lambda it: (it[0],) + tuple(it[2:]))
            spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(out_dir.joinpath(name).as_uri())
    failed = results.filter(lambda it: it[1] == "bad").map(lambda it: (it[0], it[2], it[3])).collect()
    results.unpersist()
    wanted.destroy()
    return [Discarded(path, reason) for _, path, reason in sorted(failed)]


# -- on the executors ---------------------------------------------------------------------------

_NLP: Any = None  # the spaCy pipeline of this Python worker: loaded at its first document, reused


def _worker_nlp() -> Any:
    global _NLP
    if _NLP is None:
        from newsprism.extract import build_nlp

        _NLP = build_nlp()
    return _NLP


def _read_task(task: tuple[int, tuple[str, str | None, Any]], max_bytes: int) -> Iterator[tuple]:
    """One input file -> ("doc", seq, document JSON, version) and ("bad", seq, {path, reason})
    items; ``seq`` orders them as the local path reads them (file, then place in the file)."""
    from newsprism.ingest import WARC_SUFFIXES, iter_warc_documents, read_guarded

    index, (display, real, row) = task
    fetched = None
    try:
        if real is None:  # a URL from a listing: fetched to a local file first
            fetched, problem = _fetch(display)
            if problem:
                yield (index << 32, "bad", {"path": display, "reason": problem})
                return
            real = fetched
        path = Path(real)
        if path.name.lower().endswith(WARC_SUFFIXES):
            # streamed, each record under its own budget: a news WARC is ~1 GB, beyond any per-file limit
            items: Iterable[RawDocument | Discarded] = iter_warc_documents(display, path, record_seconds=120.0)
        else:
            docs, bad = read_guarded(display, path, row, max_bytes)
            items = _in_file_order(docs, bad)
        for n, item in enumerate(items):
            seq = (index << 32) + n
            if isinstance(item, RawDocument):
                yield (seq, "doc", to_json(item), document_version(item))
            else:
                yield (seq, "bad", {"path": item.path, "reason": item.reason})
    finally:
        if fetched:
            os.unlink(fetched)


def _headline(item: tuple) -> tuple:
    seq, kind, data = item[:3]
    if kind == "doc":
        return seq, kind, data["path"], data["doc_id"], item[3]
    return seq, kind, data["path"], data["reason"], None


def _in_file_order(docs: list[RawDocument], bad: list[Discarded]) -> list[RawDocument | Discarded]:
    """``read_guarded`` returns documents and bad parts apart; the local summary lists the bad
    parts of a file after its documents, and so does this order."""
    return [*docs, *bad]


def _fetch(url: str) -> tuple[str | None, str | None]:
    """Download a WARC named by URL to a temporary file: (its path, None) or (None, why not)."""
    import urllib.request

    from newsprism.ingest import one_line

    suffix = ".warc.gz" if url.lower().endswith(".gz") else ".warc"
    handle, tmp = tempfile.mkstemp(suffix=suffix, prefix="newsprism-")
    try:
        with os.fdopen(handle, "wb") as fh, urllib.request.urlopen(url, timeout=60) as resp:  # noqa: S310  listed by the user
            shutil.copyfileobj(resp, fh, 1 << 20)
        return tmp, None
    except Exception as exc:  # noqa: BLE001  one unreachable WARC must not end the run
        os.unlink(tmp)
        return None, f"could not be fetched ({type(exc).__name__}: {one_line(exc, 200)})"


def _analyze_partition(items: Iterator[tuple]) -> Iterator[tuple]:
    """Every document of one partition through ``analyze_guarded``, as Parquet-bound rows."""
    nlp = _worker_nlp()
    for seq, _, doc_json, version in items:
        document = from_json(RawDocument, doc_json)
        analyzed = analyze_guarded(nlp, document)
        if isinstance(analyzed, Discarded):
            yield (seq, "bad", analyzed.path, analyzed.reason)
            continue
        yield (seq, "doc", *(doc_json[f] for f in _DOC_FIELDS), version)
        order = 0
        for n, (article, nlp_text, facts) in enumerate(analyzed):
            yield (seq, "art", n, article.article_id, json.dumps(to_json(article), ensure_ascii=False), nlp_text)
            for kind, pairs in facts.items():
                for fact_id, data in pairs:
                    yield (seq, "fact", order, article.article_id, kind, fact_id, json.dumps(data, ensure_ascii=False))
                    order += 1


# -- back on the driver ---------------------------------------------------------------------------

def _load_parquet(store: Store, out_dir: Path) -> None:
    """Every analyzed document from the Parquet into the store, in input order, through the local
    path's writer. DuckDB reads the three datasets as sorted streams (memory flat in corpus size)."""
    import duckdb

    con = duckdb.connect()
    try:
        def stream(name: str, columns: str, order: str) -> Iterator[tuple]:
            files = sorted(out_dir.joinpath(name).glob("*.parquet"))
            if not files:
                return
            cur = con.cursor()
            cur.execute(f"SELECT {columns} FROM read_parquet(?) ORDER BY {order}", [[str(f) for f in files]])
            while batch := cur.fetchmany(2000):
                yield from batch

        docs = stream("documents", "seq, " + ", ".join(_DOC_FIELDS) + ", version", "seq")
        arts = _Peek(stream("articles", "seq, article, nlp_text", "seq, article_seq"))
        facts = _Peek(stream("facts", "seq, article_id, kind, id, data", "seq, ord"))
        for row in docs:
            seq = row[0]
            document = RawDocument(*row[1:-1])
            by_article: dict[str, dict[str, list[tuple[str, Any]]]] = {}
            for _, article_id, kind, fact_id, data in facts.take_while(seq):
                by_article.setdefault(article_id, {}).setdefault(kind, []).append((fact_id, json.loads(data)))
            analyzed = []
            for _, article_json, nlp_text in arts.take_while(seq):
                article = from_json(Article, json.loads(article_json))
                analyzed.append((article, nlp_text, by_article.get(article.article_id, {})))
            if document_version(document) != row[-1]:
                raise ConfigError(f"{out_dir}: the executors run another pipeline version than the driver")
            store_analyzed(store, document, analyzed)
    finally:
        con.close()


class _Peek:
    """A sorted row stream read group by group (rows whose first column is one ``seq``)."""

    def __init__(self, rows: Iterator[tuple]) -> None:
        self._rows = rows
        self._next: tuple | None = next(rows, None)

    def take_while(self, seq: int) -> Iterator[tuple]:
        while self._next is not None and self._next[0] <= seq:
            row, self._next = self._next, next(self._rows, None)
            if row[0] == seq:
                yield row


def _fill_counts(summary: Summary, store: Store) -> None:
    counts = store.counts()
    summary.counts = counts
    summary.documents = counts["documents"]
    summary.articles = counts["articles"]
    summary.entities = counts.get("entities", 0)
    arts = store.articles()
    summary.on_topic = sum(1 for a, _ in arts if a.on_topic)
    summary.duplicates = sum(1 for a, _ in arts if a.duplicate_of)


def _expand_listings(paths: list[str]) -> tuple[list[str], list[str], list[Discarded]]:
    """``*.paths`` / ``*.paths.gz`` listings (cc-pyspark's input: one WARC a line, a path relative
    to the listing or an http(s) URL) into local paths and URLs; other paths pass through."""
    local, remote, bad = [], [], []
    for given in paths:
        if not given.lower().endswith(LISTING_SUFFIXES) or not os.path.isfile(given):
            local.append(given)
            continue
        try:
            raw = Path(given).read_bytes()
            text = (gzip.decompress(raw) if given.lower().endswith(".gz") else raw).decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            bad.append(Discarded(given, f"unreadable WARC listing ({type(exc).__name__})"))
            continue
        for line in text.splitlines():
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            if entry.startswith(("http://", "https://")):
                remote.append(entry)
            else:
                local.append(entry if os.path.isabs(entry) else os.path.join(os.path.dirname(given), entry))
    return local, remote, bad


def _slices(items: int, parallelism: int, per: int) -> int:
    """Partitions for ``items``: at least two per core, at most ``per`` items in each."""
    return max(1, min(items, max(2 * parallelism, math.ceil(items / per))))


def _running() -> bool:
    try:
        from pyspark import SparkContext
    except ImportError:
        return False
    return SparkContext._active_spark_context is not None  # noqa: SLF001  pyspark has no public test for it


def _session(master: str | None) -> Any:
    """A SparkSession for this run. Local masters run the workers on this interpreter and this
    checkout; on a cluster, PYSPARK_PYTHON names the venv shipped to the executors (docs/spark.md)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("the Spark engine needs pyspark (pip install pyspark==4.3.0)") from None
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise ConfigError("the Spark engine needs Java 17 or later (apt-get install openjdk-17-jre-headless)")
    builder = SparkSession.builder.appName("newsprism").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # a local run listens on loopback only
        root = str(Path(__file__).resolve().parent.parent)
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != root]
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])  # the workers import this checkout
        builder = builder.config("spark.ui.enabled", "false")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class _Progress:
    """Documents and articles per second and the ETA, on stderr, while the executors work
    (accumulators reach the driver as tasks finish)."""

    def __init__(self, total: int, docs: Any, articles: Any, *, enabled: bool, every: float = 5.0) -> None:
        self.total, self.docs, self.articles, self.enabled, self.every = total, docs, articles, enabled, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> _Progress:
        self.started = time.perf_counter()
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.enabled:
            self._thread.join()
            self._line(final=True)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._line()

    def _line(self, final: bool = False) -> None:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        docs, articles = min(self.docs.value, self.total), self.articles.value
        rate = docs / elapsed
        eta = "" if final or not docs else f", ETA {_clock((self.total - docs) / rate)}"
        print(f"spark: {docs}/{self.total} documents, {articles} articles, {articles / elapsed:.1f} articles/s"
              f"{eta} ({_clock(elapsed)})", file=sys.stderr, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
