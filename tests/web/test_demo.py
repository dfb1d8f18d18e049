"""The Điện Biên demo: real units from the registry, realistic counts, a valid instance export."""

import json
from collections import Counter

import jsonschema
import pytest
from referencing import Registry, Resource
from sqlalchemy import func, select

from scheduler import ROOT
from scheduler.auth.models import ROLES, User
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.planning.mapping import export_round
from scheduler.rounds.models import TopicRequest, TrainingRound
from solver.checks import instance_errors
from solver.generate import generate, province_units


def schema_validator() -> jsonschema.Draft202012Validator:
    """The contract's instance schema, which refers to the solution schema by relative $id."""
    folder = ROOT / "solver" / "contract"
    docs = {n: json.loads((folder / n).read_text()) for n in
            ("instance.schema.json", "solution.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc)) for name, doc in docs.items()
    )
    return jsonschema.Draft202012Validator(docs["instance.schema.json"], registry=registry)


@pytest.fixture(scope="module")
def exported(app) -> dict:
    """The demo round as an instance document."""
    with app.app_context():
        return export_round(db.session.scalars(select(TrainingRound)).one())


def test_demo_has_the_45_real_units_of_dien_bien(app):
    """45 communes and wards with the registry's official codes, names and coordinates."""
    units = {u.code: u for u in province_units("Điện Biên")}
    with app.app_context():
        communes = db.session.scalars(select(Commune)).all()
    assert len(communes) == 45
    assert {c.code for c in communes} == set(units)
    names = {c.name for c in communes}
    assert {"Xã Mường Nhé", "Phường Điện Biên Phủ", "Phường Mường Lay"} <= names
    for c in communes:
        assert (c.lat, c.lon) == (units[c.code].lat, units[c.code].lon)
        assert c.kind in ("xa", "phuong")


def test_demo_has_about_3000_officials_matching_each_commune_staff(app):
    """Staff of 50–110 per commune, about 3,000 officials in all, each counted in its commune."""
    with app.app_context():
        per_commune = Counter(dict(db.session.execute(
            select(Official.commune_id, func.count(Official.id)).group_by(Official.commune_id)
        ).all()))
        communes = db.session.scalars(select(Commune)).all()
    assert 2500 <= sum(per_commune.values()) <= 3500
    for c in communes:
        assert 50 <= c.staff <= 110
        assert per_commune[c.id] == c.staff


def test_demo_round_is_collecting_requests(app):
    """One open round in status 'collecting', with its thousands of topic requests."""
    with app.app_context():
        training_round = db.session.scalars(select(TrainingRound)).one()
        requests = db.session.scalar(select(func.count(TopicRequest.id)))
        assert training_round.status == "collecting"
        assert training_round.request_deadline_date < training_round.start_date
        assert len(training_round.topics) >= 10
    assert requests > 2000


def test_demo_has_one_login_per_role(app):
    """A planner, Mường Nhé's focal point, one of its officials, a trainer."""
    with app.app_context():
        users = {u.role: u for u in db.session.scalars(select(User))}
        assert set(users) == set(ROLES)
        assert users["focal_point"].commune.name == "Xã Mường Nhé"
        assert users["official"].official.commune.name == "Xã Mường Nhé"
        assert users["trainer"].trainer.topics


def test_export_passes_the_schema_and_the_solver_checks(exported):
    """The demo round exports to a valid contract instance."""
    schema_validator().validate(exported)
    assert instance_errors(exported) == []


def sort_lists(doc):
    """A copy with every list of records sorted by id (and requests by pair), for comparison."""
    if isinstance(doc, dict):
        return {k: sort_lists(v) for k, v in doc.items()}
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        return sorted((sort_lists(x) for x in doc), key=lambda d: json.dumps(d, sort_keys=True))
    if isinstance(doc, list) and all(isinstance(x, str) for x in doc):
        return sorted(doc)
    return doc


def test_export_gives_back_the_generated_instance(app, exported):
    """Import then export loses nothing: the model maps one-to-one onto the contract."""
    config = app.config
    original = generate(province=config["DEMO_PROVINCE"], weeks=config["DEMO_WEEKS"],
                        seed=config["DEMO_SEED"])
    original.setdefault("fixed_classes", [])
    assert sort_lists(exported) == sort_lists(original)


def test_seed_demo_if_empty_leaves_a_loaded_database_alone(runner, app):
    """`seed-demo --if-empty` does nothing on a loaded database; plain `seed-demo` refuses."""
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "skipped" in result.output
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count(Commune.id))) == 45
