"""One person's workspace: a header (name, reference, stage with "Change stage…") over tabs for the
Profile, Team and Discovery; the window adds Plan, Revisions and Tasks with add_tab().

Alt+1..Alt+9 show a tab by number, Ctrl+Shift+J the Work part, Ctrl+PgDown / Ctrl+PgUp the next or previous one; Ctrl+S saves the
tab in front; Ctrl+Shift+G changes the stage. Unsaved edits of every tab add up in
has_unsaved_changes(), save() and discard(), and the title (name, with " *" while something is
unsaved) is announced by title_changed for the window's tab.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from caseteam.services import people

from ... import operations  # noqa: F401  (pyside_fixes guards every signal before ours emit)
from .discovery_tab import DiscoveryTab
from .profile_tab import ProfileTab
from .stage_dialog import StageDialog
from .team_tab import TeamTab

SAVE_WAIT_MS = 30_000  # the close prompt waits this long at most for the saves to answer


class PersonWorkspace(QWidget):
    title_changed = Signal(str)  # the person's name, with " *" while there are unsaved edits

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personWorkspace")
        self.ops, self.actor, self.history, self.person_id = ops, actor, history, person_id
        self.person: people.PersonRow | None = None
        self.stage_dialog: StageDialog | None = None

        self.header = QLabel("Opening…")
        self.header.setObjectName("personHeader")
        self.header.setAccessibleName("Person")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # No Alt-letter: every tab below uses its own, and the letters run out. Ctrl+Shift+G instead.
        self.stage_button = QPushButton("Change stage…")
        self.stage_button.setAccessibleDescription("Move the person to another stage, from a date, with a reason "
                                                   "(Ctrl+Shift+G)")
        self.stage_button.setToolTip("Ctrl+Shift+G")
        self.stage_button.setEnabled(False)
        self.stage_button.clicked.connect(self.change_stage)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.stage_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.setAccessibleName("Parts of the person's record")
        self.tabs.setAccessibleDescription("Alt and a number show a part; Ctrl+Page Down shows the next one")
        self.profile = ProfileTab(ops, actor, history, person_id)
        self.team = TeamTab(ops, actor, history, person_id)
        self.discovery = DiscoveryTab(ops, actor, history, person_id)
        self.versions: dict = {}  # one version book for every step taken here (see PersonTab.perform)
        for tab in (self.profile, self.team, self.discovery, self.discovery.editor):
            tab.versions = self.versions
        for widget, title in ((self.profile, "Profile"), (self.team, "Team"), (self.discovery, "Discovery")):
            self.add_tab(widget, title)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setTabOrder(self.stage_button, self.tabs)
        self._make_actions()
        self.tabs.currentChanged.connect(lambda _index: self._yield_shortcuts())
        self.profile.person_loaded.connect(self._show_person)

    def _make_actions(self) -> None:
        def action(text: str, keys, slot) -> QAction:
            made = QAction(text, self)
            made.setShortcuts([QKeySequence(k) for k in keys])
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.save_action = action("Save", [QKeySequence.StandardKey.Save], self.save_current)
        self.stage_action = action("Change stage…", ["Ctrl+Shift+G"], self.change_stage)
        for number in range(1, 10):
            action(f"Show part {number}", [f"Alt+{number}"], lambda _c=False, n=number: self.show_tab(n - 1))
        action("Show work", ["Ctrl+Shift+J"], self.show_work)
        action("Next part", ["Ctrl+PgDown"], lambda: self.show_tab((self.tabs.currentIndex() + 1) % self.tabs.count()))
        action("Previous part", ["Ctrl+PgUp"],
               lambda: self.show_tab((self.tabs.currentIndex() - 1) % self.tabs.count()))

    # --- tabs -------------------------------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str, *, position: int | None = None) -> int:
        """Add a part (Plan, Revisions, Tasks…) at `position` (default: last). A part with has_unsaved_changes /
        save / discard joins the unsaved-edit checks; one with a dirty_changed signal updates the title;
        refresh and apply_changes are passed on to it."""
        index = self.tabs.insertTab(self.tabs.count() if position is None else position, widget, title)
        for number in range(min(self.tabs.count(), 9)):
            self.tabs.setTabToolTip(number, f"Alt+{number + 1}")
        dirty_changed = getattr(widget, "dirty_changed", None)
        if dirty_changed is not None:
            dirty_changed.connect(lambda *_a: self._announce())
        return index

    def _yield_shortcuts(self) -> None:
        """While a part that claims the stage's keys is in front (the plan's Add goal, Ctrl+Shift+G), its
        action answers: two enabled actions on one key make Qt ignore both. The button still works."""
        part = self.tabs.currentWidget()
        claimed = {key for action in (part.actions() if part is not None else []) for key in action.shortcuts()}
        self.stage_action.setEnabled(not claimed.intersection(self.stage_action.shortcuts()))

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
            self.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_work(self) -> None:
        """The Work part (job development, employment...), past the reach of Alt+1..9."""
        work = self.findChild(QWidget, "jobsPart")
        if work is not None and self.tabs.indexOf(work) >= 0:
            self.show_tab(self.tabs.indexOf(work))

    def _parts(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    # --- data ---------------------------------------------------------------------------------------------
    def load(self) -> None:
        """First load: opening the record is audited once (by the Profile tab's load)."""
        self.profile.load(opening=True)
        for part in self._parts():
            if part is not self.profile and hasattr(part, "refresh"):
                part.refresh()

    def refresh(self) -> None:
        for part in self._parts():
            refresh = getattr(part, "refresh", None)
            if refresh is not None:
                refresh()

    def apply_changes(self, changes) -> None:
        for part in self._parts():
            apply = getattr(part, "apply_changes", None)
            if apply is not None:
                apply(changes)

    def _show_person(self, row: people.PersonRow) -> None:
        self.person = row
        archived = " · <b>archived</b>" if row.archived else ""
        self.header.setText(f"<h2 style='margin:0'>{escape(row.display_name)}</h2>{escape(row.ref)} · "
                            f"Stage: <b>{escape(row.stage.label)}</b> since {row.stage_entered_on.isoformat()}"
                            f"{archived}")
        self.header.setAccessibleDescription(f"{row.display_name}, {row.ref}, stage {row.stage.label} since "
                                             f"{row.stage_entered_on.isoformat()}")
        self.stage_button.setEnabled(True)
        self._announce()

    def _announce(self) -> None:
        if self.person is not None and isValid(self):
            self.title_changed.emit(self.person.display_name + (" *" if self.has_unsaved_changes() else ""))

    # --- stage ----------------------------------------------------------------------------------------------
    def change_stage(self) -> None:
        if self.person is None or (self.stage_dialog is not None and self.stage_dialog.isVisible()):
            return
        self.stage_dialog = StageDialog(self.person, self.profile.today, self)
        self.stage_dialog.submitted.connect(self._submit_stage)
        self.stage_dialog.open()

    def _submit_stage(self, values: dict) -> None:
        dialog, actor, person_id = self.stage_dialog, self.actor, self.person_id
        version, name, stage = self.person.version, self.person.display_name, values["stage"]

        def do(uow):
            return people.change_stage(uow, actor, person_id, stage, entered_on=values["entered_on"],
                                       reason=values["reason"], version=version)

        self.profile.perform(
            f"Move {name} to {stage.label}", do,
            lambda uow, last: people.revert_stage_change(uow, actor, person_id, version=last[0].version),
            redo=lambda uow, last: people.change_stage(uow, actor, person_id, stage, entered_on=values["entered_on"],
                                                       reason=values["reason"], version=last[0].version),
            on_done=lambda result: (dialog.finish(), self._show_person(result[0])), on_error=dialog.refuse)

    # --- unsaved edits ------------------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return any(getattr(part, "has_unsaved_changes", lambda: False)() for part in self._parts())

    def save_current(self) -> None:
        save = getattr(self.tabs.currentWidget(), "save", None)
        if save is not None:
            save()

    def save(self) -> bool:
        """Save every part with unsaved edits and wait for the answers: True only when all were saved
        (the close prompt must not drop a tab whose save was refused)."""
        return save_parts(self._parts())

    def discard(self) -> None:
        for part in self._parts():
            if getattr(part, "has_unsaved_changes", lambda: False)():
                part.discard()


def save_parts(parts) -> bool:
    """Save each part with unsaved edits and wait (at most SAVE_WAIT_MS) for the answers of those that
    save in the background: True only when every one was saved."""
    waiting, results = [], []
    loop = QEventLoop()

    def finished(ok: bool) -> None:
        results.append(ok)
        if len(results) == len(waiting):
            loop.quit()

    for part in parts:
        if not getattr(part, "has_unsaved_changes", lambda: False)():
            continue
        signal = getattr(part, "save_finished", None)
        if signal is None:
            if not part.save():
                return False
            continue
        signal.connect(finished)
        if part.save():
            waiting.append(part)
        else:
            signal.disconnect(finished)
            return False
    if waiting:
        QTimer.singleShot(SAVE_WAIT_MS, loop.quit)
        loop.exec()
        for part in waiting:
            part.save_finished.disconnect(finished)
    return len(results) == len(waiting) and all(results)
