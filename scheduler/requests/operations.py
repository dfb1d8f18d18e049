"""Verbs on a commune's requests for a round: save, import, declare, submit."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from scheduler import halfdays
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.rounds.models import RoundCommune, TopicRequest, TrainingRound
from scheduler.topics.models import Topic

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> date:
    """Today's date in Vietnam (the deadline is a Vietnamese calendar date)."""
    return datetime.now(LOCAL).date()


def requests_open(training_round: TrainingRound) -> bool:
    """Communes may change requests while the round collects them, up to the deadline."""
    deadline = training_round.request_deadline_date
    return training_round.status == "collecting" and (deadline is None or today() <= deadline)


def declaration_of(training_round: TrainingRound, commune: Commune) -> RoundCommune:
    """The commune's declaration for the round, created from its standing answers if missing."""
    row = db.session.get(RoundCommune, (training_round.id, commune.id))
    if row is None:
        row = RoundCommune(round_id=training_round.id, commune_id=commune.id,
                           online_capable=commune.online_capable, unavailable=[])
        db.session.add(row)
        db.session.flush()
    return row


def save_requests(training_round: TrainingRound, official_ids: list[int],
                  chosen: dict[tuple[int, int], int]) -> int:
    """Replace the round's requests of these officials by the chosen priorities; flush."""
    db.session.execute(delete(TopicRequest).where(
        TopicRequest.round_id == training_round.id, TopicRequest.official_id.in_(official_ids)))
    db.session.add_all(
        TopicRequest(round_id=training_round.id, official_id=o, topic_id=t, priority=p)
        for (o, t), p in chosen.items() if o in official_ids
    )
    db.session.flush()
    return len(chosen)


def import_requests(training_round: TrainingRound, commune: Commune,
                    rows: list[tuple[str, str, int]]) -> int:
    """Replace all the commune's requests of the round by the rows of a checked sheet; flush."""
    officials = dict(db.session.execute(
        select(Official.code, Official.id).where(Official.commune_id == commune.id)).all())
    topics = dict(db.session.execute(select(Topic.code, Topic.id)).all())
    chosen = {(officials[o], topics[t]): p for o, t, p in rows}
    return save_requests(training_round, list(officials.values()), chosen)


def declare_commune(training_round: TrainingRound, commune: Commune, ticked: list[str],
                    online_capable: bool) -> RoundCommune:
    """Store the commune's blackout half-days within the round and its online capability."""
    row = declaration_of(training_round, commune)
    row.unavailable = halfdays.slots_to_entries(ticked, training_round)
    row.online_capable = bool(online_capable)
    db.session.flush()
    return row


def submit_requests(training_round: TrainingRound, commune: Commune) -> RoundCommune:
    """Mark the commune's submission for the round as done, now."""
    row = declaration_of(training_round, commune)
    row.submitted_dt = datetime.now(UTC).replace(tzinfo=None)
    db.session.flush()
    return row
