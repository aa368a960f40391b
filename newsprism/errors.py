"""The errors newsprism raises on purpose.

    NewsprismError                 base: the CLI prints its one-line message and exits non-zero
     ├── InputError(path, reason)  one input cannot be used; the pipeline records it as Discarded
     ├── ConfigError               settings, manifest or model set-up is wrong
     └── StoreError                the database file cannot be opened or written

Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose; ``str()`` is one line."""


class InputError(NewsprismError):
    """An input (file, WARC record, JSONL line, manifest row) that cannot be used."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ConfigError(NewsprismError):
    """Settings, manifest or NLP model set-up is wrong; the message says what to do next."""


class StoreError(NewsprismError):
    """The DuckDB store cannot be opened, migrated or written."""
