"""Forms of the round workflow: create or edit a round, move it on, reopen it."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from scheduler.formfields import REQUIRED, TOO_LONG, CheckboxesField
from scheduler.i18n import DAY_PARTS, WEEKDAYS

BAD_DATE = _l("Write the date as dd/mm/yyyy.")
DATE_FORMAT = "%d/%m/%Y"


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class VnDateField(DateField):
    """A date written dd/mm/yyyy in a text box, with a Vietnamese message when it is not."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=DATE_FORMAT, **kwargs)

    def process_formdata(self, valuelist):
        """Parse dd/mm/yyyy (an empty box is no date); say how to write it otherwise."""
        if valuelist and not "".join(valuelist).strip():
            self.data = None
            return
        self.invalid_value_message = str(BAD_DATE)
        super().process_formdata(valuelist)


def parse_dates(text: str) -> list[str]:
    """ISO dates from dd/mm/yyyy lines (or commas); raise ValueError naming the bad line."""
    out = []
    for item in text.replace(",", "\n").splitlines():
        item = item.strip()
        if item:
            out.append(datetime.strptime(item, DATE_FORMAT).date().isoformat())
    return out


class RoundForm(FlaskForm):
    """A round's name, calendar, topics on offer and request deadline."""

    province_id = SelectField(_l("Province"), coerce=int, validators=[InputRequired(REQUIRED)])
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED),
                                               Length(max=200, message=TOO_LONG)])
    start = VnDateField(_l("First day"), validators=[InputRequired(REQUIRED)])
    end = VnDateField(_l("Last day"), validators=[InputRequired(REQUIRED)])
    weekdays = CheckboxesField(_l("Working days"), coerce=int,
                               choices=choices(enumerate(WEEKDAYS)))
    parts = CheckboxesField(_l("Day parts"), choices=choices(DAY_PARTS.items()))
    holidays = TextAreaField(_l("Holidays (one date dd/mm/yyyy per line; leave empty to fill in "
                                "the public holidays)"))
    topics = CheckboxesField(_l("Topics on offer"), coerce=int)
    deadline = VnDateField(_l("Request deadline"), validators=[Optional()])

    def validate_holidays(self, field) -> None:
        """Each line a date dd/mm/yyyy."""
        try:
            parse_dates(field.data or "")
        except ValueError as exc:
            raise ValidationError(BAD_DATE) from exc

    def validate_weekdays(self, field) -> None:
        """At least one working day."""
        if not field.data:
            raise ValidationError(_l("Choose at least one working weekday."))

    def validate_parts(self, field) -> None:
        """At least one day part."""
        if not field.data:
            raise ValidationError(_l("Choose at least one day part."))

    def holiday_dates(self) -> list[str] | None:
        """The holidays typed in, or None when left empty (then the public ones are used)."""
        return parse_dates(self.holidays.data or "") or None

    def values(self, topics) -> dict:
        """The fields as keyword arguments of open_round / edit_round."""
        return {"name": self.name.data.strip(), "start": self.start.data, "end": self.end.data,
                "weekdays": list(self.weekdays.data), "parts": list(self.parts.data),
                "holidays": self.holiday_dates(), "topics": topics,
                "deadline": self.deadline.data}


class ReopenForm(FlaskForm):
    """Reopen a round for requests, with a new deadline."""

    deadline = VnDateField(_l("New request deadline"), validators=[Optional()])


class ActionForm(FlaskForm):
    """A bare button (CSRF only)."""
