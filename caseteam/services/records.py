"""Store-wide views: counts for `info`, the integrity and audit-chain check, a person's summary."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.consent import InformationCategory
from caseteam.storage import migrate
from caseteam.storage.audit_log import ChainReport, verify_chain
from caseteam.storage.queries import people as people_queries
from caseteam.storage import search_index
from caseteam.storage.queries.counts import store_counts
from caseteam.storage.queries.search_index import unindexed_counts
from caseteam.storage.queries.tasks import TaskFilter
from caseteam.storage.store import check_pages

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .discovery import ActivityRow, ProfileRevisionRow
from .people import PersonRow
from .plans import PlanRevisionRow
from .tasks import TaskRow, list_tasks
from .teams import TeamMemberRow


def info(uow) -> dict:
    store = uow.store
    revision = migrate.current_revision(uow.session.connection())
    return {
        "version": __import__("caseteam").__version__,
        "schema_version": migrate.schema_number(revision),
        "schema_revision": revision,
        "database": {"kind": store.description.kind, "location": store.description.location},
        "demo": is_demo(uow),
        **store_counts(uow.session, uow.today()),
    }


def overview(uow) -> dict:
    """What the window decides its first page by: people in the store (none: the welcome page) and whether it
    is the demo. Two cheap reads; the status bar's other figures follow in status_figures."""
    return {"people": store_counts(uow.session, uow.today(), only=("people",))["people"], "demo": is_demo(uow)}


def status_figures(uow) -> dict:
    """The status bar's partner organizations and overdue tasks, read after the first page (the overdue
    count reads the open tasks' due dates, seconds on a large store with a cold cache)."""
    return store_counts(uow.session, uow.today(), only=("organizations", "tasks_overdue"))


def is_demo(uow) -> bool:
    """A store holding the invented demo partnership says DEMO in the title bar and on every page."""
    from caseteam.domain.store_info import DEMO_KEY, StoreProperty

    prop = uow.session.get(StoreProperty, DEMO_KEY)
    return prop is not None and prop.value == "true"


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    chain: ChainReport

    @property
    def ok(self) -> bool:
        return not self.problems and self.chain.ok


def quick_check_file(path) -> tuple[str, ...]:
    """The cheap page check of a SQLite file on a read-only connection of its own, for a thread of its own
    once the window is up; no unit of work, so nothing of the open store is touched."""
    return tuple(check_pages(path, full=False))


def check_store(uow) -> CheckReport:
    problems = tuple(uow.store.integrity_check(full=True)) + search_index_problems(uow)
    return CheckReport(problems, verify_chain(uow.session))


def search_index_problems(uow) -> tuple[str, ...]:
    """Records search cannot find (a bulk load that skipped the index, or a store copied in part)."""
    missing = {kind: gone for kind, (_, gone) in unindexed_counts(uow.session).items() if gone}
    if not missing:
        return ()
    what = ", ".join(f"{n} {kind.value} record{'s' if n != 1 else ''}" for kind, n in missing.items())
    return (f"the search index is missing {what}; `caseteam check --rebuild-search-index` rebuilds it",)


def rebuild_search_index(uow, actor: Actor) -> int:
    """Rewrite the search index from the records (administrators); audited. Returns the rows indexed."""
    access.require_store_wide(actor, Action.BACKUP)
    rows = search_index.rebuild(uow.session.connection())
    uow.audit.record(actor, ("search_entries", "index"), "rebuilt", changes={"rows": rows})
    return rows


SUMMARY_CATEGORIES = (InformationCategory.CONTACT, InformationCategory.PLAN, InformationCategory.VOCATIONAL)


@dataclass(frozen=True)
class PersonSummary:
    person: PersonRow
    team: tuple[TeamMemberRow, ...]
    plan: PlanRevisionRow | None
    profile: ProfileRevisionRow | None
    activities: tuple[ActivityRow, ...]
    tasks: tuple[TaskRow, ...]
    not_shared: tuple[str, ...] = ()  # categories no release lets the reader's organization see
    hidden: frozenset[InformationCategory] = frozenset()  # the same, for the screen to mark its sections


def person_summary(uow, actor: Actor, person_id: uuid.UUID) -> PersonSummary:
    """Everything the summary pane shows. Opening a record is audited (ARCHITECTURE.md)."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    person = uow.people.get(person_id)
    _, team, plan, profile, activities = people_queries.person_summary(uow.session, person.id)
    members = tuple(TeamMemberRow.of(m) for m in (team.members if team else []) if m.archived_at is None)
    tasks = tuple(list_tasks(uow, actor, TaskFilter(person_ids=(person.id,))))
    shown = need_to_know.visible(uow, actor, person.id)
    if shown is not None:  # a partner reads only what a release lets its organization receive
        if InformationCategory.PLAN not in shown:
            plan, members = None, ()
            tasks = tuple(t for t in tasks if t.organization_id == actor.organization_id)
        if InformationCategory.VOCATIONAL not in shown:
            profile, activities = None, []
    if uow.write:
        uow.audit.record(actor, person, "opened")
    return PersonSummary(need_to_know.redact_contact(PersonRow.of(person), shown), members,
                         PlanRevisionRow.of(plan) if plan else None,
                         ProfileRevisionRow.of(profile) if profile else None,
                         tuple(ActivityRow.of(a) for a in activities), tasks,
                         need_to_know.hidden_labels(shown, SUMMARY_CATEGORIES),
                         frozenset(c for c in SUMMARY_CATEGORIES if shown is not None and c not in shown))
