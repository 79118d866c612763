"""The Changes record views use to decide what to refresh."""

from __future__ import annotations

from dataclasses import fields

from caseteam.services.changes import NOTHING, Changes


def test_or_combines_kinds():
    combined = Changes(people=True) | Changes(tasks=True, plans=True)
    assert combined == Changes(people=True, tasks=True, plans=True)
    assert (Changes(teams=True) | NOTHING) == Changes(teams=True)
    assert (NOTHING | NOTHING) == NOTHING


def test_or_covers_every_kind():
    for f in fields(Changes):
        one = Changes(**{f.name: True})
        assert (NOTHING | one) == one and (one | NOTHING) == one
        assert getattr(one | Changes(), f.name)


def test_truth():
    assert not NOTHING and not Changes()
    assert Changes(users=True)
    assert bool(Changes(people=False) | Changes(discovery=True))
