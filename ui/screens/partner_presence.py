"""The partner directory's Presence tab: how the chosen organization engages at the One-Stop (referral only,
a scheduled presence, co-located) and its weekly times in the building, with Add, Edit and Remove. Every
change is one undo step built from the services' inverses: the engagement set back, an added time removed,
an edit saved back, a removed time restored. Only roles that may change the directory see the buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QToolBar, QVBoxLayout, QWidget

from caseteam.domain.presence import Engagement
from caseteam.services import access, presence

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.presence_models import SlotTableModel
from ..widgets.field_row import PROBLEM_STYLE, find_data
from ..widgets.presence_slot_dialog import SlotDialog
from .directory_parts import current_row, make_table, refill_table, refused_or_rebased, screen_action
from .partners_edits import DirectoryEdits

ACTIONS = (("add_slot", "Add weekly time…", "Ctrl+Alt+T"), ("edit_slot", "Edit weekly time…", "F2"),
           ("remove_slot", "Remove weekly time", "Delete"))


class PresenceEdits(DirectoryEdits):
    """Presence changes in the directory's three shapes: add ↔ remove, save ↔ save back, remove ↔ restore."""

    def set_engagement(self, row, engagement: Engagement, on_done=None, on_error=None) -> None:
        words = engagement.label[0].lower() + engagement.label[1:]
        self._update(f"{row.name}: {words}", presence.set_engagement, row,
                     {"engagement": engagement}, on_done, on_error)

    def add_slot(self, organization_id, values: dict, on_done=None, on_error=None) -> None:
        day = presence.DAY_NAMES[values["weekday"]]
        self._add(f"Add {day} time in the building",
                  lambda uow, actor: presence.add_slot(uow, actor, organization_id, **values),
                  presence.set_slot_archived, on_done, on_error)

    def update_slot(self, row, changes: dict, on_done=None, on_error=None) -> None:
        self._update(f"Save {row.day_name} time in the building", presence.update_slot, row, changes, on_done,
                     on_error)

    def remove_slot(self, row, on_done=None, on_error=None) -> None:
        self._archive(f"Remove {row.day_name} {row.hours} time", presence.set_slot_archived, row, True, on_done,
                      on_error)


