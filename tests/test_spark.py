"""The Spark engine gives the single-box record byte for byte (issue 15).

One local[2] Spark session serves the whole module (its Python workers keep the spaCy model
loaded between runs). Skips only when pyspark or Java is missing.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.export import export
from newsprism.pipeline import analyze
from newsprism.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
DEV2 = ROOT.parent.parent / "shared" / "eval" / "dev2" / "articles"
if not DEV2.is_dir():
    DEV2 = Path("/work/shared/eval/dev2/articles")

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")
if not shutil.which("java"):
    pytest.skip("no Java on this machine (the Spark engine needs a JRE 17+)", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from newsprism.spark_runner import _session

    session = _session("local[2]")
    yield session
    session.stop()


def _json(db: Path) -> str:
    with Store(db, read_only=True) as store:
        return export(store, "json", None)


def _spark_cli(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["analyze", *args, "--db", str(db), "--engine", "spark",
                                      "--spark-master", "local[2]", "--no-progress"])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("corpus", ["seeds", "dev2"])
def test_spark_export_equals_local_export_byte_for_byte(spark, tmp_path, corpus):
    folder = SEEDS if corpus == "seeds" else DEV2
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (dev2 lives in the shared eval folder)")
    manifest = folder / "manifest.csv"
    local = analyze([str(folder)], db=str(tmp_path / "local.duckdb"), manifest=str(manifest))
    code, out = _spark_cli(tmp_path / "spark.duckdb", str(folder), "--manifest", str(manifest))
    assert code == (1 if local.discarded else 0), out
    assert f"documents:  {local.documents} ({local.documents} read in this run)" in out
    expected = _json(tmp_path / "local.duckdb")
    assert _json(tmp_path / "spark.duckdb") == expected
    # the facts are on disk as Parquet too, one row per fact
    import duckdb

    with duckdb.connect() as con:
        facts = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/spark.duckdb.parquet/facts/*.parquet')"
                            " WHERE kind = 'figures'").fetchone()[0]
    with Store(tmp_path / "local.duckdb", read_only=True) as store:
        assert facts == len(store.facts("figures")) > 0

    if corpus == "seeds":  # an unchanged re-run reads the files but analyzes nothing
        code, out = _spark_cli(tmp_path / "spark.duckdb", str(folder), "--manifest", str(manifest))
        assert code == 0, out
        assert f"({0} read in this run)" in out
        assert _json(tmp_path / "spark.duckdb") == expected


def test_bad_files_on_spark_are_one_line_reasons_as_on_the_local_engine(spark, tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "blob.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 40)
    (bad / "empty.html").write_bytes(b"   \n")
    (bad / "lines.jsonl").write_text('{"text": 3}\n{not json\n', encoding="utf-8")
    (bad / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nab")[:-9])
    local = analyze([str(bad)], db=str(tmp_path / "local.duckdb"))
    assert len(local.discarded) == 5
    code, out = _spark_cli(tmp_path / "spark.duckdb", str(bad))
    assert code == 1
    lines = out.splitlines()
    listed = lines[lines.index("discarded:  5") + 1:][:5]
    assert listed == [f"  {d.path}: {d.reason}" for d in local.discarded]
    assert any("cut.warc.gz" in line and "WARC" in line for line in listed)
    assert _json(tmp_path / "spark.duckdb") == _json(tmp_path / "local.duckdb")


def test_a_listing_of_warcs_reads_like_the_warcs_themselves(tmp_path):
    """cc-pyspark's input: a file of WARC paths, one a line (Common Crawl's warc.paths.gz)."""
    from newsprism.spark_runner import _expand_listings

    (tmp_path / "a.warc.gz").write_bytes(b"")
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"# news\na.warc.gz\n/abs/b.warc\nhttps://example.org/c.warc.gz\n\n"))
    local, remote, bad = _expand_listings([str(listing), str(tmp_path / "x.txt")])
    assert local == [str(tmp_path / "a.warc.gz"), "/abs/b.warc", str(tmp_path / "x.txt")]
    assert remote == ["https://example.org/c.warc.gz"] and bad == []
