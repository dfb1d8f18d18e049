"""How much a new draft differs from the previous one: classes kept, moved, added, removed."""

from __future__ import annotations

from collections import Counter


def class_key(doc: dict) -> tuple:
    """What makes two classes the same class: topic, trainer, venue, mode and half-days."""
    return (doc["topic"], doc["trainer"], doc["venue"], doc["mode"], tuple(sorted(doc["sessions"])))


def seats(classes: list[dict]) -> dict[str, dict[str, tuple]]:
    """official -> topic -> the class they sit in."""
    out: dict[str, dict[str, tuple]] = {}
    for doc in classes:
        for official in doc["officials"]:
            out.setdefault(official, {})[doc["topic"]] = class_key(doc)
    return out


def compare_classes(old: list[dict], new: list[dict]) -> dict:
    """Counts of classes kept, moved (same topic, other trainer/venue/days), added, removed."""
    old_keys, new_keys = Counter(map(class_key, old)), Counter(map(class_key, new))
    kept = sum((old_keys & new_keys).values())
    old_topics = Counter(k[0] for k in (old_keys - new_keys).elements())
    new_topics = Counter(k[0] for k in (new_keys - old_keys).elements())
    moved = sum((old_topics & new_topics).values())
    before, after = seats(old), seats(new)
    officials_moved = sum(
        1 for official, topics in before.items()
        if any(after.get(official, {}).get(t, key) != key for t, key in topics.items()
               if t in after.get(official, {}))
    )
    return {"previous": len(old), "kept": kept, "moved": moved,
            "added": sum(new_topics.values()) - moved,
            "removed": sum(old_topics.values()) - moved, "officials_moved": officials_moved}
