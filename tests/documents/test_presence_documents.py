"""Partner presence on paper: the resource manual's PDF and CSV say how each partner engages at the One-Stop
and when it is in the building; the week's "who is in the building" PDF reads back with a table per day,
co-located partners on every day, and its print in the audit log."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.presence import Engagement
from caseteam.services import organizations, presence
from caseteam.services import partnership_documents as docs

from builders import local_actor
from pdf_reading import all_text, page_texts


@pytest.fixture
def present(sqlite_store):
    store, actor = sqlite_store, local_actor(sqlite_store)
    with store.unit_of_work() as uow:
        ajc, _ = organizations.create_organization(uow, actor, name="Eastport American Job Center",
                                                   kind=OrganizationKind.AMERICAN_JOB_CENTER,
                                                   engagement=Engagement.CO_LOCATED)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE,
                                                  engagement=Engagement.SCHEDULED)
        organizations.create_organization(uow, actor, name="Lakes Legal Aid", kind=OrganizationKind.LEGAL_AID)
        karen, _ = organizations.add_staff(uow, actor, vr.id, given_name="Karen", family_name="Mitchell")
        presence.add_slot(uow, actor, vr.id, weekday=1, starts=time(9), ends=time(12), room="Room 104",
                          staff_id=karen.id)
        presence.add_slot(uow, actor, vr.id, weekday=3, starts=time(13), ends=time(16), room="Room 104",
                          site_organization_id=ajc.id)
    return store, actor


def test_the_resource_manual_shows_each_partners_engagement_and_schedule(present):
    store, actor = present
    with store.unit_of_work() as uow:
        text = all_text(docs.manual_pdf(uow, actor))
        data = docs.manual_csv_bytes(uow, actor)
    assert "Presence Scheduled presence at the One-Stop" in text
    assert "In the building At the One-Stop Tuesdays 9:00–12:00, Room 104" in text
    assert "At Eastport American Job Center Thursdays 13:00–16:00, Room 104" in text
    assert "Presence Co-located at the One-Stop" in text and "Presence Referral only" in text
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    lines = {line["Organization"]: line for line in (dict(zip(rows[1], r)) for r in rows[2:])}
    assert lines["State VR"]["Presence at the One-Stop"] == "Scheduled presence at the One-Stop"
    assert lines["State VR"]["Times in the building"] == ("At the One-Stop Tuesdays 9:00–12:00, Room 104; "
                                                          "At Eastport American Job Center Thursdays 13:00–16:00, "
                                                          "Room 104")
    assert lines["Lakes Legal Aid"]["Presence at the One-Stop"] == "Referral only"
    assert lines["Lakes Legal Aid"]["Times in the building"] == ""


def test_the_week_prints_a_table_per_day_with_co_located_partners_every_day(present):
    store, actor = present
    with store.unit_of_work() as uow:
        data = presence.week_pdf(uow, actor, week_of=date(2026, 11, 4))
    pages = page_texts(data)
    text = " ".join(pages)
    assert text.startswith("Who is in the building Every One-Stop · Week of November 2, 2026 to November 6, 2026")
    for day in ("Monday, November 2, 2026", "Wednesday, November 4, 2026", "Friday, November 6, 2026"):
        assert day in text
    assert "Saturday" not in text
    assert text.count("Hours Partner Room Staff") == 5
    assert text.count(f"{presence.BASED_HERE} Eastport American Job Center") == 5
    assert "9:00–12:00 State VR Room 104 Karen Mitchell" in text
    assert "13:00–16:00 State VR Room 104" in text and "Lakes Legal Aid" not in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    with store.unit_of_work(write=False) as uow:
        entry = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (entry.entity, entry.action) == ("presence_week", "printed")
    assert json.loads(entry.changes) == {"week_of": "2026-11-02", "site": "every One-Stop"}
