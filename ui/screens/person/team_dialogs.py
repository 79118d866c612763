"""Dialogs of the Team tab: add partner staff (searched by name or organization), add a natural
support, end a membership. Each stays open until its service answers (FormDialog)."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem

from caseteam.domain.teams import TeamRole
from caseteam.errors import ValidationError
from caseteam.services.organizations import StaffRow
from caseteam.services.teams import TeamMemberRow

from ...widgets.field_row import FormDialog, date_box, find_data

NATURAL_ROLES = (TeamRole.FAMILY, TeamRole.FRIEND, TeamRole.MENTOR, TeamRole.ADVOCATE, TeamRole.EMPLOYER_CONTACT,
                 TeamRole.OTHER)
STAFF_ROLES = tuple(r for r in TeamRole if r not in (TeamRole.FAMILY, TeamRole.FRIEND))
# Words in a staff member's title that say which role they usually take on a team.
TITLE_ROLES = (("benefit", TeamRole.BENEFITS_PLANNER), ("case manager", TeamRole.CASE_MANAGER),
               ("coach", TeamRole.JOB_COACH), ("transition", TeamRole.TRANSITION_COORDINATOR),
               ("support coordinator", TeamRole.SUPPORT_COORDINATOR),
               ("service coordinator", TeamRole.SUPPORT_COORDINATOR),
               ("rehabilitation counselor", TeamRole.VR_COUNSELOR), ("vr counselor", TeamRole.VR_COUNSELOR),
               ("job developer", TeamRole.JOB_DEVELOPER), ("employment specialist", TeamRole.JOB_DEVELOPER),
               ("business", TeamRole.WORKFORCE_STAFF), ("workforce", TeamRole.WORKFORCE_STAFF),
               ("advocate", TeamRole.ADVOCATE))


def likely_role(title: str, organization: str = "") -> TeamRole:
    """A first guess the user can change; a counselor at a VR office is a VR counselor."""
    lowered = title.lower()
    if "counselor" in lowered and ("vr" in organization.lower().split() or "rehabilitation" in organization.lower()):
        return TeamRole.VR_COUNSELOR
    return next((role for words, role in TITLE_ROLES if words in lowered), TeamRole.OTHER)


def role_box(roles, chosen: TeamRole) -> QComboBox:
    combo = QComboBox()
    for role in roles:
        combo.addItem(role.label, role)
    combo.setCurrentIndex(max(0, find_data(combo, chosen)))
    return combo


class PartnerStaffDialog(FormDialog):
    """Type part of a name, title or organization; pick a line; set role and start date."""

    SEARCH_DELAY_MS = 200

    def __init__(self, person_name: str, today: date, search: Callable[[str, Callable], None], parent=None) -> None:
        super().__init__("Add partner staff", "Add to team", parent,
                         intro=f"Add a partner organization's staff member to {person_name}'s team.")
        self._search, self._asked = search, 0
        self.search_box = self.fields.add("search", "&Find", QLineEdit(),
                                          description="Part of a name, a job title or an organization")
        self.search_box.setPlaceholderText("Name, title or organization, e.g. counselor or Bridgeway")
        self.search_box.setClearButtonEnabled(True)
        self.results = self.fields.add("staff", "&Staff member", QListWidget(),
                                       description="Matching staff; use the arrow keys to choose")
        self.results.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.role = self.fields.add("role", "&Role", role_box(STAFF_ROLES, TeamRole.OTHER))
        self.start_date = self.fields.add("start_date", "From &date", date_box(today))
        self._timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_box.textEdited.connect(lambda _t: self._timer.start())
        # Enter in the search box searches and moves to the list; it must not also press "Add to team"
        # (a dialog's default button) with whatever line was chosen before the search answered.
        self.search_box.installEventFilter(self)
        self.results.currentItemChanged.connect(self._chosen)
        self.resize(680, self.sizeHint().height())
        self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        self._asked += 1
        number = self._asked
        self._search(self.search_box.text(), lambda rows: self.show_staff(rows) if number == self._asked else None)

    def show_staff(self, rows: list[StaffRow]) -> None:
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.name} — {row.title + ', ' if row.title else ''}{row.organization_name}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)
        if not rows:
            self.results.addItem(QListWidgetItem("No active staff match; try part of the name or organization."))
        self.results.setCurrentRow(0 if rows else -1)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._to_results()
            return True
        return super().eventFilter(watched, event)

    def _to_results(self) -> None:
        self.search_now()
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        row = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if row is not None:
            self.role.setCurrentIndex(max(0, find_data(self.role, likely_role(row.title, row.organization_name))))

    def chosen_staff(self) -> StaffRow | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def answer(self) -> dict:
        staff = self.chosen_staff()
        return {"staff": staff, "role": self.role.currentData(), "start_date": self.fields.value("start_date")}

    def check(self, values: dict) -> bool:
        if values["staff"] is None:
            self.refuse(ValidationError("staff", "Choose a staff member from the list (type to find them)."))
            return False
        return True


class NaturalSupportDialog(FormDialog):
    """Family, friends, mentors: people who support the person without an organization behind them."""

    def __init__(self, person_name: str, today: date, parent=None) -> None:
        super().__init__("Add natural support", "Add to team", parent,
                         intro=f"Add someone who supports {person_name} outside any agency.")
        self.fields.add("support_name", "&Name", QLineEdit())
        self.fields.add("relationship", "Re&lationship", QLineEdit(),
                        description=f"Who they are to {person_name}, for example aunt or neighbour")
        self.fields.add("contact", "&Contact", QLineEdit(), description="Phone number or email")
        self.fields.add("role", "&Role", role_box(NATURAL_ROLES, TeamRole.FAMILY))
        self.fields.add("start_date", "From &date", date_box(today))


class EndMembershipDialog(FormDialog):
    def __init__(self, member: TeamMemberRow, today: date, parent=None) -> None:
        super().__init__("End team membership", "End membership", parent,
                         intro=f"{member.name} stays in the team's history, marked as ended. "
                               "Edit ▸ Undo makes the membership current again.")
        self.fields.add("end_date", "&Last day", date_box(max(today, member.start_date)),
                        description=f"{member.name} joined on {member.start_date.isoformat()}")
