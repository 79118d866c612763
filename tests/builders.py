"""Builders for large stores in tests: rows written in bulk, bypassing the services for speed."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert

from caseteam.domain.people import Person, Stage
from caseteam.domain.plans import PlanRevision
from caseteam.domain.references import ReferenceCounter, format_reference
from caseteam.domain.search import SearchKind
from caseteam.domain.tasks import Priority, Task, TaskStatus
from caseteam.domain.text import fold
from caseteam.storage.search_index import upsert_entries, words


def bulk_add_people(store, actor, org, staff, start: int, stop: int) -> None:
    """The same rows written in bulk. Through the services each such person costs ~47 statements
    (~17 ms on SQLite, ~28 ms on PostgreSQL, one round trip each): 17-30 s for 1,000 people."""
    today, now = date.today(), datetime.now(timezone.utc)
    person_rows, task_rows, plan_rows = [], [], []
    for n in range(start, stop):
        pid = uuid.uuid4()
        given, family, ref = f"Sam{n}", f"Person{n:04d}", format_reference("PE", n + 1)
        person_rows.append(dict(id=pid, ref=ref, given_name=given, family_name=family,
                                search_text=fold(f"{ref} {given} {family}"), stage=Stage.REFERRAL,
                                stage_entered_on=today, lead_staff_id=staff.id, home_organization_id=org.id,
                                version=1, created_at=now, updated_at=now))
        for k in (1, 2):
            task_rows.append(dict(id=uuid.uuid4(), ref=format_reference("TK", 2 * n + k), title=f"Task {k}",
                                  person_id=pid, organization_id=org.id, staff_id=staff.id,
                                  due=today + timedelta(days=n % 20 - 10 + k), priority=Priority.NORMAL,
                                  status=TaskStatus.OPEN, created_by_id=actor.user_id, version=1,
                                  created_at=now, updated_at=now))
        plan_rows.append(dict(id=uuid.uuid4(), person_id=pid, number=1, vision="Work", summary="First",
                              author_id=actor.user_id, saved_at=now, created_at=now))
    with store.unit_of_work() as uow:
        uow.session.execute(insert(Person), person_rows)
        uow.session.execute(insert(Task), task_rows)
        uow.session.execute(insert(PlanRevision), plan_rows)
        # Core inserts skip the flush hook that keeps the search index in step: index these rows here.
        upsert_entries(uow.session.connection(), [
            {"entity_id": r["id"], "kind": SearchKind.PERSON, "names": words(r["ref"], r["given_name"], r["family_name"]),
             "detail": words("Work First")} for r in person_rows] + [
            {"entity_id": r["id"], "kind": SearchKind.TASK, "names": words(r["title"], r["ref"]), "detail": ""}
            for r in task_rows])
        for prefix, last in (("PE", stop), ("TK", 2 * stop)):
            counter = uow.session.get(ReferenceCounter, prefix)
            if counter is None:
                uow.session.add(ReferenceCounter(prefix=prefix, last=last))
            else:
                counter.last = last


def local_actor(store):
    """The account the desktop acts as, created on first use."""
    from caseteam.services import users

    with store.unit_of_work() as uow:
        return users.local_actor(uow)


def pg_admin_url(what: str) -> str:
    """CASETEAM_TEST_PG_URL for tests that make their own databases: a laptop without it skips, CI fails."""
    import os

    import pytest

    url = os.environ.get("CASETEAM_TEST_PG_URL", "")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but CASETEAM_TEST_PG_URL is not set: the PostgreSQL tests must run in CI.")
        pytest.skip(f"{what} need CASETEAM_TEST_PG_URL (see README, 'Running the tests').")
    return url


def pg_url_for(database: str) -> str:
    """The test server's URL (CASETEAM_TEST_PG_URL) pointed at another database."""
    import os

    from sqlalchemy.engine import make_url

    return make_url(os.environ["CASETEAM_TEST_PG_URL"]).set(database=database).render_as_string(hide_password=False)


def record_exchange(store_or_uow, actor, person_id, *organization_ids, categories=None, signed_on=None,
                    expires_on=None, effective_from=None):
    """A signed two-way release among the organizations (and the person's home organization), for tests
    that put partner staff on a team or give a person's task to a partner. Returns the ReleaseRow."""
    from caseteam.domain.consent import InformationCategory as C
    from caseteam.domain.consent import PartyRole
    from caseteam.services import consent

    def write(uow):
        home = uow.people.get(person_id).home_organization_id
        orgs = list(dict.fromkeys([*([home] if home else []), *organization_ids]))
        parties = [(org, "", PartyRole.BOTH) for org in orgs]
        extra = iter(("The person's physician", "The person's family"))
        while len(parties) < 2:  # a two-way exchange needs two parties
            parties.append((None, next(extra), PartyRole.BOTH))
        today = uow.today()
        row, _ = consent.record_release(
            uow, actor, person_id, parties=parties, two_way=True,
            categories=categories or (C.CONTACT, C.PLAN, C.VOCATIONAL, C.EMPLOYMENT, C.BENEFITS),
            purpose="Coordinate the person's employment supports among the team.",
            signed_on=signed_on or today - timedelta(days=30), effective_from=effective_from,
            expires_on=expires_on or today + timedelta(days=335), signer_name="The person")
        return row

    if hasattr(store_or_uow, "unit_of_work"):
        with store_or_uow.unit_of_work() as uow:
            return write(uow)
    return write(store_or_uow)


def record_exchanges_for_everyone(uow, actor, **kwargs):
    """record_exchange for every person in the store among every organization: for test settings that
    build teams and tasks across agencies and are not about consent."""
    from sqlalchemy import select

    from caseteam.domain.organizations import Organization

    org_ids = list(uow.session.scalars(select(Organization.id).order_by(Organization.name)))
    for person_id in uow.session.scalars(select(Person.id).order_by(Person.ref)).all():
        record_exchange(uow, actor, person_id, *org_ids, **kwargs)


def reader():
    """An account that reads every record and changes none, for tests that only look."""
    import uuid as _uuid

    from caseteam.domain.users import Role
    from caseteam.services.actors import Actor

    return Actor(_uuid.UUID(int=1), "test-reader", "Test reader", Role.AUDITOR)


def casework_desk(store, actor) -> dict:
    """Bridgeway with job developer Lupe leading Ana and supervisor Denise, each able to sign in: the
    set-up the note and service-entry tests share (written through the services, not in bulk)."""
    from caseteam.domain.organizations import OrganizationKind
    from caseteam.domain.users import Role
    from caseteam.services import organizations, people, users

    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        denise, _ = organizations.add_staff(uow, actor, crp.id, given_name="Denise", family_name="Okafor")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
        jobdev = users.ensure_user(uow, username="lupe", display_name="Lupe Hernández", role=Role.JOB_DEVELOPER,
                                   staff_id=lupe.id)
        supervisor = users.ensure_user(uow, username="denise", display_name="Denise Okafor", role=Role.SUPERVISOR,
                                       staff_id=denise.id)
        today = uow.today()
    return dict(store=store, actor=actor, crp=crp, lupe=lupe, ana=ana, jobdev=jobdev, supervisor=supervisor,
                today=today)
