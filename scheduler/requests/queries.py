"""Read-only questions about a commune's requests and the round's completion."""

from collections import defaultdict

from sqlalchemy import func, select

from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.rounds.models import RoundCommune, TopicRequest, TrainingRound


def priorities(round_id: int, official_ids: list[int]) -> dict[tuple[int, int], int]:
    """(official id, topic id) -> priority of these officials' requests in the round."""
    rows = db.session.execute(
        select(TopicRequest.official_id, TopicRequest.topic_id, TopicRequest.priority)
        .where(TopicRequest.round_id == round_id, TopicRequest.official_id.in_(official_ids))
    )
    return {(o, t): p for o, t, p in rows}


def count_of_commune(round_id: int, commune_id: int) -> int:
    """Number of the commune's requests in the round."""
    return db.session.scalar(
        select(func.count(TopicRequest.id)).join(Official)
        .where(TopicRequest.round_id == round_id, Official.commune_id == commune_id)
    ) or 0


def other_officials(commune: Commune) -> dict[str, str]:
    """Official code -> commune name, for the province's other communes."""
    rows = db.session.execute(
        select(Official.code, Commune.name).join(Commune)
        .where(Commune.province_id == commune.province_id, Commune.id != commune.id)
    )
    return dict(rows.all())


def completion(training_round: TrainingRound) -> list[dict]:
    """Per commune of the province: declaration, officials with requests, requests per topic."""
    per_topic: dict[int, dict[int, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(Official.commune_id, TopicRequest.topic_id, func.count(TopicRequest.id))
        .join(Official).where(TopicRequest.round_id == training_round.id)
        .group_by(Official.commune_id, TopicRequest.topic_id)
    )
    for commune_id, topic_id, n in rows:
        per_topic[commune_id][topic_id] = n
    people = dict(db.session.execute(
        select(Official.commune_id, func.count(func.distinct(TopicRequest.official_id)))
        .join(Official).where(TopicRequest.round_id == training_round.id)
        .group_by(Official.commune_id)).all())
    declared = {d.commune_id: d for d in db.session.scalars(
        select(RoundCommune).where(RoundCommune.round_id == training_round.id))}
    communes = db.session.scalars(select(Commune).where(
        Commune.province_id == training_round.province_id).order_by(Commune.name))
    return [{"commune": c, "declaration": declared.get(c.id), "officials": people.get(c.id, 0),
             "by_topic": per_topic[c.id], "total": sum(per_topic[c.id].values())}
            for c in communes]
