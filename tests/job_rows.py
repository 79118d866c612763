"""Job rows as the employment service leaves them, written directly: for tests of what reads jobs (the
outcomes report, the timeline) that should not depend on how a hire is recorded."""

from __future__ import annotations

from decimal import Decimal

from caseteam.domain.employment import Job


def add_job(uow, person_id, employer_id, *, start, wage, hours, title="Baker's assistant", separated_on=None,
            venture_id=None, archived=False, separation_reason=None):
    job = uow.add(Job(ref=uow.references.next("job"), person_id=person_id, organization_id=employer_id,
                      venture_id=venture_id, job_title=title, hours_per_week=Decimal(hours),
                      hourly_wage=Decimal(wage), start_date=start, separated_on=separated_on,
                      separation_reason=separation_reason, version=1,
                      archived_at=uow.now() if archived else None))
    uow.flush()
    return job
