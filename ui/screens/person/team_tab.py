"""The Team tab: the person's customized-support team with its history (ended members stay, greyed and
marked "ended <date>"), each member's open tasks for this person, and the actions to add partner staff
or a natural support and to end a membership; each is one undo step (add ↔ take off, end ↔ reopen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout

from caseteam.services import teams

from ...models.team_model import Column, TeamModel
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .tab import PersonTab
from .team_dialogs import EndMembershipDialog, NaturalSupportDialog, PartnerStaffDialog


class TeamTab(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("teamTab")
        self.person_name = "the person"
        self._sized = False  # columns fitted to the first answer, then left as the user sets them
        self.dialog = None  # the dialog open now, if any (tests drive it)
        self.summary = QLabel("Loading the team…")
        self.summary.setAccessibleName("Team summary")
        self.model = TeamModel(self)
        self.table = record_table(self.model, "Team members",
                                  "Current members first, then ended memberships kept as history")
        self.table.setObjectName("teamTable")
        self.table.horizontalHeader().setSectionResizeMode(Column.ORGANIZATION, QHeaderView.ResizeMode.Stretch)

        self.add_staff_button = QPushButton("Add &partner staff…")
        self.add_staff_button.setAccessibleDescription("Find a partner organization's staff member by name or "
                                                       "organization and add them to the team")
        self.add_support_button = QPushButton("Add natural s&upport…")
        self.add_support_button.setAccessibleDescription("Add family, a friend or a mentor to the team")
        self.end_button = QPushButton("E&nd membership…")
        self.end_button.setAccessibleDescription("End the chosen member's membership; it stays in the history")
        self.add_staff_button.clicked.connect(self.add_partner_staff)
        self.add_support_button.clicked.connect(self.add_natural_support)
        self.end_button.clicked.connect(self.end_membership)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.add_staff_button, self.add_support_button, self.end_button))
        chain_tab_order(self.table, self.add_staff_button, self.add_support_button, self.end_button)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)  # Alt+2 lands on the members, the current one marked
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        """Reload the team; `select` is a member id to put the cursor on (e.g. the one just added)."""
        actor, person_id = self.actor, self.person_id

        def load(uow):
            return teams.team_view(uow, actor, person_id), uow.people.get(person_id).display_name

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.teams or changes.tasks or changes.staff or changes.organizations or changes.people:
            self.refresh()

    def _show(self, view: teams.TeamView, person_name: str, select=None) -> None:
        current = select or self._current_member_id()
        self.person_name = person_name
        self.model.set_lines(view.lines, view.today)
        now = sum(1 for line in view.lines if not line.ended)
        ended = len(view.lines) - now
        self.summary.setText(f"{now} current member{'s' if now != 1 else ''}"
                             + (f", {ended} ended (shown greyed, marked “ended”)" if ended else "")
                             if view.lines else f"{person_name} has no team members yet.")
        if not self._sized and view.lines:
            self.table.resizeColumnsToContents()
            self._sized = True
        row = self.model.row_of(current) if current is not None else None
        if row is None and view.lines:
            row = 0  # a visible choice for the actions, not Qt's unmarked current cell
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, Column.NAME))
        self._update_buttons()

    def _current_member_id(self):
        index = self.table.currentIndex()
        line = self.model.line_at(index.row()) if index.isValid() else None
        return line.member.id if line else None

    def current_line(self):
        index = self.table.currentIndex()
        return self.model.line_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        line = self.current_line()
        self.end_button.setEnabled(line is not None and line.member.end_date is None)

    # --- adding ---------------------------------------------------------------------------------------
    def add_partner_staff(self) -> None:
        actor = self.actor

        def search(text, answer):
            self.run(lambda uow: teams.list_staff(uow, actor, text), on_done=answer)

        self._open(PartnerStaffDialog(self.person_name, self.model.today, search, self), self._submit_staff)

    def add_natural_support(self) -> None:
        self._open(NaturalSupportDialog(self.person_name, self.model.today, self), self._submit_support)

    def _open(self, dialog, submit) -> None:
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _submit_staff(self, values: dict) -> None:
        staff = values["staff"]
        self._add(f"Add {staff.name} to the team", dict(staff_id=staff.id, role=values["role"],
                                                        start_date=values["start_date"]))

    def _submit_support(self, values: dict) -> None:
        self._add(f"Add {values['support_name'] or 'a natural support'} to the team", values)

    def _add(self, text: str, values: dict) -> None:
        dialog, actor, person_id = self.dialog, self.actor, self.person_id
        self.perform(text, lambda uow: teams.add_team_member(uow, actor, person_id, **values),
                     lambda uow, last: teams.set_team_member_archived(uow, actor, last[0].id, True,
                                                                      version=last[0].version),
                     redo=lambda uow, last: teams.set_team_member_archived(uow, actor, last[0].id, False,
                                                                           version=last[0].version),
                     on_done=lambda result: self._done(dialog, result[0].id), on_error=dialog.refuse)

    def _done(self, dialog, member_id) -> None:
        dialog.finish()
        self.refresh(select=member_id)

    # --- ending -----------------------------------------------------------------------------------------
    def end_membership(self) -> None:
        line = self.current_line()
        if line is None or line.member.end_date is not None:
            return
        self._open(EndMembershipDialog(line.member, self.model.today, self),
                   lambda values: self._submit_end(line.member, values["end_date"]))

    def _submit_end(self, member, end_date) -> None:
        dialog, actor = self.dialog, self.actor
        self.perform(f"End {member.name}'s membership",
                     lambda uow: teams.end_team_member(uow, actor, member.id, end_date=end_date,
                                                       version=member.version),
                     lambda uow, last: teams.reopen_team_member(uow, actor, member.id, version=last[0].version),
                     redo=lambda uow, last: teams.end_team_member(uow, actor, member.id, end_date=end_date,
                                                                  version=last[0].version),
                     on_done=lambda result: self._done(dialog, member.id), on_error=dialog.refuse)
