"""Verbs on communes: save what the scheduler needs of one."""

from scheduler.communes.models import Commune
from scheduler.extensions import db


def save_commune(commune: Commune, data: dict) -> Commune:
    """Set staff, away cap and standing online capability; flush."""
    commune.staff, commune.max_away = data["staff"], data["max_away"]
    commune.online_capable = bool(data["online_capable"])
    db.session.flush()
    return commune
