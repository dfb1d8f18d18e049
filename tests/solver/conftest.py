"""Fixtures of the solver tests; shared builders live in builders.py."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not add the project root
    sys.path.insert(0, str(ROOT))

from builders import Case, tiny_doc  # noqa: E402


@pytest.fixture
def case() -> Case:
    """The small valid instance with its valid two-class timetable, ready to edit."""
    return Case()


@pytest.fixture
def tiny() -> dict:
    """The tiny fixture instance document."""
    return tiny_doc()
