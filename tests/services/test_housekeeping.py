"""Terms that end with the calendar on both engines: an agreement and an authorization past their end date
become Expired, once, audited under the person signing in; an auditor changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from test_agreements import desk, mou, run  # noqa: F401  (desk is a fixture)

from caseteam.domain.agreements import AgreementStatus
from caseteam.domain.audit import AuditEntry
from caseteam.domain.users import Role
from caseteam.services import agreements, housekeeping, users
from sqlalchemy import func, select


def test_an_ended_agreement_expires_once_and_an_auditor_changes_nothing(desk):
    today = date.today()
    row = mou(desk, effective_from=today - timedelta(days=400), effective_to=today - timedelta(days=1))
    current = mou(desk, effective_from=today - timedelta(days=10), effective_to=today + timedelta(days=30))
    for r in (row, current):
        run(desk, agreements.finalize, r.id, who="supervisor")
    with desk["store"].unit_of_work() as uow:
        auditor = users.ensure_user(uow, username="audra", display_name="Audra Auditor", role=Role.AUDITOR)
    assert run(desk, housekeeping.expire_ended_terms, who=auditor)[0] == 0
    count, changes = run(desk, housekeeping.expire_ended_terms, who="jobdev")
    assert count == 1 and changes.agreements
    with desk["store"].unit_of_work(write=False) as uow:
        ended = agreements.get_agreement(uow, desk["actor"], row.id)
        live = agreements.get_agreement(uow, desk["actor"], current.id)
        expired_entries = uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "expired"))
    assert ended.status is AgreementStatus.EXPIRED and ended.ended_on == today - timedelta(days=1)
    assert live.status is AgreementStatus.FINAL
    assert expired_entries == 1
    assert run(desk, housekeeping.expire_ended_terms, who="jobdev") == (0, housekeeping.Changes())
