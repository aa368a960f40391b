"""newsprism: raw news pages about an armed conflict in, a sourced and reconciled record out.

>>> import newsprism
>>> summary = newsprism.analyze(["examples/seeds"], db="seeds.duckdb")
>>> record = newsprism.load_record("seeds.duckdb")
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any

from newsprism.errors import ConfigError, InputError, NewsprismError, StoreError
from newsprism.pipeline import Summary, analyze


def load_record(db: str) -> dict[str, Any]:
    """The stored record as the JSON export's dict (read-only)."""
    from newsprism.export import build_record
    from newsprism.store import Store

    with Store(db, read_only=True) as store:
        return build_record(store)


__all__ = [
    "ConfigError",
    "InputError",
    "NewsprismError",
    "StoreError",
    "Summary",
    "__version__",
    "analyze",
    "load_record",
]
