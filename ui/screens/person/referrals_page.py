"""The workspace's "Referrals" part (Ctrl+Shift+R): every referral of the person, to or from any
organization, with the status in words, when it was sent, when an answer is due and "Overdue" as a word and
a sign; the chosen one's details and status history; Send referral… (Ctrl+N) and the steps on the chosen
one (ui/screens/referral_board.py). A send refused for want of a release shows why and offers "Record a
release…"; what was typed is kept, and the next Send referral… starts from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from caseteam.domain.users import Role
from caseteam.errors import ConsentRequired
from caseteam.services import referrals

from ..referral_board import ReferralBoard
from ..referral_dialogs import SendReferralDialog
from .paged_part import PagedPart
from .tab import PersonTab

SEND_KEYS = "Ctrl+N"
SHOW_KEYS = "Ctrl+Shift+R"  # anywhere in the workspace: no part there uses it
UNDO_REASON = "Sent by mistake (undone with Edit > Undo)"


class ReferralsPage(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("referralsPage")
        self.dialog: SendReferralDialog | None = None
        self.draft: dict | None = None  # a refused send's input, offered again by the next Send referral…
        self.person_name = "the person"
        self.summary = QLabel("Loading referrals…")
        self.summary.setAccessibleName("Referrals summary")
        self.summary.setWordWrap(True)
        self.board = ReferralBoard(ops, actor, history, self._rows_job, name="Referrals",
                                   description="The person's referrals, newest first: to and from which "
                                               "organization, the service, the status and whether an answer "
                                               "is overdue", empty_text="No referral is chosen.", show_person=False)
        self.send_action = self.board.add_action("Send referral…", SEND_KEYS, self.send)
        self.board.toolbar.insertAction(self.board.toolbar.actions()[0], self.send_action)
        self.send_action.setEnabled(actor.role is not Role.AUDITOR)  # auditors read referrals, never send them
        self.table = self.board.table
        table_label = QLabel("&Referrals:")
        table_label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(table_label)
        layout.addWidget(self.board, 1)
        self.setFocusProxy(self.table)
        self.board.rows_loaded.connect(lambda _n: self._summarize())

    def reach_from(self, workspace, keys: str = SHOW_KEYS, text: str = "Show referrals"):
        """Ctrl+Shift+R anywhere in the workspace shows this part (it is past Alt+1..9); its tab says so."""
        action = PagedPart.reach_from(self, workspace, keys, text)
        workspace.tabs.setTabToolTip(workspace.tabs.indexOf(self), keys)
        return action

    # --- reading ----------------------------------------------------------------------------------------
    def _rows_job(self):
        actor, person_id = self.actor, self.person_id
        return lambda uow: referrals.list_referrals(uow, actor, person_id=person_id)

    def refresh(self, select=None) -> None:
        self.board.refresh(select=select)

    def apply_changes(self, changes) -> None:
        self.board.apply_changes(changes)

    def _summarize(self) -> None:
        rows = [self.board.model.row_at(n) for n in range(self.board.model.rowCount())]
        if rows:
            self.person_name = rows[0].person_name
        open_rows = [r for r in rows if not r.status.closed]
        overdue = sum(1 for r in rows if r.overdue)
        words = (f"{len(rows)} referral{'s' if len(rows) != 1 else ''}: {len(open_rows)} open"
                 + (f", {overdue} overdue (no answer by the day asked)" if overdue else "") + "."
                 if rows else "No referrals yet. Send referral… (Ctrl+N) refers the person to a partner.")
        if self.draft is not None:
            words += " The referral that was refused is kept: Send referral… (Ctrl+N) opens it again."
        self.summary.setText(words)

    # --- sending ----------------------------------------------------------------------------------------
    def send(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.activateWindow()
            return
        actor, person_id = self.actor, self.person_id

        def opened(answer) -> None:
            choices, today, name = answer
            self.person_name = name
            self.dialog = dialog = SendReferralDialog(name, choices, today, self, draft=self.draft)
            dialog.submitted.connect(lambda values: self._submit(dialog, values))
            dialog.finished.connect(lambda result: self._closed(dialog, result))
            dialog.open()

        self.run(lambda uow: (referrals.referral_choices(uow, actor, person_id), uow.today(),
                              uow.people.get(person_id).display_name), on_done=opened,
                 on_error=lambda exc: self.summary.setText(f"⚠ {exc.message}"))

    def _submit(self, dialog: SendReferralDialog, values: dict) -> None:
        actor, person_id = self.actor, self.person_id
        to = dict(dialog.choices.organizations).get(values["to_organization_id"], "a partner")

        def send(uow):
            return referrals.send_referral(uow, actor, person_id=person_id, **values)

        def refused(exc) -> None:
            if isinstance(exc, ConsentRequired):
                self.draft = dict(values)  # kept if the user goes to record the release
            dialog.refuse(exc)

        def sent(result) -> None:
            self.draft = None
            dialog.finish()
            self.refresh(select=result[0].id)

        # Undo withdraws what was sent by mistake (a sent referral has no earlier step to revert to); redo takes
        # the withdrawal back (revert_referral), so the same referral is sent again.
        self.perform(f"Send referral to {to}", send,
                     lambda uow, last: referrals.withdraw_referral(uow, actor, last[0].id, version=last[0].version,
                                                                   reason=UNDO_REASON),
                     redo=lambda uow, last: referrals.revert_referral(uow, actor, last[0].id,
                                                                      version=last[0].version),
                     on_done=sent, on_error=refused)

    def _closed(self, dialog: SendReferralDialog, result: int) -> None:
        if result != QDialog.DialogCode.Accepted and self.draft is not None:
            self.draft = dialog.answer()  # the latest input, even typed after the refusal
        self._summarize()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["ReferralsPage", "SEND_KEYS", "SHOW_KEYS"]
