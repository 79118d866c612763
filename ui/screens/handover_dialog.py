"""Hand over and deactivate…: everything a staff member still holds, grouped by kind (open tasks, team
memberships, lead job developer assignments, pending referrals, upcoming meetings), each line ticked with
its person, current holder and a New holder list (the suggested colleague chosen). "Give all to" sets every
line that colleague may take; any line can then go to someone else. One OK is one handover (one undo step);
unticked lines stay with the person, and the note under the list says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHeaderView, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem

from caseteam.services.handover_rows import KIND_ORDER, NOUNS, OpenItemRow, OpenWork

from ..widgets.editor_parts import chain_tab_order
from ..widgets.field_row import FormDialog

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
BY_ITEM = "(choose line by line)"
NOBODY = "(no colleague can take it)"
HOLDER_WIDTH = 320  # the New holder lists: wide enough for "Name — Organization (n open tasks)" to start


class HandoverDialog(FormDialog):
    """OK sends submitted({"assignments": {item key: colleague id or None}, "reason", "deactivate"})."""

    def __init__(self, work: OpenWork, parent=None, *, deactivate: bool = True) -> None:
        if work.items:
            intro = (f"{work.staff_name} ({work.organization_name}) holds {work.counts_words}. Untick what stays "
                     "with them and choose who takes each line; one OK hands it all over in one step "
                     "(Ctrl+Z undoes it).")
        else:
            intro = f"{work.staff_name} ({work.organization_name}) holds nothing open."
        super().__init__(f"Hand over {work.staff_name}'s work", "Hand over", parent, intro=intro)
        self.setObjectName("handoverDialog")
        self.work = work
        self.combos: dict[str, QComboBox] = {}
        self.lines: dict[str, QTreeWidgetItem] = {}

        self.tree = QTreeWidget()
        self.tree.setObjectName("handoverItems")
        self.tree.setAccessibleName("Items to hand over")
        self.tree.setAccessibleDescription("Space ticks or unticks the chosen line; each line's New holder list "
                                           "follows in the Tab order")
        self.tree.setHeaderLabels(["Item", "Person", "Current holder", "New holder"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for kind in KIND_ORDER:
            rows = work.of_kind(kind)
            if rows:
                self._add_group(kind, rows)
        self.tree.expandAll()
        for column in (1, 2):
            self.tree.resizeColumnToContents(column)
        header.resizeSection(3, HOLDER_WIDTH)
        items_label = QLabel("&Items to hand over:")
        items_label.setBuddy(self.tree)
        layout = self.layout()
        start = 1  # after the intro
        layout.insertWidget(start, items_label)
        layout.insertWidget(start + 1, self.tree, 1)
        self.note = QLabel("")
        self.note.setObjectName("handoverNote")
        self.note.setAccessibleName("What stays with them")
        self.note.setWordWrap(True)
        layout.insertWidget(start + 2, self.note)

        self.give_all = self.fields.add("to_all", "Give &all to", QComboBox(),
                                        description="Sets every line this colleague may take; change single "
                                                    "lines afterwards")
        self.give_all.addItem(BY_ITEM, None)
        for colleague in work.colleagues:
            self.give_all.addItem(colleague.words, colleague.id)
        self.reason = self.fields.add("reason", "&Reason", QLineEdit(),
                                      description="Kept with the handover and in the audit log")
        self.reason.setPlaceholderText("For example: moved to the Westside office")
        self.deactivate = QCheckBox(f"Make {work.staff_name}'s staff record i&nactive (they are leaving)")
        self.deactivate.setChecked(deactivate and work.active)
        self.deactivate.setEnabled(work.active)
        self.deactivate.setAccessibleDescription("Untick when they stay but change role")
        self.form.addRow(self.deactivate)

        self.give_all.currentIndexChanged.connect(lambda _i: self._give_all())
        self.tree.itemChanged.connect(lambda *_: self._show_note())
        self.deactivate.toggled.connect(lambda _on: self._show_note())
        order = [self.tree, *self.combos.values(), self.give_all, self.reason, self.deactivate, self.ok_button]
        chain_tab_order(*order)
        self.setMinimumWidth(860)
        self.resize(960, 560)
        self._show_note()
        self.tree.setFocus()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _add_group(self, kind, rows: tuple[OpenItemRow, ...]) -> None:
        group = QTreeWidgetItem([f"{NOUNS[kind][1].capitalize()} ({len(rows)})"])
        group.setFlags(group.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
        self.tree.addTopLevelItem(group)
        for row in rows:
            line = QTreeWidgetItem([row.label, row.person_name or "—", row.holder_name, ""])
            line.setFlags(line.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            line.setCheckState(0, Qt.CheckState.Checked)
            line.setData(0, ROW_ROLE, row)
            line.setToolTip(0, row.label)
            group.addChild(line)
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            combo.setToolTip("Who takes it; the list holds every colleague who may")
            combo.setObjectName(f"newHolder_{row.key}")
            combo.setAccessibleName(f"New holder for {row.label}")
            offered = self.work.colleagues_for(row)
            if not offered:
                combo.addItem(NOBODY, None)
            for colleague in offered:
                combo.addItem(colleague.words, colleague.id)
            if row.suggested_id is not None:
                combo.setCurrentIndex(max(0, combo.findData(row.suggested_id)))
            combo.currentIndexChanged.connect(lambda _i: self._show_note())
            self.tree.setItemWidget(line, 3, combo)
            self.combos[row.key] = combo
            self.lines[row.key] = line

    # --- what the lines say -----------------------------------------------------------------------
    def ticked(self, key: str) -> bool:
        return self.lines[key].checkState(0) == Qt.CheckState.Checked

    def set_holder(self, key: str, staff_id) -> bool:
        combo = self.combos[key]
        index = combo.findData(staff_id)
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def _give_all(self) -> None:
        chosen = self.give_all.currentData()
        if chosen is not None:
            for key in self.combos:
                self.set_holder(key, chosen)
        self._show_note()

    def _show_note(self) -> None:
        left = [key for key in self.lines if not self.ticked(key)]
        receivers = sorted({self.combos[k].currentText().split(" — ")[0] for k in self.lines
                            if self.ticked(k) and self.combos[k].currentData() is not None})
        moving = len(self.lines) - len(left)
        words = (f"{moving} of {len(self.lines)} item{'s' if len(self.lines) != 1 else ''} go to "
                 f"{', '.join(receivers)}." if moving else "Nothing is handed over.")
        if left:
            words += f" {len(left)} unticked stay{'s' if len(left) == 1 else ''} with {self.work.staff_name}"
            words += (": the quality dashboard will warn about them while the record is inactive."
                      if self.deactivate.isChecked() else ".")
        self.note.setText(words)

    # --- the answer -------------------------------------------------------------------------------
    def answer(self) -> dict:
        return {"assignments": {key: self.combos[key].currentData() if self.ticked(key) else None
                                for key in self.lines},
                "reason": self.reason.text().strip(), "deactivate": self.deactivate.isChecked()}

    def check(self, values: dict) -> bool:
        stuck = [self.lines[key].data(0, ROW_ROLE).label for key in self.lines
                 if self.ticked(key) and self.combos[key].currentData() is None]
        if stuck:
            self.message.setText(f"⚠ No colleague can take {stuck[0]}: untick it, or add a staff member at "
                                 "that organization first.")
            self.message.show()
            return False
        if not any(values["assignments"].values()) and not values["deactivate"]:
            self.message.setText("⚠ Tick at least one item to hand over, or make the record inactive.")
            self.message.show()
            return False
        return True


__all__ = ["HandoverDialog"]
