"""Between the class model and plain timetables: a complete hint in, the running classes out."""

from __future__ import annotations

from collections import defaultdict

from solver.greedy import Planned
from solver.model import ClassModel


def add_hint(cm: ClassModel, planned: list[Planned]) -> bool:
    """Hint a complete solution from planned classes; False if one has no candidate."""
    prep, values = cm.prep, {}
    free = defaultdict(list)
    for c in cm.cands:
        if c.fixed is None:
            free[c.topic, c.venue].append(c.index)
    fixed_by_id = {c.fixed.id: c.index for c in cm.cands if c.fixed is not None}
    group_of = {o: g for g in prep.groups for o in g.members}
    for pc in sorted(planned, key=lambda p: p.start):
        if pc.fixed_id is not None:
            j = fixed_by_id[pc.fixed_id]
        elif free[pc.topic, pc.venue]:
            j = free[pc.topic, pc.venue].pop(0)
        else:
            return False
        if (j, pc.start) not in cm.x or (j, pc.trainer) not in cm.y:
            return False
        values[cm.run[j]] = 1
        values[cm.x[j, pc.start]] = 1
        values[cm.y[j, pc.trainer]] = 1
        for o in pc.members:
            g = group_of[o]
            key = (j, o) if g.individual else (j, g.id)
            store = cm.a if g.individual else cm.n
            if key not in store:
                return False
            values[store[key]] = values.get(store[key], 0) + 1
            if (j, g.commune) in cm.att:
                values[cm.att[j, g.commune]] = 1
    for var in _all_vars(cm):
        cm.m.add_hint(var, values.get(var, 0))
    for j, var in cm.start_expr.items():
        start = next((s for s in cm.cands[j].starts if values.get(cm.x[j, s])), 0)
        cm.m.add_hint(var, start)
    for (j, commune), var in cm.demand.items():
        cm.m.add_hint(var, sum(values.get(v, 0) for v in cm.commune_seats[j, commune]))
    return True


def _all_vars(cm: ClassModel):
    yield from cm.run.values()
    yield from cm.x.values()
    yield from cm.y.values()
    yield from cm.n.values()
    yield from cm.a.values()
    yield from cm.att.values()


def read_classes(cm: ClassModel, value) -> list[Planned]:
    """The running classes of a solved model, with pooled officials seated in member order."""
    prep = cm.prep
    left = {g.id: list(g.members) for g in prep.groups if not g.individual}
    out: dict[int, Planned] = {}
    for c in cm.cands:
        if value(cm.run[c.index]):
            start = next(s for s in c.starts if value(cm.x[c.index, s]))
            out[c.index] = Planned(c.topic, c.venue, start, "", [], c.fixed.id if c.fixed else None)
    for (j, r), var in cm.y.items():
        if j in out and value(var):
            out[j].trainer = r
    for (j, gid), var in cm.n.items():
        if j in out and (k := value(var)):
            out[j].members.extend(left[gid][:k])
            del left[gid][:k]
    for (j, o), var in cm.a.items():
        if j in out and value(var):
            out[j].members.append(o)
    return list(out.values())
