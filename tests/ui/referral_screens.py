"""What the referral screen tests share, on the demo partnership: the people (one whose release lets Bridgeway
share with Riverbend Behavioral Health, one without any), a desk that calls the services directly as a demo
account (a colleague at another computer), a screen's Operations signed in as a demo account, and the steps
for driving a referral dialog from the keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from caseteam.domain.consent import InformationCategory
from caseteam.domain.users import User
from caseteam.services import people, referrals
from caseteam.services.actors import Actor
from caseteam.storage.store import open_store
from ui.operations import Operations

from signing import sign_in

WAIT = 20_000
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)
MENTAL_HEALTH = "Riverbend Behavioral Health"
COVERED = "Brandon Peterson"  # an active release lets Bridgeway share six kinds of information with Riverbend
NOT_COVERED = "Crystal Anderson"  # no release names Riverbend
SHARED = (InformationCategory.CONTACT, InformationCategory.EMPLOYMENT)


class Desk:
    """The store as a demo account at another computer sees it: each call in its own unit of work."""

    def __init__(self, path) -> None:
        self.path = path

    def __call__(self, username: str, op, write: bool = True):
        store = open_store(self.path)
        try:
            with store.unit_of_work(write=write) as uow:
                user = uow.session.scalar(select(User).where(User.username == username))
                return op(uow, Actor.of(user))
        finally:
            store.close()

    def person(self, name: str):
        return self("jobdev", lambda uow, actor: next(r for r in people.caseload(uow, actor) if r.name == name),
                    write=False)

    def organization_id(self, name: str = MENTAL_HEALTH):
        return self("jobdev", lambda uow, actor: next(
            o for o, n in referrals.referral_choices(uow, actor, people.caseload(uow, actor)[0].id).organizations
            if n == name), write=False)

    def send(self, person_id, *, days_ago: int = 0, respond_in: int | None = 14, service="IPS supported employment",
             to=MENTAL_HEALTH):
        """A referral Lupe (jobdev) sent `days_ago`, its answer due `respond_in` days after sending."""
        org = self.organization_id(to)

        def op(uow, actor):
            sent = uow.today() - timedelta(days=days_ago)
            return referrals.send_referral(
                uow, actor, person_id=person_id, to_organization_id=org, service=service,
                reason="Wants to work and to keep seeing his counselor", shared_categories=SHARED, on=sent,
                respond_by=sent + timedelta(days=respond_in) if respond_in is not None else None)[0]

        return self("jobdev", op)

    def referral(self, referral_id, username: str = "jobdev"):
        return self(username, lambda uow, actor: referrals.get_referral(uow, actor, referral_id), write=False)


@pytest.fixture
def colleague(demo_path):
    return Desk(demo_path)


def signed_in_ops(qtbot, path, username: str) -> Operations:
    ops = Operations(None)
    opened = []
    ops.open_store(str(path), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    ops.actor = sign_in(qtbot, ops, username)
    return ops


def focused():
    return QApplication.focusWidget()


def show_active(qtbot, widget) -> None:
    """On screen and the active window: keys go to the active window."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=WAIT)


def active_dialog(qtbot, owner, kind):
    """The owner's open dialog of this kind, once it is the active window."""
    qtbot.waitUntil(lambda: isinstance(owner.dialog, kind) and owner.dialog.isVisible(), timeout=WAIT)
    owner.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is owner.dialog, timeout=WAIT)
    return owner.dialog


def choose_by_typing(qtbot, box, text: str) -> None:
    """A combo box chosen as a keyboard user does: focus it and type the start of the line."""
    box.setFocus()
    qtbot.keyClicks(box, text)


def fill_send_dialog(qtbot, dialog, *, to: str = "Riverbend", service: str = "IPS supported employment",
                     reason: str = "Wants to work and to keep seeing his counselor") -> None:
    """Receiving organization by typing, the service and reason typed, contact details and employment ticked."""
    choose_by_typing(qtbot, dialog.organization, to)
    assert dialog.organization.currentText().startswith(to)
    qtbot.keyClicks(dialog.fields.fields["service"], service)
    qtbot.keyClicks(dialog.fields.fields["reason"], reason)
    for category in SHARED:
        box = dialog.category_boxes[category]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()


def choose(qtbot, board, referral_id) -> None:
    """The referral chosen in the board's table and its details and history shown."""
    line = board.model.row_of(referral_id)
    assert line is not None
    board.table.setCurrentIndex(board.model.index(line, 0))
    qtbot.waitUntil(lambda: board.detail is not None and board.detail.referral.id == referral_id, timeout=WAIT)


def statuses(detail) -> list[str]:
    return [event.status.label for event in detail.events]
