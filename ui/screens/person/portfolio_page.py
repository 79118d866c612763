"""The Work part's Portfolio page (visual résumé): the person's items in printed order with their
agreement in words, Add text…, Add photo… (PNG or JPEG), Change…, Record agreement…, Withdraw agreement,
moving and removing; and the printed portfolio (only agreed items): Print… (Ctrl+P), Save as PDF…
(Ctrl+Shift+S), large print, and For a partner… (a copy for an organization, checked against the person's
releases and logged as a disclosure). Every change is one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHeaderView, QLabel, QPushButton, QVBoxLayout)

from caseteam.errors import ValidationError
from caseteam.services import access, consent, portfolio
from caseteam.services.changes import NOTHING, Changes

from ... import printing
from ...models.work_models import ItemColumn, PortfolioModel
from ...widgets.document_actions import shortcut_button, tab_action
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .table_page import TablePage
from .work_dialogs import AgreementDialog, ItemDialog, WorkDialog

PRINT_KEYS, SAVE_KEYS, PARTNER_KEYS = "Ctrl+P", "Ctrl+Shift+S", "Ctrl+Shift+P"


def choose_photo(parent) -> str:
    """The photo's file; tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Add a photo to the portfolio", "",
                                          "Photos (*.png *.jpg *.jpeg);;All files (*)")
    return path


def file_name(person_ref: str, *, large_print: bool, recipient: str = "") -> str:
    """Says what the file is without putting the person's name on the disk."""
    name = f"{person_ref} portfolio" + (f" for {recipient}" if recipient else "")
    return "".join("-" if c in '\\/:*?"<>|' else c for c in name) + (" (large print)" if large_print else "") + ".pdf"


class PartnerDialog(WorkDialog):
    def __init__(self, organizations, parent=None) -> None:
        super().__init__("Portfolio copy for a partner", "&Save as PDF…", parent,
                         intro="The copy holds only the items the person agreed to. It is recorded in the "
                               "disclosure log, and refused unless an active release lets that organization "
                               "receive employment and vocational information today.")
        self.recipient = QComboBox()
        for org_id, name in organizations:
            self.recipient.addItem(name, org_id)
        self.fields.add("organization_id", "&Recipient", self.recipient)


