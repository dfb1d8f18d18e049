"""Read-only questions about rounds and their requests."""

from sqlalchemy import func, select

from scheduler.communes.models import Official
from scheduler.extensions import db
from scheduler.rounds.models import TopicRequest, TrainingRound
from scheduler.topics.models import Topic

OPEN_STATUSES = ("draft", "collecting", "scheduling", "published")


def current_round() -> TrainingRound | None:
    """The most recent round that is not closed."""
    query = (
        select(TrainingRound)
        .where(TrainingRound.status.in_(OPEN_STATUSES))
        .order_by(TrainingRound.start_date.desc(), TrainingRound.id.desc())
    )
    return db.session.scalars(query).first()


def request_counts_by_commune(round_id: int) -> dict[int, int]:
    """Number of requests per commune id in a round."""
    query = (
        select(Official.commune_id, func.count(TopicRequest.id))
        .join(TopicRequest, TopicRequest.official_id == Official.id)
        .where(TopicRequest.round_id == round_id)
        .group_by(Official.commune_id)
    )
    return dict(db.session.execute(query).all())


def request_counts_by_topic(round_id: int, commune_id: int | None = None) -> list[tuple]:
    """(topic, number of requests) in a round, optionally for one commune, by topic code."""
    query = (
        select(Topic, func.count(TopicRequest.id))
        .join(TopicRequest, TopicRequest.topic_id == Topic.id)
        .where(TopicRequest.round_id == round_id)
        .group_by(Topic.id)
        .order_by(Topic.code)
    )
    if commune_id is not None:
        query = query.join(Official, TopicRequest.official_id == Official.id).where(
            Official.commune_id == commune_id
        )
    return list(db.session.execute(query).all())


def requests_of_official(official_id: int) -> list[TopicRequest]:
    """Every request of one official, newest round first."""
    query = (
        select(TopicRequest)
        .join(TrainingRound)
        .where(TopicRequest.official_id == official_id)
        .order_by(TrainingRound.start_date.desc(), TopicRequest.topic_id)
    )
    return list(db.session.scalars(query))


def count_requests(round_id: int) -> int:
    """Number of requests in a round."""
    query = select(func.count(TopicRequest.id)).where(TopicRequest.round_id == round_id)
    return db.session.scalar(query) or 0
