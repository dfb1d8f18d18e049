"""What each read-only page shows, on the Điện Biên demo."""

import re

import pytest
from sqlalchemy import func, select

from scheduler.auth.models import User
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.rounds.models import TopicRequest, TrainingRound
from scheduler.topics.models import Topic
from scheduler.venues.models import TravelTime, Venue


def rows(html: str) -> int:
    """Number of table body rows on a page."""
    return len(re.findall(r"<tr><td", html))


def officials_listed(html: str) -> int:
    """Number of links to official records on a page."""
    return len(re.findall(r'href="/communes/officials/\d+"', html))


@pytest.fixture()
def demo(app):
    """The demo users and a few counts, read inside an app context."""
    with app.app_context():
        users = {u.role: u for u in db.session.scalars(select(User))}
        focal_commune = db.session.get(Commune, users["focal_point"].commune_id)
        yield {
            "users": users,
            "commune": focal_commune,
            "round": db.session.scalars(select(TrainingRound)).one(),
            "requests": db.session.scalar(select(func.count(TopicRequest.id))),
            "commune_requests": db.session.scalar(
                select(func.count(TopicRequest.id)).join(Official)
                .where(Official.commune_id == focal_commune.id)
            ),
        }


def test_planner_dashboard_counts(planner_client, demo):
    """The dashboard counts communes and officials and names the open round."""
    text = planner_client.get("/").text
    assert "<strong>45</strong>" in text
    assert demo["round"].name in text
    assert f"{demo['requests']} yêu cầu" in text


def test_communes_list_has_every_commune_with_its_counts(planner_client, demo):
    """45 rows; the request counts add up to the round's requests."""
    text = planner_client.get("/communes/").text
    assert rows(text) == 45
    assert "Xã Mường Nhé" in text and "Phường Điện Biên Phủ" in text
    counts = re.findall(r'<td class="num">(\d+)</td></tr>', text)
    assert sum(map(int, counts)) == demo["requests"]


def test_officials_of_a_commune_are_paginated(planner_client, demo, app):
    """Fifty officials per page, and the last page holds the rest."""
    commune = demo["commune"]
    per_page = app.config["PER_PAGE"]
    first = planner_client.get(f"/communes/{commune.id}").text
    assert f"({commune.staff})" in first
    assert officials_listed(first) == per_page
    pages = -(-commune.staff // per_page)
    assert f"Trang 1 / {pages}" in first
    last = planner_client.get(f"/communes/{commune.id}?page={pages}").text
    assert officials_listed(last) == commune.staff - per_page * (pages - 1)


def test_focal_point_home_shows_its_commune_and_its_requests(focal_client, demo):
    """The focal point sees its commune and the number of its requests per topic."""
    text = focal_client.get("/").text
    assert "<h1>Xã Mường Nhé</h1>" in text
    counts = re.findall(r'<td class="num">(\d+)</td></tr>', text)
    assert sum(map(int, counts)) == demo["commune_requests"] > 0


def test_official_home_shows_their_own_record(official_client, app, demo):
    """The official sees their name, position, commune and requests."""
    with app.app_context():
        official = db.session.get(Official, demo["users"]["official"].official_id)
        requests = db.session.scalar(
            select(func.count(TopicRequest.id)).where(TopicRequest.official_id == official.id)
        )
        name, position = official.name, official.position
    text = official_client.get("/").text
    assert f"<h1>{name}</h1>" in text and position in text and "Xã Mường Nhé" in text
    assert text.count('<td class="num">') == requests


def test_trainer_home_shows_topics_and_unavailability(trainer_client, app, demo):
    """The trainer sees their topics and their unavailable half-days in Vietnamese."""
    with app.app_context():
        trainer = demo["users"]["trainer"].trainer
        topics = [t.name for t in trainer.topics]
        unavailable = list(trainer.unavailable)
    text = trainer_client.get("/").text
    for name in topics:
        assert name in text
    assert text.count("<li>Thứ ") == len(unavailable)


def test_topics_page_lists_every_topic(planner_client, app):
    """Every topic with its size limits."""
    with app.app_context():
        topics = db.session.scalars(select(Topic)).all()
        expected = [(t.name, f"{t.min_size}–{t.max_size}") for t in topics]
    text = planner_client.get("/topics/").text
    assert rows(text) == len(expected)
    for name, sizes in expected:
        assert name in text and sizes in text


def test_venue_page_lists_travel_times(planner_client, app):
    """An in-person venue lists the travel time from every commune that can reach it."""
    with app.app_context():
        venue = db.session.scalars(select(Venue).where(Venue.online.is_(False))).first()
        reachable = db.session.scalar(
            select(func.count()).select_from(TravelTime).where(TravelTime.venue_id == venue.id)
        )
        venue_id = venue.id
    assert "Trường Chính trị" in planner_client.get("/venues/").text
    text = planner_client.get(f"/venues/{venue_id}").text
    assert text.count("Ước tính từ tọa độ") == reachable > 0


def test_round_pages_and_instance_download(planner_client, demo):
    """The rounds list, the round page, and its instance document as a download."""
    training_round = demo["round"]
    assert training_round.name in planner_client.get("/rounds/").text
    text = planner_client.get(f"/rounds/{training_round.id}").text
    assert "Đang thu thập nhu cầu" in text
    response = planner_client.get(f"/rounds/{training_round.id}/instance.json")
    assert "attachment" in response.headers["Content-Disposition"]
    doc = response.get_json()
    assert doc["format"] == "commune-training-instance/1"
    assert len(doc["requests"]) == demo["requests"]
