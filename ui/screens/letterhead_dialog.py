"""The organization's agreement letterhead: name, address, phone and an optional logo (PNG or JPEG,
previewed scaled down). The store checks the logo by its bytes, so a renamed text file is refused there
with the reason shown under the logo; a stale save keeps what was typed."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from caseteam.errors import CaseteamError, Conflict, ValidationError
from caseteam.services import agreement_templates

from ..widgets.field_row import FormFields, edited_signal, plain_text_box, set_field_value
from .agreement_setup import AgreementSetupDialog

PREVIEW_WIDTH, PREVIEW_HEIGHT = 280, 120
MOST_BYTES = 2 * 1024 * 1024  # the store's own limit; a bigger file is not even read
IMAGE_FILTER = "Logo images (*.png *.jpg *.jpeg);;All files (*)"
# Refusals about the logo land under it whatever the store calls the field.
LOGO_FIELDS = {"logo", "logo_filename", "remove_logo"}
TEXT_FIELDS = ("name", "address", "phone")


class LetterheadDialog(AgreementSetupDialog):
    def __init__(self, ops, actor, organization_id, organization_name: str, parent=None) -> None:
        super().__init__(ops, actor, organization_id, organization_name, "Agreement letterhead", parent)
        self.row = None
        self.logo: bytes | None = None  # the chosen file's bytes, not saved yet
        self.logo_filename = ""
        self.remove_logo = False
        intro = QLabel(f"How {organization_name} heads the agreements it prepares (page 1 of every agreement).")
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields = FormFields(form)
        self.name = self.fields.add("name", "&Name", QLineEdit(), description="The organization's name as it "
                                                                               "heads the agreement")
        self.address = self.fields.add("address", "&Address", plain_text_box(3),
                                       description="Street, town and postcode, one line each")
        self.phone = self.fields.add("phone", "&Phone", QLineEdit(), description="The number partners call")
        self.preview = QLabel("No logo")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setStyleSheet("border: 1px solid palette(mid);")
        self.preview.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader user can hear what is there
        self.choose_button = QPushButton("C&hoose logo…")
        self.choose_button.setAccessibleDescription("A PNG or JPEG file of at most 2 MB")
        self.remove_button = QPushButton("Re&move logo")
        self.remove_button.setAccessibleDescription("The letterhead prints without a logo")
        logo_row = QWidget()
        line = QHBoxLayout(logo_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.preview, 1)
        line.addWidget(self.choose_button)
        line.addWidget(self.remove_button)
        logo_row.setFocusProxy(self.choose_button)  # Alt+L and a problem with the logo go to Choose
        self.fields.add("logo", "&Logo", logo_row, description="The logo printed at the top left of page 1")
        self.body.addLayout(form)
        for widget in (self.name, self.address, self.phone):
            edited_signal(widget).connect(self.mark_dirty)
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button.clicked.connect(self.clear_logo)
        self.resize(620, self.sizeHint().height())

    # --- loading --------------------------------------------------------------------------------
    def _load_job(self):
        actor, key = self.actor, self.organization_id
        return lambda uow: (agreement_templates.letterhead(uow, actor, key),
                            agreement_templates.logo_bytes(uow, actor, key))

    def _show_loaded(self, result) -> None:
        row, logo = result
        self._show_row(row, logo)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_row(self, row, logo: bytes | None, keep: dict | None = None) -> None:
        self.row = row
        for key, value in (keep or {key: getattr(row, key) for key in TEXT_FIELDS}).items():
            set_field_value(self.fields.fields[key], value)
        if keep is None:
            self.logo, self.logo_filename, self.remove_logo = None, "", False
            self._preview(logo, row.logo_filename if row.has_logo else "")

    # --- the logo -------------------------------------------------------------------------------
    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Choose the letterhead logo", "", IMAGE_FILTER)
        if not path:
            return
        self.fields.clear_problems()
        name = os.path.basename(path)
        try:
            if os.path.getsize(path) > MOST_BYTES:
                self.fields.show_problem("logo", f"The logo {name} is larger than 2 MB; choose a smaller image.")
                return
            with open(path, "rb") as file:
                data = file.read()
        except OSError as exc:
            self.fields.show_problem("logo", f"The logo {name} could not be read ({exc.strerror or exc}).")
            return
        self.logo, self.logo_filename, self.remove_logo = data, name, False
        self._preview(data, name)
        self.mark_dirty()

    def clear_logo(self) -> None:
        self.logo, self.logo_filename = None, ""
        self.remove_logo = bool(self.row is not None and self.row.has_logo)
        self._preview(None, "")
        self.mark_dirty()

    def _preview(self, data: bytes | None, name: str) -> None:
        picture = QPixmap()
        if data and picture.loadFromData(data):
            self.preview.setPixmap(picture.scaled(PREVIEW_WIDTH, PREVIEW_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
            said = f"Logo {name}, {picture.width()} by {picture.height()} pixels"
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(f"{name}: not an image that can be shown" if data else "No logo")
            said = self.preview.text()
        self.preview.setAccessibleName(said)
        self.remove_button.setEnabled(bool(data))

    # --- saving ---------------------------------------------------------------------------------
    def _save_job(self):
        self.fields.clear_problems()
        values = {key: self.fields.value(key) for key in TEXT_FIELDS}
        if not values["name"]:
            self.fields.show_problem("name", "The letterhead needs the organization's name.")
            return None
        actor, key, version = self.actor, self.organization_id, self.row.version
        logo, filename, remove = self.logo, self.logo_filename, self.remove_logo
        return lambda uow: agreement_templates.save_letterhead(
            uow, actor, key, name=values["name"], address=values["address"], phone=values["phone"], logo=logo,
            logo_filename=filename, remove_logo=remove, version=version)

    def _saved(self, result) -> None:
        row = result[0]
        self.row = row
        self.logo, self.remove_logo = None, False  # kept by the store now
        self.remove_button.setEnabled(row.has_logo)

    def _show_refusal(self, exc: CaseteamError) -> bool:
        if isinstance(exc, Conflict):
            self._rebase()
            return True
        if isinstance(exc, ValidationError):
            field = "logo" if exc.field in LOGO_FIELDS else exc.field
            return self.fields.show_problem(field, exc.message)
        return False

    def _rebase(self) -> None:
        """Someone else saved the letterhead first: their version under the user's typing, saved next time."""
        typed = {key: self.fields.value(key) for key in TEXT_FIELDS}
        job = self._load_job()

        def fresh(result) -> None:
            row, _logo = result
            theirs = [key for key in TEXT_FIELDS if getattr(row, key) != getattr(self.row, key)]
            self._show_row(row, None, keep=typed)
            self.set_dirty(True)
            self.say("⚠ Not saved: someone else changed this letterhead while you were editing it "
                     f"({', '.join(theirs) or 'the logo'}). Your input is kept; check it and save again.",
                     problem=True)

        self.ops.run(job, on_done=fresh, on_error=self.refuse, write=False)