class PresencePage(QWidget):
    loaded = Signal(int)  # the organization's weekly times are on screen: how many

    def __init__(self, ops, actor, history, open_dialog, parent=None) -> None:
        """open_dialog(dialog, perform, after=None, failed=None): the directory's non-blocking dialog runner."""
        super().__init__(parent)
        self.setObjectName("partnerPresence")
        self.ops, self.actor, self.open_dialog = ops, actor, open_dialog
        self.may_change = access.allowed(None, actor, access.Action.MANAGE_PARTNERS)
        self.edits = PresenceEdits(history, actor)
        self.organization, self.staff, self.sites = None, [], []
        self._request = 0

        self.engagement = QComboBox()
        for value in Engagement:
            self.engagement.addItem(value.label, value)
        self.engagement.setAccessibleName("How it engages at the One-Stop")
        self.engagement.setAccessibleDescription("Referral only, a scheduled presence on set days and hours, or "
                                                 "co-located at the One-Stop; Apply saves the choice.")
        engagement_label = QLabel("How it en&gages:")
        engagement_label.setBuddy(self.engagement)
        self.apply_button = QPushButton("Appl&y")
        self.apply_button.setAccessibleName("Apply how it engages")
        self.apply_button.setAccessibleDescription("Save the chosen way of engaging at the One-Stop (one undo step)")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Why the presence was not changed")
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        self.note = QLabel("Your role may look at partner presence here but not change it.")
        self.toolbar = QToolBar("Presence actions")
        self.toolbar.setAccessibleName("Presence actions")
        for key, text, shortcut in ACTIONS:
            action = screen_action(self, text, shortcut, self.toolbar)
            action.setVisible(self.may_change)
            setattr(self, f"{key}_action", action)
        self.model = SlotTableModel(self)
        self.table = make_table(self.model, "Weekly times in the building", "When this partner is at the One-Stop "
                                "each week. Enter or F2 edits the chosen time; Delete removes it.")
        table_label = QLabel("&Weekly times in the building:")
        table_label.setBuddy(self.table)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Presence in words")

        line = QHBoxLayout()
        line.addWidget(engagement_label)
        line.addWidget(self.engagement, 1)
        line.addWidget(self.apply_button)
        line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(line)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.toolbar)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        # Only once they have a parent: a parentless widget made visible opens as its own window.
        self.apply_button.setVisible(self.may_change)
        self.note.setVisible(not self.may_change)
        self.setFocusProxy(self.engagement)

        self.engagement.currentIndexChanged.connect(lambda _i: self._enable())
        self.apply_button.clicked.connect(lambda: self.choose_engagement(self.engagement.currentData()))
        self.add_slot_action.triggered.connect(lambda: self.edit_slot(None))
        self.edit_slot_action.triggered.connect(lambda: self.edit_slot(current_row(self.table)))
        self.remove_slot_action.triggered.connect(self.remove_slot)
        self.table.activated.connect(lambda _i: self.edit_slot(current_row(self.table)))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.model.modelReset.connect(self._enable)
        self._enable()

    # --- what is shown --------------------------------------------------------------------------
    def show_organization(self, organization, staff) -> None:
        """The directory chose (or re-read) an organization; staff: its StaffRows."""
        if self.organization is None or self.organization.id != organization.id:
            self.message.hide()
        self.organization = organization
        self.staff = [(s.id, s.name) for s in staff if s.active and not s.archived]
        self._show_engagement()
        self.reload()

    def _show_engagement(self) -> None:
        blocked = self.engagement.blockSignals(True)
        self.engagement.setCurrentIndex(find_data(self.engagement, self.organization.engagement))
        self.engagement.blockSignals(blocked)
        self._enable()

    def reload(self) -> None:
        if self.organization is None:
            return
        self._request += 1
        number, actor, key = self._request, self.actor, self.organization.id
        self.ops.run(lambda uow: (presence.list_slots(uow, actor, key), presence.sites(uow, actor)),
                     on_done=lambda result: self._show(number, result), write=False)

    def _show(self, number: int, result) -> None:
        if number != self._request:
            return  # a newer answer is coming
        slots, self.sites = result
        refill_table(self.table, self.model, slots, 220)
        org = self.organization
        if org.engagement is Engagement.REFERRAL_ONLY:
            words = f"{org.name} takes referrals only: it has no times in the building."
        elif not slots:
            words = (f"{org.name} is based at the One-Stop; no set hours are written down." if
                     org.engagement is Engagement.CO_LOCATED else
                     f"{org.name} has a scheduled presence, but no weekly time is written down yet.")
        else:
            words = "; ".join(s.words for s in slots) + "."
        self.summary.setText(words)
        self._enable()
        self.loaded.emit(len(slots))

    def _enable(self) -> None:
        org = self.organization
        live = self.may_change and org is not None and not org.archived
        present = live and org.engagement is not Engagement.REFERRAL_ONLY
        chosen = current_row(self.table) is not None
        self.engagement.setEnabled(live)
        self.apply_button.setEnabled(live and self.engagement.currentData() != org.engagement)
        self.add_slot_action.setEnabled(present)
        self.edit_slot_action.setEnabled(present and chosen)
        self.remove_slot_action.setEnabled(live and chosen)

    # --- changes --------------------------------------------------------------------------------
    def _refused(self, exc) -> None:
        self.message.setText(f"⚠ {exc.message}")
        self.message.show()
        self._show_engagement()  # the choice goes back to what is saved

    def choose_engagement(self, engagement) -> None:
        org = self.organization
        if org is None or engagement is None or engagement == org.engagement:
            return
        self.message.hide()
        self.edits.set_engagement(org, engagement, on_error=self._refused)

    def edit_slot(self, row) -> None:
        """Add a weekly time (row None) or edit one, in a dialog."""
        org = self.organization
        if org is None or not (self.edit_slot_action if row else self.add_slot_action).isEnabled():
            return
        dialog = SlotDialog(org.name, self.staff, self.sites, row, self)
        if row is None:
            key = org.id
            self.open_dialog(dialog, lambda values, done, failed: self.edits.add_slot(key, values, done, failed))
        else:
            self.open_dialog(dialog, lambda changes, done, failed: self.edits.update_slot(dialog.row, changes, done,
                                                                                          failed),
                             failed=self._stale(dialog))

    def remove_slot(self) -> None:
        row = current_row(self.table)
        if row is not None and self.remove_slot_action.isEnabled():
            self.message.hide()
            self.edits.remove_slot(row, on_error=self._refused)

    def _stale(self, dialog):
        """A refused edit: the reason in the dialog, or for a stale copy the time as saved now under it."""
        actor, key = self.actor, self.organization.id
        return refused_or_rebased(self.ops, dialog, lambda uow: presence.list_slots(uow, actor, key), list)


__all__ = ["PresenceEdits", "PresencePage"]
