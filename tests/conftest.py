"""The one conftest: shared fixtures for the whole suite.

- ``nlp``: the pinned spaCy pipeline, loaded once per session.
- ``shared_dir``: ``../shared`` beside the checkout; tests that need it skip with a reason when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from newsprism.extract import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not beside this checkout (scored tests need its gold data)")
    return SHARED
