"""planning/mapping.py: an instance document survives import and export; classes go in and out."""

import copy
import json

import pytest
from sqlalchemy import select

from scheduler import ROOT
from scheduler.extensions import db
from scheduler.planning.mapping import export_classes, export_round, import_instance, store_classes
from scheduler.planning.models import TrainingClass
from scheduler.topics.models import Topic
from solver.checks import instance_errors
from solver.instance import from_dict

CLASS = {"id": "K1", "topic": "T1", "trainer": "R1", "venue": "V1", "mode": "in_person",
         "sessions": ["2026-03-03:am", "2026-03-03:pm"], "officials": ["O01", "O02", "O03", "O05"]}


@pytest.fixture()
def tiny() -> dict:
    """The contract's small example, with one published class."""
    doc = json.loads((ROOT / "tests" / "fixtures" / "tiny-instance.json").read_text())
    doc["fixed_classes"] = [copy.deepcopy(CLASS)]
    return doc


def canonical(doc: dict):
    """The instance as the solver reads it, with records in a fixed order."""
    doc = copy.deepcopy(doc)
    for key in ("topics", "trainers", "venues", "communes", "officials"):
        doc[key].sort(key=lambda r: r["id"])
    doc["requests"].sort(key=lambda r: (r["official"], r["topic"]))
    return from_dict(doc)


def test_tiny_instance_round_trips(blank_app, tiny):
    """Import then export gives the same instance, prerequisites and published class included."""
    with blank_app.app_context():
        training_round = import_instance(tiny, "Điện Biên")
        db.session.commit()
        exported = export_round(training_round)
    assert instance_errors(exported) == []
    assert canonical(exported) == canonical(tiny)
    assert exported["fixed_classes"] == [CLASS]


def test_round_exports_prerequisites_it_does_not_offer(blank_app, tiny):
    """A prerequisite not on offer is exported (references resolve) but gets no requests."""
    with blank_app.app_context():
        training_round = import_instance(tiny, "Điện Biên")
        training_round.topics = [t for t in training_round.topics if t.code == "T2"]
        db.session.flush()
        exported = export_round(training_round)
    assert [t["id"] for t in exported["topics"]] == ["T1", "T2"]
    assert {r["topic"] for r in exported["requests"]} == {"T2"}
    assert instance_errors(exported) == []


def test_store_classes_keeps_slots_in_order(blank_app, tiny):
    """A solution's classes become draft rows with sessions and seats, and export back unchanged."""
    with blank_app.app_context():
        training_round = import_instance(tiny, "Điện Biên")
        draft = dict(CLASS, id="K2", sessions=["2026-03-05:pm", "2026-03-05:am"])
        store_classes(training_round, [draft], state="draft")
        db.session.commit()
        stored = db.session.scalars(select(TrainingClass).filter_by(state="draft")).one()
        assert [s.slot for s in stored.sessions] == ["2026-03-05:am", "2026-03-05:pm"]
        assert stored.topic == db.session.scalars(select(Topic).filter_by(code="T1")).one()
        back = export_classes(training_round, state="draft")
    assert back == [dict(draft, sessions=["2026-03-05:am", "2026-03-05:pm"])]
