"""The commune form: staff, away cap and online capability."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import InputRequired, ValidationError

from scheduler.formfields import REQUIRED, WholeNumberField, at_least


class CommuneForm(FlaskForm):
    """Edit what the scheduler needs of a commune; the away cap cannot exceed the staff."""

    staff = WholeNumberField(_l("Staff"), [InputRequired(REQUIRED), at_least(0)])
    max_away = WholeNumberField(_l("Away limit per half-day"),
                                [InputRequired(REQUIRED), at_least(0)])
    online_capable = BooleanField(_l("Can follow online classes"))

    def validate_max_away(self, field):
        """No more officials can be away than the commune has."""
        if field.data is not None and self.staff.data is not None and field.data > self.staff.data:
            raise ValidationError(_l("The away limit cannot exceed the staff (%(staff)d).",
                                     staff=self.staff.data))
