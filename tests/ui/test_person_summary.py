"""The person summary shows what a job developer needs, and shows typed text as text."""

from __future__ import annotations

from datetime import date

import pytest

from caseteam.domain.people import RepresentativeAuthority
from caseteam.domain.teams import TeamRole
from caseteam.services import people, teams, users
from ui.dates import local_date


@pytest.fixture
def small_store(sqlite_store):
    """One person whose typed text looks like markup, with a current and a former team member."""
    with sqlite_store.unit_of_work() as uow:
        actor = users.local_actor(uow)
        person, _ = people.create_person(
            uow, actor, given_name="Dolores", family_name="<b>Ruiz</b> & Co", preferred_name="Lola",
            communication_needs="Plain language; <script>alert(1)</script>", accommodations="Screen reader",
            preferred_language="Spanish", interpreter="Spanish", representative_name="Marta Ruiz",
            representative_relationship="Sister", representative_authority=RepresentativeAuthority.GUARDIAN)
        teams.add_team_member(uow, actor, person.id, role=TeamRole.FAMILY, start_date=date(2025, 1, 1),
                              support_name="Marta Ruiz", relationship="Sister")
        former, _ = teams.add_team_member(uow, actor, person.id, role=TeamRole.MENTOR, start_date=date(2025, 1, 1),
                                          support_name="Old Mentor", relationship="Neighbour")
        teams.end_team_member(uow, actor, former.id, end_date=date(2025, 6, 1))
    sqlite_store.close()
    return sqlite_store.path, person


def test_summary_escapes_typed_text_and_marks_former_members(qtbot, open_window, small_store):
    path, person = small_store
    window = open_window(path)
    page = window.caseload
    with qtbot.waitSignal(page.summary_loaded):
        page.open_person(person.id)
    text = page.summary.toPlainText()
    assert "Lola <b>Ruiz</b> & Co" in text  # the preferred name leads; markup stays visible text
    assert "Full name: Dolores <b>Ruiz</b> & Co" in text
    assert "<script>alert(1)</script>" in text
    assert "Interpreter: Spanish" in text
    assert "Authority: Guardian" in text
    assert "Team (1 current)" in text
    assert "Marta Ruiz: Family (natural support, Sister)" in text
    assert "Former members" in text
    assert f"Old Mentor: Mentor (natural support, Neighbour) (ended {local_date(date(2025, 6, 1))})" in text
    assert "No plan saved yet." in text
    assert "No open tasks." in text


def test_enter_in_the_search_box_moves_to_the_first_match(qtbot, open_window, small_store):
    path, person = small_store
    window = open_window(path)
    page = window.caseload
    qtbot.keyClicks(page.search_box, "lola")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 person matches")
    with qtbot.waitSignal(page.summary_loaded) as loaded:
        qtbot.keyClick(page.search_box, "\r")
    assert loaded.args == [person.id]
    assert page.current_person_id() == person.id


def test_a_partner_sees_not_shared_where_no_release_covers_a_section(demo_store):
    from caseteam.services import people as people_services
    from caseteam.services import records, users
    from ui.screens.person_summary import summary_html

    partner = users.sign_in(demo_store, "partner", "caseteam-demo")
    with demo_store.unit_of_work(write=False) as uow:
        summaries = [records.person_summary(uow, partner, row.id) for row in people_services.caseload(uow, partner)]
        today = uow.today()
    withheld = [s for s in summaries if s.hidden]
    shared = [s for s in summaries if not s.hidden]
    assert withheld and shared  # the demo has both: lapsed releases and current ones
    html = summary_html(withheld[0], today)
    assert "Not shared with your organization" in html and "No contact details recorded" not in html
    assert "Not shared with your organization" not in summary_html(shared[0], today)
