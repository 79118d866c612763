"""Job rows as the employment service leaves them, written directly: for tests of what reads jobs (the
outcomes report, the timeline) that should not depend on how a hire is recorded; and the outcomes report
as the service gives it, to compare a CLI or window export with."""

from __future__ import annotations

from decimal import Decimal

from caseteam.domain.employment import Job
from caseteam.services import outcomes, users
from caseteam.storage.store import open_store


def add_job(uow, person_id, employer_id, *, start, wage, hours, title="Baker's assistant", separated_on=None,
            venture_id=None, archived=False, separation_reason=None):
    job = uow.add(Job(ref=uow.references.next("job"), person_id=person_id, organization_id=employer_id,
                      venture_id=venture_id, job_title=title, hours_per_week=Decimal(hours),
                      hourly_wage=Decimal(wage), start_date=start, separated_on=separated_on,
                      separation_reason=separation_reason, version=1,
                      archived_at=uow.now() if archived else None))
    uow.flush()
    return job


def service_report(path, since, until):
    """The outcomes report read straight from the demo store at `path`, signed in as its administrator."""
    store = open_store(path)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            return outcomes.outcomes(uow, admin, since=since, until=until)
    finally:
        store.close()
