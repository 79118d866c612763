"""The quality dashboard on both engines, on a hand-built store: each count holds exactly the records that
belong on it (and not those just outside it, nor another organization's for a supervisor), the billable
share of time, thresholds stored in the store changing the counts, a job developer refused, and a fixed
number of statements however many rows."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import quality_dashboard as qd
from caseteam.services import training
from caseteam.services.quality_dashboard import QualityKind as K

from builders import record_exchange
from quality_desk import add_note, add_task, quality_desk
from test_statement_counts import counted


@pytest.fixture
def desk(store, actor):
    return quality_desk(store, actor)


def board(desk, actor):
    with desk["store"].unit_of_work(write=False) as uow:
        return qd.dashboard(uow, actor)


def ids(found, kind):
    return [line.record_id for line in found.count(kind).lines]


def test_each_count_holds_exactly_its_records_for_a_supervisor(desk):
    e, found = desk["expected"], board(desk, desk["supervisor"])
    assert [c.kind for c in found.counts] == list(K)
    assert ids(found, K.PLAN_REVIEWS_OVERDUE) == [desk["ben"].id]
    [review] = found.count(K.PLAN_REVIEWS_OVERDUE).lines
    assert review.words.startswith("Plan revision 1 was due for review on ") and review.words.endswith("(3 days ago)")
    assert ids(found, K.TASKS_OVERDUE) == e["tasks"]
    assert found.tasks_by_organization == (("Bridgeway", 2), ("State VR", 1))
    assert [line.person_name for line in found.count(K.TASKS_OVERDUE).lines] == ["Ana Lima", "", "Ben Test"]
    assert ids(found, K.LONG_IN_STAGE) == [desk["fay"].id]
    assert found.count(K.LONG_IN_STAGE).lines[0].words.endswith("(200 days)")
    assert ids(found, K.DISCOVERY_STALLED) == [desk["dan"].id, desk["cara"].id]
    dan, cara = found.count(K.DISCOVERY_STALLED).lines
    assert "(14 weeks)" in dan.words and "(2 days ago)" in dan.words
    assert "(7 weeks)" in cara.words and "(30 days ago)" in cara.words
    assert ids(found, K.NOTES_AWAITING_COSIGN) == list(reversed(e["notes"]))  # oldest first
    assert "by Lupe Hernández" in found.count(K.NOTES_AWAITING_COSIGN).lines[0].words
    assert set(ids(found, K.AGREEMENTS_AWAITING_SIGNATURE)) == set(e["agreements"])
    words = {line.record_id: line.words for line in found.count(K.AGREEMENTS_AWAITING_SIGNATURE).lines}
    assert words[e["agreements"][0]].endswith("1 of 2 signatures recorded")
    assert ids(found, K.AUTHORIZATIONS_ENDING) == [e["authorization"]]
    assert found.count(K.AUTHORIZATIONS_ENDING).lines[0].words.endswith("(in 12 days)")
    assert ids(found, K.RELEASES_EXPIRING) == [e["release"]]
    assert ids(found, K.CREDENTIALS_EXPIRING) == [e["expiring"]]
    assert ids(found, K.CREDENTIALS_EXPIRED) == [e["expired"]]
    assert found.count(K.CREDENTIALS_EXPIRED).lines[0].words.startswith("Denise Okafor: CESP expired on ")

    # Caseloads: Bridgeway's staff; Lupe leads four open cases (Hal's is closed).
    loads = {load.staff_name: load for load in found.caseloads}
    assert set(loads) == {"Lupe Hernández", "Denise Okafor"}
    lupe = loads["Lupe Hernández"]
    # Entries: 1 h (written from a note) + 3 h; the other timed note adds 2 h; the 8 h note is 40 days old.
    assert (lupe.people, lupe.billable_minutes, lupe.recorded_minutes) == (4, 240, 360)
    assert lupe.billable_share == Decimal("0.67")
    assert loads["Denise Okafor"].billable_share is None and loads["Denise Okafor"].people == 0
    line = next(x for x in found.count(K.CASELOADS).lines if x.record_id == desk["lupe_id"])
    assert line.words == ("Lupe Hernández: 4 open cases; 67% billable (4 h 00 min of 6 h 00 min recorded in "
                          "the last 30 days)")


def test_an_administrator_also_sees_the_other_organization(desk):
    e, found = desk["expected"], board(desk, desk["actor"])
    assert set(ids(found, K.PLAN_REVIEWS_OVERDUE)) == {desk["ben"].id, desk["other"].id}
    assert set(ids(found, K.TASKS_OVERDUE)) == {*e["tasks"], e["other_task"]}
    assert ids(found, K.LONG_IN_STAGE) == [desk["other"].id, desk["fay"].id]
    assert set(ids(found, K.NOTES_AWAITING_COSIGN)) == {*e["notes"], e["other_note"]}
    assert set(ids(found, K.AGREEMENTS_AWAITING_SIGNATURE)) == {*e["agreements"], e["other_agreement"]}
    assert len(ids(found, K.AUTHORIZATIONS_ENDING)) == 2
    assert len(ids(found, K.CREDENTIALS_EXPIRING)) == 2  # VR's counselor too
    assert [load.staff_name for load in found.caseloads] == ["Lupe Hernández"]  # the only one leading cases


def test_thresholds_are_stored_and_change_the_counts(desk):
    with desk["store"].unit_of_work() as uow:
        t, _ = qd.set_thresholds(uow, desk["supervisor"], stage_days=250, discovery_weeks=15)
    assert (t.stage_days, t.discovery_weeks, t.discovery_idle_days) == (250, 15, 21)
    found = board(desk, desk["supervisor"])
    assert ids(found, K.LONG_IN_STAGE) == []
    assert ids(found, K.DISCOVERY_STALLED) == [desk["cara"].id]
    assert found.count(K.LONG_IN_STAGE).label == "People in one stage over 250 days"
    with desk["store"].unit_of_work() as uow:
        qd.set_thresholds(uow, desk["supervisor"], discovery_idle_days=45)
    assert ids(board(desk, desk["supervisor"]), K.DISCOVERY_STALLED) == []
    with desk["store"].unit_of_work() as uow:
        with pytest.raises(ValidationError) as err:
            qd.set_thresholds(uow, desk["supervisor"], stage_days=0)
        assert err.value.field == "stage_days" and "from 7 to 3650" in err.value.message


def test_a_job_developer_is_refused(desk):
    assert desk["jobdev"].role is Role.JOB_DEVELOPER
    with desk["store"].unit_of_work(write=False) as uow:
        with pytest.raises(PermissionDenied) as err:
            qd.dashboard(uow, desk["jobdev"])
    assert "supervisors and administrators" in err.value.message
    with desk["store"].unit_of_work() as uow:
        with pytest.raises(PermissionDenied):
            qd.set_thresholds(uow, desk["jobdev"], stage_days=30)


def test_the_dashboard_is_a_fixed_number_of_statements(desk):
    with counted(desk["store"]) as statements:
        before = board(desk, desk["supervisor"])
    few = len(statements)
    assert few <= 26, statements  # the releases' rows are consent's own (parties, categories, renewals)
    with desk["store"].unit_of_work() as uow:  # more rows of every kind
        for n in range(5):
            person = uow.people.get(desk["ben"].id)
            add_task(uow, desk, f"More {n}", person=person, due_in=-n - 1)
            add_note(uow, desk, person, author=desk["jobdev"], hours=(9, 10))
            training.record_credential(uow, desk["actor"], desk["lupe_id"], name=f"C{n}",
                                       expires_on=desk["today"] + timedelta(days=n + 1))
    record_exchange(desk["store"], desk["actor"], desk["cara"].id, desk["vr_org"].id,
                    expires_on=desk["today"] + timedelta(days=9))
    with counted(desk["store"]) as statements:
        after = board(desk, desk["supervisor"])
    assert len(statements) == few
    assert after.count(K.TASKS_OVERDUE).count == before.count(K.TASKS_OVERDUE).count + 5
    assert after.count(K.RELEASES_EXPIRING).count == 2
