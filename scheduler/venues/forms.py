"""Venue forms: the venue with its closures, and one travel time."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from scheduler.communes.models import Commune
from scheduler.extensions import db
from scheduler.formfields import REQUIRED, TOO_LONG, WholeNumberField, at_least, between
from scheduler.i18n import day_part_name
from scheduler.venues.models import Venue

# How a planner may write a day part after a date in the closures box.
PART_WORDS = {"sáng": "am", "s": "am", "am": "am", "morning": "am",
              "chiều": "pm", "c": "pm", "pm": "pm", "afternoon": "pm"}


def parse_closures(text: str) -> tuple[list[str], list[str]]:
    """Lines 'dd/mm/yyyy' or 'dd/mm/yyyy Sáng|Chiều' to entries; also the problems by line."""
    entries, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        words = line.strip().split()
        if not words:
            continue
        try:
            day = datetime.strptime(words[0], "%d/%m/%Y").date().isoformat()
        except ValueError:
            problems.append(str(_l("line %(n)d: “%(text)s” is not a date dd/mm/yyyy",
                                   n=number, text=words[0])))
            continue
        part = PART_WORDS.get(" ".join(words[1:]).casefold()) if len(words) > 1 else ""
        if part is None:
            problems.append(str(_l("line %(n)d: write Sáng or Chiều after the date", n=number)))
            continue
        entries.append(f"{day}:{part}" if part else day)
    return sorted(set(entries)), problems


def format_closures(entries: list[str]) -> str:
    """Entries back to the lines of the closures box."""
    lines = []
    for entry in sorted(entries or []):
        day, _sep, part = entry.partition(":")
        text = datetime.fromisoformat(day).strftime("%d/%m/%Y")
        lines.append(f"{text} {day_part_name(part)}" if part else text)
    return "\n".join(lines)


class VenueForm(FlaskForm):
    """Create or edit a venue: code, name, capacity, online or in person, commune, closures."""

    code = StringField(_l("Code"), [DataRequired(REQUIRED), Length(max=64, message=TOO_LONG)])
    name = StringField(_l("Name"), [DataRequired(REQUIRED), Length(max=200, message=TOO_LONG)])
    capacity = WholeNumberField(_l("Capacity"), [InputRequired(REQUIRED), between(1, 1000)])
    online = BooleanField(_l("Online room"))
    commune_id = SelectField(_l("Commune"), coerce=int, validate_choice=True)
    closures = TextAreaField(_l("Closures (one per line: dd/mm/yyyy, optionally Sáng or Chiều)"))

    def __init__(self, *args, venue: Venue | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.venue = venue
        communes = db.session.scalars(select(Commune).order_by(Commune.name))
        self.commune_id.choices = [SelectChoice(0, "–")] + [
            SelectChoice(c.id, c.name) for c in communes
        ]
        self.entries: list[str] = []

    def validate_code(self, field):
        """A code names one venue only."""
        taken = db.session.scalar(select(Venue).where(Venue.code == field.data.strip()))
        if taken is not None and taken is not self.venue:
            raise ValidationError(_l("Another venue already has this code."))

    def validate_commune_id(self, field):
        """An in-person venue stands in a commune (travel times are measured to it)."""
        if not self.online.data and not field.data:
            raise ValidationError(_l("Choose the commune of an in-person venue."))

    def validate_closures(self, field):
        """Every line is a date, optionally with its day part."""
        self.entries, problems = parse_closures(field.data)
        if problems:
            raise ValidationError("; ".join(problems))


class TravelForm(FlaskForm):
    """A planner's travel time from one commune; empty means the venue is out of reach."""

    commune_id = SelectField(_l("Commune"), coerce=int)
    minutes = WholeNumberField(_l("Minutes (one way)"), [Optional(), at_least(0)])