class PortfolioPage(TablePage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("portfolioPage")
        self.person_name, self.person_ref, self.today, self.dialog, self.partners = "the person", "", None, None, []
        self.summary = QLabel("Loading the portfolio…")
        self.summary.setAccessibleName("Portfolio summary")
        self.summary.setWordWrap(True)
        self.model = PortfolioModel(self)
        self.table = record_table(self.model, "Portfolio items", "In printed order; the last column says whether "
                                                                 "the person agreed to the item")
        self.table.horizontalHeader().setSectionResizeMode(ItemColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        label = QLabel("Portfolio &items:")
        label.setBuddy(self.table)
        self.words = QLabel("")
        self.words.setAccessibleName("The chosen item's words")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_text_button = QPushButton("Add te&xt…")
        self.add_photo_button = QPushButton("Add pho&to…")
        self.add_photo_button.setAccessibleDescription("Choose a PNG or JPEG photo (at most 5 MB) and say what it shows")
        self.change_button = QPushButton("&Change…")
        self.agree_button = QPushButton("Record &agreement…")
        self.agree_button.setAccessibleDescription("Record that the person agreed the chosen item may be shown")
        self.withdraw_button = QPushButton("Withdraw a&greement")
        self.up_button, self.down_button = QPushButton("Move &up"), QPushButton("Move &down")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleDescription("Take the chosen item out of the portfolio (undo brings it back)")
        self.large_print = QCheckBox("&Large print")
        self.large_print.setAccessibleName("Large print portfolio")
        self.print_button = shortcut_button("&Print…", PRINT_KEYS, "Print the agreed items", name="Print portfolio")
        self.save_button = shortcut_button("&Save as PDF…", SAVE_KEYS, "Save the agreed items as a PDF file",
                                           name="Save portfolio as PDF")
        self.partner_button = shortcut_button("For a pa&rtner…", PARTNER_KEYS, "Save a copy for an organization; it "
                                              "is recorded in the disclosure log", name="Portfolio for a partner")
        self.print_actions = [tab_action(self, "Print portfolio…", PRINT_KEYS, self.print_portfolio),
                        tab_action(self, "Save portfolio as PDF…", SAVE_KEYS, self.save_portfolio),
                        tab_action(self, "Portfolio for a partner…", PARTNER_KEYS, self.for_partner)]
        edit = (self.add_text_button, self.add_photo_button, self.change_button, self.agree_button,
                self.withdraw_button, self.up_button, self.down_button, self.remove_button)
        output = (self.large_print, self.print_button, self.save_button, self.partner_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.words)
        layout.addLayout(button_row(*edit))
        layout.addLayout(button_row(*output))
        chain_tab_order(self.table, *edit, *output)
        self.add_text_button.clicked.connect(lambda: self.add_item(photo_path=None))
        self.add_photo_button.clicked.connect(self.add_photo)
        self.change_button.clicked.connect(self.change_item)
        self.agree_button.clicked.connect(self.record_agreement)
        self.withdraw_button.clicked.connect(self.withdraw_agreement)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button.clicked.connect(self.remove)
        self.print_button.clicked.connect(self.print_portfolio)
        self.save_button.clicked.connect(self.save_portfolio)
        self.partner_button.clicked.connect(self.for_partner)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)
        if access.reach(actor, access.Action.EDIT_PERSON) is access.Reach.NONE:
            for widget in edit:  # readers may still print what the person agreed to
                widget.hide()
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            person = uow.people.get(person_id)
            home = person.home_organization_id
            partners = [(o, n) for o, n in consent.party_choices(uow, actor) if o != home]
            return portfolio.list_items(uow, actor, person_id), person.display_name, person.ref, uow.today(), partners

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.portfolio or changes.organizations:
            self.refresh()

    def _show(self, items, name, ref, today, partners, select=None) -> None:
        keep = select or (self.current().id if self.current() else None)
        self.person_name, self.person_ref, self.today, self.partners = name, ref, today, partners
        self.model.set_rows(items)
        agreed = sum(1 for i in items if i.agreed)
        self.summary.setText(f"{len(items)} item{'s' if len(items) != 1 else ''}, {agreed} agreed by {name}: only "
                             "agreed items are printed." if items else
                             f"{name}'s portfolio is empty. Add text… or Add photo… starts it.")
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and items:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, ItemColumn.TITLE))
        self.table.resizeColumnToContents(ItemColumn.AGREEMENT)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current()
        self.words.setText(item.body if item and item.body else "")
        for button in (self.change_button, self.agree_button, self.up_button, self.down_button, self.remove_button):
            button.setEnabled(item is not None)
        self.withdraw_button.setEnabled(item is not None and item.agreed)
        printable = any(self.model.row_at(i).agreed for i in range(self.model.rowCount()))
        for widget in (self.large_print, self.print_button, self.save_button):
            widget.setEnabled(printable)
        self.partner_button.setEnabled(printable and bool(self.partners))
        for action in self.print_actions:
            action.setEnabled(printable)

    # --- changing the items ----------------------------------------------------------------------------------
    def add_photo(self) -> None:
        path = choose_photo(self)
        if path:
            self.add_item(photo_path=path)

    def add_item(self, photo_path: str | None = None) -> None:
        actor, person_id = self.actor, self.person_id
        photo_name = Path(photo_path).name if photo_path else ""
        dialog = ItemDialog(self.person_name, self, photo_name=photo_name)
        if photo_path:
            dialog.title_box.setText(Path(photo_path).stem.replace("_", " "))

        def submit(values):
            try:
                data = Path(photo_path).read_bytes() if photo_path else None
            except OSError as exc:
                dialog.refuse(ValidationError("title", f"{photo_name} could not be read: {exc.strerror}."))
                return
            self._step("Add to the portfolio", lambda uow: portfolio.add_item(
                uow, actor, person_id, photo=data, filename=photo_name, **values),
                lambda uow, last: portfolio.set_item_archived(uow, actor, last[0].id, True, version=last[0].version),
                dialog, redo=lambda uow, last: portfolio.set_item_archived(uow, actor, last[0].id, False,
                                                                           version=last[0].version))
        self._open(dialog, submit)

    def change_item(self) -> None:
        item, actor = self.current(), self.actor
        if item is None:
            return

        def submit(values):
            self._step("Change portfolio item",
                       lambda uow: portfolio.update_item(uow, actor, item.id, version=item.version, **values),
                       lambda uow, last: portfolio.update_item(uow, actor, item.id, version=last[0].version,
                                                               title=item.title, body=item.body), self.dialog)
        self._open(ItemDialog(self.person_name, self, row=item), submit)

    def record_agreement(self) -> None:
        item, actor = self.current(), self.actor
        if item is None:
            return

        def submit(values):
            self._step("Record agreement",
                       lambda uow: portfolio.record_agreement(uow, actor, item.id, version=item.version, **values),
                       lambda uow, last: portfolio.withdraw_agreement(uow, actor, item.id, version=last[0].version)
                       if not item.agreed else portfolio.record_agreement(
                           uow, actor, item.id, agreed_on=item.agreed_on, how=item.agreed_how, version=last[0].version),
                       self.dialog)
        self._open(AgreementDialog(item.title, self.person_name, self.today, self), submit)

    def withdraw_agreement(self) -> None:
        item, actor = self.current(), self.actor
        if item is not None and item.agreed:
            self._step("Withdraw agreement",
                       lambda uow: portfolio.withdraw_agreement(uow, actor, item.id, version=item.version),
                       lambda uow, last: portfolio.record_agreement(uow, actor, item.id, agreed_on=item.agreed_on,
                                                                    how=item.agreed_how, version=last[0].version))

    def move(self, offset: int) -> None:
        item, actor = self.current(), self.actor
        if item is not None:
            self._step("Move portfolio item", lambda uow: portfolio.move_item(uow, actor, item.id, offset),
                       lambda uow, last: portfolio.move_item(uow, actor, item.id, -offset))

    def remove(self) -> None:
        item, actor = self.current(), self.actor
        if item is not None:
            self._step("Remove portfolio item",
                       lambda uow: portfolio.set_item_archived(uow, actor, item.id, True, version=item.version),
                       lambda uow, last: portfolio.set_item_archived(uow, actor, item.id, False,
                                                                     version=last[0].version))

    # --- the printed portfolio ---------------------------------------------------------------------------------
    def print_portfolio(self) -> None:
        self._make(None, lambda data: printing.print_pdf(self, data))

    def save_portfolio(self) -> None:
        large, ref = self.large_print.isChecked(), self.person_ref
        self._make(None, lambda data: printing.save_pdf(self, data, file_name(ref, large_print=large)))

    def for_partner(self) -> None:
        if not self.partners:
            return
        dialog = PartnerDialog(self.partners, self)
        large, ref = self.large_print.isChecked(), self.person_ref

        def submit(values):
            name = dialog.recipient.currentText()
            self._make(values["organization_id"], lambda data: (dialog.finish(), printing.save_pdf(
                self, data, file_name(ref, large_print=large, recipient=name))), on_error=dialog.refuse)
        self._open(dialog, submit)

    def _make(self, org_id, hand_over, on_error=None) -> None:
        actor, person_id, large = self.actor, self.person_id, self.large_print.isChecked()

        def make(uow):
            data = portfolio.portfolio_pdf(uow, actor, person_id, large_print=large, for_party=org_id)
            return data, (Changes(consent=True) if org_id is not None else NOTHING)

        self.run(make, on_done=lambda result: hand_over(result[0]), on_error=on_error, write=True,
                 progress_text="Preparing the portfolio…")
