"""Form fields, messages and the in-use refusal shared by the catalogue editing forms."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField
from wtforms.validators import NumberRange, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

REQUIRED = _l("Please fill in this field.")
TOO_LONG = _l("At most %(max)d characters.")
NOT_A_NUMBER = _l("Please enter a whole number.")
AT_LEAST = _l("Must be at least %(min)s.")
BETWEEN = _l("Must be between %(min)s and %(max)s.")
UNKNOWN_CHOICE = _l("Unknown choice.")


class WholeNumberField(IntegerField):
    """An integer field whose parse error is translated."""

    def process_formdata(self, valuelist):
        """Read the number, or record a translated error."""
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = int(str(valuelist[0]).strip())
        except ValueError as exc:
            self.data = None
            raise ValueError(str(NOT_A_NUMBER)) from exc


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes for a multiple choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", UNKNOWN_CHOICE)
        super().__init__(*args, **kwargs)

    def pre_validate(self, form):
        """Refuse values that are not among the choices, in words."""
        if self.data:
            known = {choice.value for choice in self.choices}
            if any(value not in known for value in self.data):
                raise StopValidation(str(UNKNOWN_CHOICE))


def at_least(minimum: int) -> NumberRange:
    """A lower bound with a translated message."""
    return NumberRange(min=minimum, message=AT_LEAST)


def between(minimum: int, maximum: int) -> NumberRange:
    """A range with a translated message."""
    return NumberRange(min=minimum, max=maximum, message=BETWEEN)


class InUse(Exception):  # noqa: N818  (a refusal the user reads, not a programming error)
    """The record is referred to and cannot be deleted; the message says by what."""
