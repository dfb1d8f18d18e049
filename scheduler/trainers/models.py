"""Trainers (giảng viên, báo cáo viên): who teaches which topics, and when they cannot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.extensions import db

if TYPE_CHECKING:
    from scheduler.topics.models import Topic

trainer_topic = Table(
    "trainer_topic",
    db.metadata,
    Column("trainer_id", ForeignKey("trainer.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)


class Trainer(db.Model):
    """A trainer with the topics they are qualified for and their session caps."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    max_sessions_per_week: Mapped[int | None]
    max_sessions: Mapped[int | None]
    # Half-days (YYYY-MM-DD:am) or whole dates when the trainer cannot teach.
    unavailable: Mapped[list[str]] = mapped_column(JSON, default=list)

    topics: Mapped[list[Topic]] = relationship(
        secondary=trainer_topic, back_populates="trainers", order_by="Topic.code"
    )

    def __repr__(self) -> str:
        return f"<Trainer {self.code} {self.name!r}>"
