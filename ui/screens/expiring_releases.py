"""View ▸ Expiring releases: the releases of information that run out in the next 30 days for the people
the user can see (renewed ones left out); Enter opens the person's Consent tab. Also registers what
"Record a release…" does after a ConsentRequired refusal anywhere in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from caseteam.services import consent

from .. import consent_offer
from ..models.consent_models import ReleaseColumn, ReleaseModel
from ..widgets.editor_parts import record_table

WITHIN_DAYS = 30


class ExpiringReleasesDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Expiring releases")
        self.setAccessibleName("Expiring releases")
        self.summary = QLabel("Loading…")
        self.summary.setAccessibleName("Expiring releases summary")
        self.model = ReleaseModel(self, with_person=True)
        self.table = record_table(self.model, "Releases expiring soon",
                                  f"Releases that expire within {WITHIN_DAYS} days; Enter opens the person's "
                                  "Consent tab")
        self.table.setObjectName("expiringTable")
        self.open_button = QPushButton("&Open the person's Consent tab")
        self.open_button.setAccessibleDescription("Open the chosen person's Consent tab to record a renewal")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_current)
        self.table.activated.connect(lambda _index: self.open_current())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 360)

    def load(self) -> None:
        actor = self.window_.actor
        self.window_.ops.run(lambda uow: consent.expiring_releases(uow, actor, WITHIN_DAYS), on_done=self._show,
                             on_error=lambda exc: self.summary.setText(exc.message))

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        n = len(rows)
        self.summary.setText(f"{n} release{'s' if n != 1 else ''} expire{'s' if n == 1 else ''} within "
                             f"{WITHIN_DAYS} days." if rows else f"No release expires within {WITHIN_DAYS} days.")
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentIndex(self.model.index(0, ReleaseColumn.REF))
            self.table.resizeColumnsToContents()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        release = self.model.release_at(index.row()) if index.isValid() else None
        if release is not None:
            self.accept()
            show_consent_tab(self.window_, release.person_id)


def show_consent_tab(window, person_id):
    """The person's workspace in front, on its Consent tab; returns that tab."""
    window.open_person(person_id)
    workspace = window.sections.people.get(person_id)
    tab = getattr(workspace, "consent", None)
    if tab is not None:
        workspace.tabs.setCurrentWidget(tab)
        tab.setFocus(Qt.FocusReason.OtherFocusReason)
    return tab


def install(window, menu) -> QAction:
    """The View menu entry, and the window's answer to "Record a release…"."""
    action = QAction("E&xpiring releases…", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+E"))
    action.setToolTip("Releases of information that expire within 30 days (Ctrl+Shift+E)")

    def show():
        if window.actor is None:
            return
        window.expiring_dialog = ExpiringReleasesDialog(window)
        window.expiring_dialog.open()
        window.expiring_dialog.load()

    def record_release(exc):
        tab = show_consent_tab(window, exc.person_id)
        if tab is not None:
            tab.new_release(exc.organization_id, exc.categories)

    action.triggered.connect(show)
    menu.addAction(action)
    consent_offer.set_handler(record_release)
    return action
