"""One person's workspace tab: a header, the Profile editor, and the read-only summary of team,
plan and tasks (editors for those come tab by tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from caseteam.services import records

from ..person_summary import PersonSummaryView
from .profile_form import ProfileForm


class PersonWorkspace(QWidget):
    title_changed = Signal(str)  # the person's name, with " *" while there are unsaved edits

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personWorkspace")
        self.ops, self.actor, self.history, self.person_id = ops, actor, history, person_id
        self.name = ""
        self.header = QLabel("Opening…")
        self.header.setAccessibleName("Person")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the person's record")
        self.profile = ProfileForm(ops, actor, history, person_id)
        self.summary = PersonSummaryView()
        from ..task_board import TaskBoard

        self.tasks = TaskBoard(ops, actor, history, person_id=person_id)
        self.tabs.addTab(self.profile, "Profile")
        self.tabs.addTab(self.tasks, "Tasks")
        self.tabs.addTab(self.summary, "Team, plan and history")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        save = QAction("Save", self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save)
        self.addAction(save)
        self.profile.dirty_changed.connect(lambda _d: self._announce())
        self.profile.loaded.connect(self._show_header)
        self.profile.saved.connect(lambda _row: self.refresh_summary())

    def add_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def load(self) -> None:
        self.profile.load()
        self.tasks.refresh()
        self.refresh_summary(opening=True)

    def refresh_summary(self, *, opening: bool = False) -> None:
        """Opening the workspace is audited once; refreshing what is already open is not."""
        actor, person_id = self.actor, self.person_id
        self.ops.run(lambda uow: (records.person_summary(uow, actor, person_id), uow.today()),
                     on_done=lambda result: self.summary.show_summary(*result),
                     on_error=lambda exc: self.summary.show_message(exc.message), write=opening)

    def _show_header(self, row) -> None:
        from html import escape

        self.name = row.display_name
        self.header.setText(f"<h2>{escape(row.display_name)}</h2>{escape(row.ref)} · {escape(row.stage.label)} "
                            f"since {row.stage_entered_on.isoformat()}")
        self._announce()

    def _announce(self) -> None:
        self.title_changed.emit(self.name + (" *" if self.has_unsaved_changes() else ""))

    def has_unsaved_changes(self) -> bool:
        return self.profile.has_unsaved_changes()

    def save(self) -> bool:
        return self.profile.save()

    def discard(self) -> None:
        self.profile.discard()

    def apply_changes(self, changes) -> None:
        self.tasks.apply_changes(changes)
        if changes.teams or changes.plans or changes.tasks or changes.profiles or changes.discovery:
            self.refresh_summary()
