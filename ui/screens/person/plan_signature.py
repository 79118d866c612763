"""The person's signature on the latest plan revision, on the Plan and Plan history tabs: a line saying
whether it is signed ("Signed by X on D (how) — locked") and "Record signature…" (Ctrl+Shift+H), a dialog
for the date, how, who and the scan of the signed paper. A signature cannot be undone: the revision is
locked, and a change to the plan is the next revision, which is signed anew."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from caseteam.errors import ValidationError
from caseteam.services import access, plan_signatures
from caseteam.services.plans import PlanRevisionRow

from ...dates import local_date
from ...widgets.field_row import FormDialog, date_box

KEYS = "Ctrl+Shift+H"


def choose_scan(parent) -> str:
    """The scanned signed plan; tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose the scan of the signed plan", "",
                                          "Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)")
    return path


def signature_line(row: PlanRevisionRow | None) -> str:
    if row is None:
        return "No plan is saved yet, so there is nothing to sign."
    if not row.locked:
        return f"Revision {row.number} is not signed yet."
    signed = row.signature_text.replace(f" on {row.signed_on.isoformat()}", f" on {local_date(row.signed_on)}")
    scan = " A scan of the signed copy is filed." if row.has_signed_scan else ""
    return f"Revision {row.number}: {signed} — locked.{scan}"


class SignatureDialog(FormDialog):
    def __init__(self, number: int, names: dict[str, str], today: date, parent=None) -> None:
        super().__init__(f"Record the signature on revision {number}", "Record signature", parent,
                         intro=f"Once recorded, revision {number} is locked: a later change to the plan is a new "
                               "revision, which is signed anew. This cannot be undone.")
        self.names, self.scan_path = names, ""
        self.signed_on = self.fields.add("signed_on", "Signed &on", date_box(today),
                                         description="The day the plan was signed")
        self.how = QComboBox()
        for way in plan_signatures.SIGNING_WAYS:
            self.how.addItem(way[:1].upper() + way[1:], way)
        self.fields.add("how", "&How", self.how, description="In person on paper, by the representative, or an "
                                                            "e-signature")
        self.signer = self.fields.add("signed_by_name", "Signed &by", QLineEdit(names.get(self.how.currentData(), "")),
                                      description="The name of the person (or representative) who signed")
        self.scan_name = QLineEdit()
        self.scan_name.setReadOnly(True)
        self.scan_name.setPlaceholderText("No scan (optional)")
        self.fields.add("scan", "Scanned &copy", self.scan_name, description="The scan of the signed paper, filed "
                                                                            "with the revision (optional)")
        self.choose_button = QPushButton("Choose &file…")
        self.choose_button.setAccessibleDescription("Choose the scanned signed plan")
        self.choose_button.clicked.connect(self.choose)
        self.form.addRow("", self.choose_button)
        self.how.currentIndexChanged.connect(self._suggest_name)
        self.setTabOrder(self.scan_name, self.choose_button)

    def _suggest_name(self) -> None:
        # Only a name still as suggested follows the choice: a typed one is kept.
        if self.signer.text().strip() in (*self.names.values(), ""):
            self.signer.setText(self.names.get(self.how.currentData(), ""))

    def choose(self) -> None:
        path = choose_scan(self)
        if path:
            self.scan_path = path
            self.scan_name.setText(Path(path).name)

    def answer(self) -> dict:
        values = self.fields.values()
        values["scan"] = self.scan_path
        return values


class SignaturePanel(QWidget):
    """The signature line and button for one tab; `show_revision` says which revision it is about."""

    recorded = Signal(object)  # the PlanRevisionRow now signed

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab, self.revision, self.latest, self.dialog = tab, None, True, None
        self.setObjectName("planSignature")
        self.line = QLabel(signature_line(None))
        self.line.setObjectName("planSignatureLine")
        self.line.setAccessibleName("Plan signature")
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton("Record signature…")
        self.button.setObjectName("recordSignature")
        self.button.setAccessibleDescription(f"Record that the person signed the latest revision ({KEYS})")
        self.button.setToolTip(KEYS)
        self.button.clicked.connect(self.open_dialog)
        self.may_sign = access.reach(tab.actor, access.Action.EDIT_PERSON) is not access.Reach.NONE
        action = QAction("Record signature…", tab)
        action.setShortcut(QKeySequence(KEYS))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: self.open_dialog() if self.button.isEnabled() else None)
        tab.addAction(action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        # Only once it has a parent: a parentless setVisible(True) would open the button as a window.
        self.button.setHidden(not self.may_sign)
        self.show_revision(None)

    def show_revision(self, row: PlanRevisionRow | None, *, latest: bool = True) -> None:
        self.revision, self.latest = row, latest
        text = signature_line(row)
        if row is not None and row.locked and latest:
            text += f" Saving a change makes revision {row.number + 1}, which is signed anew."
        self.line.setText(text)
        self.button.setEnabled(row is not None and latest and not row.locked)

    def open_dialog(self) -> None:
        row, tab = self.revision, self.tab
        if row is None or row.locked or not self.latest:
            return
        actor, person_id = tab.actor, tab.person_id

        def load(uow):
            return plan_signatures.signer_defaults(uow, actor, person_id), uow.today()

        tab.run(load, on_done=lambda result: self._open(row.number, *result),
                on_error=lambda exc: self.line.setText(f"⚠ {exc.message}"))

    def _open(self, number: int, names: dict[str, str], today: date) -> None:
        self.dialog = SignatureDialog(number, names, today, self.window())
        self.dialog.submitted.connect(lambda values: self._submit(number, values))
        self.dialog.open()

    def _submit(self, number: int, values: dict) -> None:
        dialog, actor, person_id = self.dialog, self.tab.actor, self.tab.person_id

        def do(uow):
            data, name = None, ""
            if values["scan"]:
                path = Path(values["scan"])
                try:
                    data, name = path.read_bytes(), path.name
                except OSError as exc:
                    raise ValidationError("scan", f"{path.name} could not be read "
                                                  f"({exc.strerror or type(exc).__name__}).") from None
            return plan_signatures.record_plan_signature(
                uow, actor, person_id, number, signed_on=values["signed_on"], how=values["how"],
                signed_by_name=values["signed_by_name"], scan=data, filename=name)

        def done(result) -> None:
            dialog.finish()
            self.show_revision(result[0])
            self.recorded.emit(result[0])

        self.tab.run(do, on_done=done, on_error=dialog.refuse, write=True)
