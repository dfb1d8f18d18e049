"""Solve runs and the classes they produce (draft or published), with sessions and seats."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.communes.models import Official
from scheduler.extensions import db
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import Venue

RUN_STATUSES = ("queued", "running", "finished", "failed", "stopped")
CLASS_STATES = ("draft", "published")


class SolveRun(db.Model):
    """One run of the solver on a round: its progress, result figures, log and solution."""

    __tablename__ = "solve_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("training_round.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="queued")
    # The solution document's status (OPTIMAL, FEASIBLE, ...), once there is one.
    result_status: Mapped[str | None] = mapped_column(String(16))
    progress: Mapped[float] = mapped_column(default=0.0)
    time_limit_seconds: Mapped[int | None]
    objective: Mapped[int | None]
    bound: Mapped[int | None]
    created_dt: Mapped[datetime] = mapped_column(server_default=func.now())
    started_dt: Mapped[datetime | None]
    finished_dt: Mapped[datetime | None]
    wall_seconds: Mapped[float | None]
    log: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str | None] = mapped_column(Text)
    solution: Mapped[dict | None] = mapped_column(JSON)

    round: Mapped[TrainingRound] = relationship()

    def __repr__(self) -> str:
        return f"<SolveRun {self.id} round={self.round_id} {self.status}>"


class TrainingClass(db.Model):
    """A class of a round: a topic taught by a trainer at a venue over consecutive half-days."""

    __tablename__ = "training_class"
    __table_args__ = (UniqueConstraint("round_id", "state", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("training_round.id", ondelete="CASCADE"), index=True
    )
    solve_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("solve_run.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[str] = mapped_column(String(16), default="draft")
    code: Mapped[str] = mapped_column(String(64))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id"))
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"))
    mode: Mapped[str] = mapped_column(String(16), default="in_person")
    pinned: Mapped[bool] = mapped_column(default=False)

    round: Mapped[TrainingRound] = relationship()
    topic: Mapped[Topic] = relationship()
    trainer: Mapped[Trainer] = relationship()
    venue: Mapped[Venue] = relationship()
    sessions: Mapped[list[ClassSession]] = relationship(
        back_populates="training_class",
        cascade="all, delete-orphan",
        order_by="(ClassSession.session_date, ClassSession.position)",
    )
    seats: Mapped[list[ClassSeat]] = relationship(
        back_populates="training_class", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<TrainingClass {self.code} {self.state} topic={self.topic_id}>"


class ClassSession(db.Model):
    """One half-day of a class: a date and a day part (am / pm)."""

    __tablename__ = "class_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(
        ForeignKey("training_class.id", ondelete="CASCADE"), index=True
    )
    session_date: Mapped[date]
    part: Mapped[str] = mapped_column(String(16))
    # The part's index in the round's parts, so that sessions sort in slot order.
    position: Mapped[int] = mapped_column(default=0)

    training_class: Mapped[TrainingClass] = relationship(back_populates="sessions")

    @property
    def slot(self) -> str:
        """The contract's slot string, e.g. 2026-03-02:am."""
        return f"{self.session_date.isoformat()}:{self.part}"

    def __repr__(self) -> str:
        return f"<ClassSession {self.slot}>"


class ClassSeat(db.Model):
    """An official's seat in a class."""

    __tablename__ = "class_seat"
    __table_args__ = (UniqueConstraint("class_id", "official_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(
        ForeignKey("training_class.id", ondelete="CASCADE"), index=True
    )
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="assigned")

    training_class: Mapped[TrainingClass] = relationship(back_populates="seats")
    official: Mapped[Official] = relationship()

    def __repr__(self) -> str:
        return f"<ClassSeat class={self.class_id} official={self.official_id}>"
