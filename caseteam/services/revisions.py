"""Rules shared by every kind of numbered revision (plans, profiles): N+1 only from the latest."""

from __future__ import annotations

from caseteam.errors import Conflict
from caseteam.storage.queries import people as people_queries


def next_revision_number(uow, model, person, based_on: int | None, what: str) -> int:
    latest = people_queries.latest_number(uow.session, model, person.id)
    if based_on is not None and based_on != latest:
        raise Conflict(f"Revision {latest} of {person.display_name}'s {what} was saved by someone else while "
                       f"you were editing revision {based_on}. Your text is kept: compare with revision "
                       f"{latest}, then save again.")
    return latest + 1
