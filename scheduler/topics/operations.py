"""Verbs on topics: save one from a form, delete one nothing refers to, find prerequisite cycles."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from scheduler.communes.models import official_completed_topic
from scheduler.extensions import db
from scheduler.formfields import InUse
from scheduler.planning.models import TrainingClass
from scheduler.rounds.models import TopicRequest, round_topic
from scheduler.topics.models import Topic, topic_prerequisite
from scheduler.trainers.models import Trainer

FIELDS = ("code", "name", "field", "sessions", "min_size", "max_size", "modes")


def prerequisite_cycle(topic_id: int | None, prerequisite_ids: list[int]) -> list[str]:
    """Codes along a cycle the prerequisites would close through the topic, or []."""
    if topic_id is None:
        return []  # a new topic has no dependants yet, so it cannot close a cycle
    edges: dict[int, list[int]] = {}
    for src, dst in db.session.execute(select(topic_prerequisite)):
        if src != topic_id:
            edges.setdefault(src, []).append(dst)
    edges[topic_id] = list(prerequisite_ids)
    path = _path_back(topic_id, edges)
    if not path:
        return []
    codes = dict(db.session.execute(select(Topic.id, Topic.code)).all())
    return [codes[i] for i in path]


def _path_back(start: int, edges: dict[int, list[int]]) -> list[int]:
    """A path start → … → start along the edges, or []."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in edges.get(node, []):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def save_topic(topic: Topic | None, data: dict) -> Topic:
    """Create a topic, or update one, from the form's data; flush."""
    if topic is None:
        topic = Topic()
        db.session.add(topic)
    for name in FIELDS:
        value = data[name]
        setattr(topic, name, value.strip() if isinstance(value, str) else value)
    topic.prerequisites = _by_ids(Topic, data["prerequisites"])
    topic.trainers = _by_ids(Trainer, data["trainers"])
    db.session.flush()
    return topic


def _by_ids(model, ids: list[int]) -> list:
    """The records with these ids."""
    return list(db.session.scalars(select(model).where(model.id.in_(ids or [])))) if ids else []


def delete_topic(topic: Topic) -> None:
    """Delete a topic that no round, request, class, topic or official refers to; flush."""
    checks = (
        (round_topic.c.topic_id == topic.id, _l("a training round offers it")),
        (TopicRequest.topic_id == topic.id, _l("officials requested it")),
        (TrainingClass.topic_id == topic.id, _l("classes teach it")),
        (topic_prerequisite.c.prerequisite_id == topic.id, _l("another topic requires it")),
        (official_completed_topic.c.topic_id == topic.id, _l("officials have completed it")),
    )
    for condition, reason in checks:
        if db.session.scalar(select(exists().where(condition))):
            raise InUse(reason)
    db.session.delete(topic)
    db.session.flush()
