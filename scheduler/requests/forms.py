"""Forms of a commune's requests: the priority table, the declaration, the Excel upload."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField

PRIORITIES = ("1", "2", "3")


class PlainForm(FlaskForm):
    """A form with only its CSRF token (the priority table and the submit button)."""


class DeclarationForm(FlaskForm):
    """Online capability; the blackout half-days are the grid's ticked boxes."""

    online_capable = BooleanField(_l("The commune can follow online classes"))


class UploadForm(FlaskForm):
    """The filled Excel request sheet."""

    sheet = FileField(_l("Filled request sheet (.xlsx)"),
                      [FileRequired(_l("Choose the filled Excel file to upload."))])


def read_priorities(formdata, officials: list, topics: list) -> tuple[dict, list[str]]:
    """(official id, topic id) -> priority from the table's cells, and a message per bad cell."""
    chosen, problems = {}, []
    for official in officials:
        for topic in topics:
            value = (formdata.get(f"p-{official.id}-{topic.id}") or "").strip()
            if not value:
                continue
            if value not in PRIORITIES:
                problems.append(str(_l(
                    "%(official)s, topic %(topic)s: the priority “%(value)s” is not 1, 2 or 3.",
                    official=official.name, topic=topic.code, value=value[:20])))
                continue
            chosen[(official.id, topic.id)] = int(value)
    return chosen, problems
