"""The caseload screen's questions: pages of people, filtered and sorted in SQL, and the total."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from caseteam.storage.queries import caseload as queries
from caseteam.storage.queries.caseload import CaseloadQuery, CaseloadSort, caseload_page, caseload_page_and_total

from . import access
from .actors import Actor
from .people import CaseloadRow

REVIEW_WINDOW_DAYS = 30
_NOBODY = uuid.UUID(int=0)  # "plan review due" means due within this many days, or already past

__all__ = ["CaseloadQuery", "CaseloadSort", "CaseloadPage", "FilterChoices", "fetch_page", "filter_choices",
           "my_caseload", "review_due_by"]


@dataclass(frozen=True)
class CaseloadPage:
    rows: tuple[CaseloadRow, ...]
    offset: int
    total: int
    today: date


def fetch_page(uow, actor: Actor, query: CaseloadQuery, *, offset: int = 0, limit: int = 200,
               with_total: bool = True) -> CaseloadPage:
    """One page of the caseload (and, for the first page, how many people match in all)."""
    visible = access.people_filter(uow, actor)
    if with_total:
        found, total = caseload_page_and_total(uow.session, query, limit=limit, offset=offset, visible=visible)
    else:
        found, total = caseload_page(uow.session, query, limit=limit, offset=offset, visible=visible), -1
    rows = tuple(
        CaseloadRow(pid, ref, f"{preferred or given} {family}", f"{given} {family}", stage, entered,
                    f"{lead_given or ''} {lead_family or ''}".strip(), home or "", int(open_tasks), next_due,
                    revised, number, review_due)
        for (pid, ref, given, family, preferred, stage, entered, lead_given, lead_family, home, open_tasks,
             next_due, revised, number, review_due) in found)
    return CaseloadPage(rows, offset, total, uow.today())


def my_caseload(actor: Actor, query: CaseloadQuery) -> CaseloadQuery:
    """People the signed-in job developer leads (nobody, for an account with no staff record)."""
    return replace(query, lead_staff_id=actor.staff_id or _NOBODY)


def review_due_by(today: date) -> date:
    return today + timedelta(days=REVIEW_WINDOW_DAYS)



@dataclass(frozen=True)
class FilterChoices:
    leads: tuple[tuple[uuid.UUID, str], ...]
    organizations: tuple[tuple[uuid.UUID, str], ...]


def filter_choices(uow, actor: Actor) -> FilterChoices:
    leads, homes = queries.filter_choices(uow.session, visible=access.people_filter(uow, actor))
    return FilterChoices(tuple((i, f"{g} {f}") for i, g, f in leads), tuple((i, n) for i, n in homes))
