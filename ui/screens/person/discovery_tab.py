"""The Discovery tab: the activity log (with its totals: how many, how many hours, how many weeks since
the first) above the vocational profile editor. Logging, correcting and archiving an activity are each
one undo step; the profile's revisions are history and are not undone."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout

from caseteam.services import discovery

from ...models.activity_model import ActivityModel, Column
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .activity_dialog import ActivityDialog
from .plan_printing import profile_output
from .profile_editor import ProfileEditor
from .tab import PersonTab


def totals_text(view: discovery.DiscoveryView) -> str:
    count = len(view.activities)
    if not count:
        return "No Discovery activities logged yet."
    weeks = view.weeks_since_first
    return (f"{count} {'activity' if count == 1 else 'activities'}, total {view.total_minutes / 60:.1f} hours, "
            f"{weeks} {'week' if weeks == 1 else 'weeks'} since the first activity")


class DiscoveryTab(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("discoveryTab")
        self.person_name, self.today = "the person", date.today()
        self.dialog: ActivityDialog | None = None
        self.totals = QLabel("Loading the activity log…")
        self.totals.setObjectName("discoveryTotals")
        self.totals.setAccessibleName("Discovery totals")
        self.model = ActivityModel(self)
        self.table = record_table(self.model, "Discovery activities",
                                  "Oldest first. Press Enter to edit the chosen activity.")
        self.table.setObjectName("activityTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.edit_activity())
        self.add_button = QPushButton("&Add activity…")
        self.add_button.setAccessibleDescription("Log an interview, observation or work try-out")
        self.edit_button = QPushButton("Ed&it activity…")
        self.archive_button = QPushButton("A&rchive activity")
        self.archive_button.setAccessibleDescription("Take the chosen activity out of the log; Edit ▸ Undo puts it "
                                                     "back")
        self.add_button.clicked.connect(self.add_activity)
        self.edit_button.clicked.connect(self.edit_activity)
        self.archive_button.clicked.connect(self.archive_activity)
        log_box = QGroupBox("Activity log")
        log_layout = QVBoxLayout(log_box)
        log_layout.addWidget(self.totals)
        log_layout.addWidget(self.table, 1)
        log_layout.addLayout(button_row(self.add_button, self.edit_button, self.archive_button))

        self.editor = ProfileEditor(ops, actor, history, person_id)
        self.editor.dirty_changed.connect(self.set_dirty)
        self.editor.save_finished.connect(self.save_finished)
        self.addAction(self.editor.draft_action)  # Ctrl+Shift+D from the log too, not only from the fields
        profile_box = QGroupBox("Vocational profile")
        profile_layout = QVBoxLayout(profile_box)
        profile_layout.addWidget(self.editor)
        self.output = profile_output(self)  # Large print, Print…, Save as PDF…: the saved revision, to sign
        profile_layout.addLayout(self.output.row())
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(log_box)
        self.splitter.addWidget(profile_box)
        self.splitter.setSizes([330, 420])
        QVBoxLayout(self).addWidget(self.splitter)
        chain_tab_order(self.table, self.add_button, self.edit_button, self.archive_button)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)  # Alt+3 lands on the activity log
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            return discovery.discovery_view(uow, actor, person_id), uow.people.get(person_id).display_name

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.totals.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.discovery or changes.profiles or changes.people:
            self.refresh()

    def _show(self, view: discovery.DiscoveryView, person_name: str, select=None) -> None:
        current = select or self._current_id()
        self.person_name, self.today = person_name, view.today
        self.model.set_rows(view.activities)
        self.totals.setText(totals_text(view))
        self.totals.setAccessibleDescription(self.totals.text())
        if view.activities:
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(Column.LEARNED, QHeaderView.ResizeMode.Stretch)
        row = self.model.row_of(current) if current is not None else None
        if row is None and view.activities:
            row = len(view.activities) - 1  # the latest activity is the likely one to edit
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, Column.DATE))
        self.editor.show_revision(view.profile, view.profile_author, view.today)
        self.output.update(view.profile.number if view.profile else None)
        self._update_buttons()

    def _current_id(self):
        row = self.current_activity()
        return row.id if row else None

    def current_activity(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.current_activity() is not None
        self.edit_button.setEnabled(chosen)
        self.archive_button.setEnabled(chosen)

    # --- activities --------------------------------------------------------------------------------------------
    def add_activity(self) -> None:
        self._open(ActivityDialog(self.person_name, self.today, parent=self), self._submit_new)

    def edit_activity(self) -> None:
        activity = self.current_activity()
        if activity is not None:
            self._open(ActivityDialog(self.person_name, self.today, activity, parent=self), self._submit_edit)

    def _open(self, dialog: ActivityDialog, submit) -> None:
        self.dialog = dialog
        dialog.submitted.connect(lambda _values: submit(dialog))
        dialog.finished.connect(lambda _r: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _submit_new(self, dialog: ActivityDialog) -> None:
        actor, person_id, values = self.actor, self.person_id, dialog.answer()
        when = values["held_on"].isoformat()
        self.perform(f"Log the Discovery activity of {when}",
                     lambda uow: discovery.log_activity(uow, actor, person_id, **values),
                     lambda uow, last: discovery.set_activity_archived(uow, actor, last[0].id, True,
                                                                       version=last[0].version),
                     redo=lambda uow, last: discovery.set_activity_archived(uow, actor, last[0].id, False,
                                                                            version=last[0].version),
                     on_done=lambda result: self._done(dialog, result[0].id), on_error=dialog.refuse)

    def _submit_edit(self, dialog: ActivityDialog) -> None:
        actor, activity, changes = self.actor, dialog.activity, dialog.changed_values()
        if not changes:
            dialog.finish()
            return
        before = {key: getattr(activity, key) for key in changes}
        self.perform(f"Edit the Discovery activity of {activity.held_on.isoformat()}",
                     lambda uow: discovery.update_activity(uow, actor, activity.id, version=activity.version,
                                                           **changes),
                     lambda uow, last: discovery.update_activity(uow, actor, activity.id, version=last[0].version,
                                                                 **before),
                     redo=lambda uow, last: discovery.update_activity(uow, actor, activity.id,
                                                                      version=last[0].version, **changes),
                     on_done=lambda result: self._done(dialog, activity.id), on_error=dialog.refuse)

    def archive_activity(self) -> None:
        activity, actor = self.current_activity(), self.actor
        if activity is None:
            return
        self.perform(f"Archive the Discovery activity of {activity.held_on.isoformat()}",
                     lambda uow: discovery.set_activity_archived(uow, actor, activity.id, True,
                                                                 version=activity.version),
                     lambda uow, last: discovery.set_activity_archived(uow, actor, activity.id, False,
                                                                       version=last[0].version),
                     redo=lambda uow, last: discovery.set_activity_archived(uow, actor, activity.id, True,
                                                                            version=last[0].version),
                     on_done=lambda _result: self.refresh())

    def _done(self, dialog: ActivityDialog, activity_id) -> None:
        dialog.finish()
        self.refresh(select=activity_id)

    # --- the profile editor's unsaved text is this tab's ------------------------------------------------------
    def save(self) -> bool:
        return self.editor.save()

    def discard(self) -> None:
        self.editor.discard()

