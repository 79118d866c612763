"""The outcomes report: placements in a period, wages and hours, retention at 90 days, time from referral
to job, launches and separations; only people the reader may see; exports that read back the same."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from builders import record_exchange
from job_rows import add_job
from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.domain.ventures import Venture, VentureStatus
from caseteam.errors import ValidationError
from caseteam.services import organizations, outcomes_export, people, teams
from caseteam.services.actors import Actor
from caseteam.services.outcomes import Retained, outcomes, record_export

SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)


def _case(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        bakery, _ = organizations.create_organization(uow, actor, name="Riverside Bakery",
                                                      kind=OrganizationKind.EMPLOYER)
        cafe, _ = organizations.create_organization(uow, actor, name="=Café Élan", kind=OrganizationKind.EMPLOYER)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")

        def person(given, family, **kw):
            row, _ = people.create_person(uow, actor, given_name=given, family_name=family,
                                          home_organization_id=crp.id, **kw)
            return row
        ana = person("Ana", "Lopez", referral_date=date(2026, 1, 10), stage_entered_on=date(2026, 1, 12))
        ben = person("Ben", "Nguyễn", stage_entered_on=date(2026, 1, 5))
        cai = person("Cai", "Okafor", referral_date=date(2026, 2, 1), stage_entered_on=date(2026, 2, 1))
        dee = person("Dee", "Park", referral_date=date(2025, 6, 1), stage_entered_on=date(2025, 6, 1))
        eve = person("Eve", "Quinn", referral_date=date(2025, 9, 1), stage_entered_on=date(2025, 9, 1))
        add_job(uow, ana.id, bakery.id, start=date(2026, 2, 1), wage="15.50", hours="20")
        add_job(uow, ben.id, cafe.id, start=date(2026, 3, 1), wage="17.25", hours="25", title="Barista",
                separated_on=date(2026, 4, 15))
        add_job(uow, cai.id, bakery.id, start=date(2026, 6, 1), wage="16.00", hours="15")
        add_job(uow, dee.id, bakery.id, start=date(2025, 12, 20), wage="14.00", hours="10",
                separated_on=date(2026, 2, 10))
        add_job(uow, dee.id, cafe.id, start=date(2026, 3, 3), wage="99.00", hours="40", archived=True)
        venture = uow.add(Venture(ref=uow.references.next("venture"), person_id=eve.id, business_name="Eve's Dog Walks",
                                  status=VentureStatus.LAUNCHED, launch_date=date(2026, 3, 15), version=1))
        uow.flush()
        add_job(uow, eve.id, None, start=date(2026, 3, 15), wage="20.00", hours="12", title="Owner",
                venture_id=venture.id)
    # Dana's agency may receive Ana's job information, and only Ben's plan and contact details.
    record_exchange(store, actor, ana.id, vr.id, categories=(C.CONTACT, C.PLAN, C.EMPLOYMENT))
    record_exchange(store, actor, ben.id, vr.id, categories=(C.CONTACT, C.PLAN))
    with store.unit_of_work() as uow:
        for p in (ana, ben):
            teams.add_team_member(uow, actor, p.id, role=TeamRole.VR_COUNSELOR, staff_id=dana.id,
                                  start_date=date(2026, 1, 20))
    return dict(ana=ana, ben=ben, cai=cai, dee=dee, eve=eve, vr=vr, dana=dana, crp=crp)


def _report(store, actor, since=SINCE, until=UNTIL):
    with store.unit_of_work(write=False) as uow:
        return outcomes(uow, actor, since=since, until=until)


def test_figures_for_a_period(store, actor):
    w = _case(store, actor)
    r = _report(store, actor)
    assert [p.person_name for p in r.placements] == ["Ana Lopez", "Ben Nguyễn", "Cai Okafor"]
    assert r.self_employment_launches == 1  # Eve's venture: not a placement with an employer
    assert (r.average_hourly_wage, r.average_hours_per_week) == (Decimal("16.25"), Decimal("20.00"))
    assert (r.retained_90, r.reached_90, r.retention_percent) == (1, 2, Decimal("50.0"))
    assert [p.retained_90 for p in r.placements] == [Retained.YES, Retained.NO, Retained.NOT_YET]
    # Ana 22 days from her referral; Ben has no referral date, so from his first stage (55); Cai 120.
    assert [p.days_from_referral for p in r.placements] == [22, 55, 120]
    assert (r.referral_days_median, r.referral_days_mean) == (Decimal("55.0"), Decimal("65.7"))
    assert r.separations == 2  # Ben's barista job and Dee's job that started last year
    ana = r.placements[0]
    assert (ana.person_ref, ana.employer, ana.start_date, ana.day_90) == (
        w["ana"].ref, "Riverside Bakery", date(2026, 2, 1), date(2026, 5, 2))
    words = dict(r.figures())
    assert words["Still employed at 90 days"] == "1 of 2 (50.0%)"
    assert words["Average hourly wage"] == "$16.25"
    # A period with nothing in it reads as such, not as zeros to average.
    empty = _report(store, actor, date(2020, 1, 1), date(2020, 1, 31))
    assert empty.placement_count == 0 and empty.average_hourly_wage is None and empty.retention_percent is None
    assert dict(empty.figures())["Average hourly wage"] == "no placements"


def test_ninety_days_not_yet_come_is_not_counted_against_retention(store, actor):
    _case(store, actor)
    # Ending on Ana's day 89: her 90th day has not come, so neither retained nor lost. Ben's has not come
    # either, but he left on day 45: that placement is known lost already.
    r = _report(store, actor, SINCE, date(2026, 5, 1))
    assert [p.retained_90 for p in r.placements] == [Retained.NOT_YET, Retained.NO]
    assert (r.retained_90, r.reached_90) == (0, 1)
    # Before he left it was not yet known.
    early = _report(store, actor, SINCE, date(2026, 4, 14))
    assert [p.retained_90 for p in early.placements] == [Retained.NOT_YET, Retained.NOT_YET]
    # A period running past today judges retention on today.
    later = _report(store, actor, SINCE, date(2099, 12, 31))
    assert later.as_of == date.today()


def test_paused_days_are_not_counted_towards_day_90(store, actor):
    from caseteam.domain.employment import FollowAlongPause
    from caseteam.storage.queries import outcomes as queries

    w = _case(store, actor)
    with store.unit_of_work() as uow:
        ana_job, cai_job = (row[0] for row in queries.placements(uow.session, SINCE, UNTIL)
                            if row[0].person_id in (w["ana"].id, w["cai"].id))
        uow.add(FollowAlongPause(job_id=ana_job.id, starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 10),
                                 reason="Hospital stay"))
        uow.add(FollowAlongPause(job_id=cai_job.id, starts_on=date(2026, 6, 10), ends_on=None, reason="Leave"))
    r = _report(store, actor, SINCE, date(2026, 5, 5))
    ana = next(p for p in r.placements if p.person_id == w["ana"].id)
    assert (ana.day_90, ana.retained_90) == (date(2026, 5, 12), Retained.NOT_YET)  # 10 paused days later
    r = _report(store, actor)
    by_person = {p.person_id: p for p in r.placements}
    assert by_person[w["ana"].id].retained_90 is Retained.YES
    assert (by_person[w["cai"].id].day_90, by_person[w["cai"].id].retained_90) == (None, Retained.NOT_YET)


def test_bad_periods_are_refused(store, actor):
    with pytest.raises(ValidationError, match="after its end") as refused:
        _report(store, actor, date(2026, 2, 1), date(2026, 1, 1))
    assert refused.value.field == "since"


def test_partner_staff_see_only_people_whose_release_covers_employment(store, actor):
    w = _case(store, actor)
    dana = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, w["dana"].id, w["vr"].id)
    r = _report(store, dana)
    assert [p.person_name for p in r.placements] == ["Ana Lopez"]  # Ben's job is not shared with State VR
    assert r.separations == 0 and r.self_employment_launches == 0  # nor is anyone else's
    stranger = Actor(uuid.uuid4(), "kim", "Kim", Role.JOB_DEVELOPER, None, uuid.uuid4())
    assert _report(store, stranger).placement_count == 0


def test_outcomes_exported_read_back_equal_to_the_service_figures(store, actor):
    _case(store, actor)
    r = _report(store, actor)
    expected_summary = {k: v for k, _label, v in outcomes_export.summary(r)}
    expected_rows = [outcomes_export.placement_values(p) for p in r.placements]

    # CSV: the summary, an empty line, then the placements with their header row.
    text = outcomes_export.to_csv(r).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    gap = lines.index([])
    assert lines[0] == list(outcomes_export.SUMMARY_HEADERS)
    got = {key: value for key, _label, value in lines[1:gap]}
    assert got["placements"] == "3" and got["retention_percent"] == "50.0"
    assert {k: _parse(v, expected_summary[k]) for k, v in got.items()} == expected_summary
    assert lines[gap + 1] == list(outcomes_export.PLACEMENT_HEADERS)
    csv_rows = [[_parse(v, e) for v, e in zip(line, want)] for line, want in zip(lines[gap + 2:], expected_rows)]
    assert len(lines[gap + 2:]) == 3
    assert [line[3] for line in lines[gap + 2:]][1] == "'=Café Élan"  # never runs as a formula
    assert [row[:3] + row[4:] for row in csv_rows] == [row[:3] + row[4:] for row in expected_rows]

    # XLSX: a Summary sheet and a Placements sheet, numbers as numbers and dates as dates.
    book = openpyxl.load_workbook(io.BytesIO(outcomes_export.to_xlsx(r)))
    assert book.sheetnames == ["Summary", "Placements"]
    summary_cells = {row[0]: row[2] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert isinstance(summary_cells["average_hourly_wage"], (int, float))
    assert isinstance(summary_cells["since"], datetime)
    assert {k: _cell(v, expected_summary[k]) for k, v in summary_cells.items()} == expected_summary
    sheet_rows = [list(row) for row in book["Placements"].iter_rows(min_row=2, values_only=True)]
    assert [[_cell(v, e) for v, e in zip(row, want)] for row, want in zip(sheet_rows, expected_rows)] == expected_rows
    assert book["Placements"]["D3"].value == "=Café Élan" and book["Placements"]["D3"].data_type == "s"

    # JSON: the same two parts; decimals exact as strings.
    data = json.loads(outcomes_export.to_json(r))
    assert {k: _parse(v, expected_summary[k]) for k, v in data["summary"].items()} == expected_summary
    assert [[_parse(p[h], e) for h, e in zip(outcomes_export.PLACEMENT_HEADERS, want)]
            for p, want in zip(data["placements"], expected_rows)] == expected_rows
    assert data["placements"][1]["person"] == "Ben Nguyễn"


def test_an_export_is_written_to_the_audit_log(store, actor):
    _case(store, actor)
    r = _report(store, actor)
    with store.unit_of_work() as uow:
        record_export(uow, actor, r, "xlsx")
    from caseteam.services import audit_view
    with store.unit_of_work(write=False) as uow:
        entry = audit_view.audit_entries(uow, actor, audit_view.AuditQuery(), limit=1)[0]
    assert (entry.entity, entry.action) == ("outcomes_report", "exported")
    assert entry.changes["placements"] == 3 and entry.changes["format"] == "xlsx"


def _parse(text, like):
    """A text value read back from CSV or JSON, typed like the report's value."""
    if text in ("", None):
        return None
    if isinstance(like, bool) or like is None:
        return text
    if isinstance(like, date):
        return date.fromisoformat(text)
    if isinstance(like, Decimal):
        return Decimal(text)
    if isinstance(like, int):
        return int(text)
    return text


def _cell(value, like):
    """A spreadsheet cell read back, typed like the report's value (openpyxl gives floats and datetimes)."""
    if value is None:
        return None
    if isinstance(like, date) and isinstance(value, datetime):
        return value.date()
    if isinstance(like, Decimal):
        return Decimal(str(value)).quantize(like)
    return value
