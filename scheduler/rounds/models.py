"""Training rounds (đợt bồi dưỡng), what communes say about them, and topic requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.communes.models import Commune, Official, Province
from scheduler.extensions import db
from scheduler.topics.models import Topic

STATUSES = ("draft", "collecting", "scheduling", "published", "closed")

round_topic = Table(
    "round_topic",
    db.metadata,
    Column("round_id", ForeignKey("training_round.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)


class TrainingRound(db.Model):
    """A training round: its calendar, the topics on offer, its deadline and its status."""

    __tablename__ = "training_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("province.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date]
    weekdays: Mapped[list[int]] = mapped_column(JSON, default=lambda: [0, 1, 2, 3, 4])
    parts: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["am", "pm"])
    holidays: Mapped[list[str]] = mapped_column(JSON, default=list)
    request_deadline_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="draft")
    max_travel_minutes: Mapped[int | None]
    weight_unserved: Mapped[int] = mapped_column(default=1000)
    weight_class: Mapped[int] = mapped_column(default=3000)
    weight_travel: Mapped[int] = mapped_column(default=1)
    created_dt: Mapped[datetime] = mapped_column(server_default=func.now())

    province: Mapped[Province] = relationship()
    topics: Mapped[list[Topic]] = relationship(secondary=round_topic, order_by="Topic.code")
    communes: Mapped[list[RoundCommune]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<TrainingRound {self.id} {self.name!r} {self.status}>"


class RoundCommune(db.Model):
    """What one commune declares for one round: blackouts and online capability."""

    __tablename__ = "round_commune"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("training_round.id", ondelete="CASCADE"), primary_key=True
    )
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), primary_key=True)
    online_capable: Mapped[bool] = mapped_column(default=False)
    # Dates (YYYY-MM-DD) or half-days (YYYY-MM-DD:am) when none of its officials may be away.
    unavailable: Mapped[list[str]] = mapped_column(JSON, default=list)
    submitted_dt: Mapped[datetime | None]

    round: Mapped[TrainingRound] = relationship(back_populates="communes")
    commune: Mapped[Commune] = relationship()

    def __repr__(self) -> str:
        return f"<RoundCommune round={self.round_id} commune={self.commune_id}>"


class TopicRequest(db.Model):
    """An official's request for a topic in a round, with priority 1 (low) to 3 (high)."""

    __tablename__ = "topic_request"
    __table_args__ = (UniqueConstraint("round_id", "official_id", "topic_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("training_round.id", ondelete="CASCADE"), index=True
    )
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    priority: Mapped[int] = mapped_column(default=1)

    round: Mapped[TrainingRound] = relationship()
    official: Mapped[Official] = relationship()
    topic: Mapped[Topic] = relationship()

    def __repr__(self) -> str:
        return f"<TopicRequest round={self.round_id} {self.official_id}->{self.topic_id}>"
