"""Docs are tested against code: every CLI command is in the README, the public API is pinned."""

from __future__ import annotations

from pathlib import Path

import newsprism
from newsprism.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text()


def test_docs_every_command_in_readme():
    for name, command in cli.commands.items():
        assert f"newsprism {name}" in README, name
        assert "Example:" in (command.help or ""), name


def test_docs_readme_starts_with_the_two_commands():
    lines = [ln for ln in README.splitlines() if ln.startswith("make ")]
    assert [ln.split()[1] for ln in lines[:2]] == ["demo", "test"]


def test_docs_ci_runs_the_readme_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in README


def test_docs_public_api_is_pinned():
    assert sorted(newsprism.__all__) == sorted([
        "ConfigError", "InputError", "NewsprismError", "StoreError", "Summary", "__version__", "analyze",
        "load_record",
    ])
    for name in newsprism.__all__:
        assert hasattr(newsprism, name)
