"""The vocational profile editor: strengths, interests, three themes, ideal conditions, support needs and
contributions, starting from the latest revision. "Save revision…" asks for a change summary (and,
if given, the day the person agreed) and saves revision N+1 based on the one loaded; if someone saved
meanwhile, the text typed here is kept and their revision becomes the base to save over."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from caseteam.errors import Conflict
from caseteam.services import discovery, discovery_draft
from caseteam.services.discovery import PROFILE_FIELDS, PROFILE_LABELS, ProfileDraft, ProfileRevisionRow

from ...dates import local_instant_date
from ...widgets.date_field import DateField
from ...widgets.editor_parts import SaveBar, fields_scroll
from ...widgets.field_row import FormDialog, FormFields, edited_signal, field_value, plain_text_box, set_field_value
from .tab import PersonTab

# Mnemonics clear of the menus (F, E, V, H) and the activity log's buttons (A, I, R); Alt+S drafts.
MNEMONICS = {"strengths": "Stren&gths and gifts", "interests": "I&nterests", "theme_1": "Vocational the&me 1",
             "ideal_conditions": "I&deal conditions of employment", "support_needs": "Su&pport needs",
             "contributions": "Possible &contributions to employers"}
THEMES = ("theme_1", "theme_2", "theme_3")


class SaveRevisionDialog(FormDialog):
    def __init__(self, number: int, today: date, parent=None) -> None:
        super().__init__("Save profile revision", f"Save revision {number}", parent,
                         intro=f"Revision {number} of the vocational profile. Say what changed, so the history "
                               "reads well later.")
        self.fields.add("summary", "Change &summary", QLineEdit(),
                        description="Required, for example: Themes agreed after the second work try-out")
        agreed = DateField("Date the person agreed")
        agreed.unknown.setText("Not agreed yet")
        agreed.unknown.setAccessibleName("The person has not agreed yet")
        agreed.set_value(today)  # offered when the box is unticked
        agreed.set_value(None)
        self.fields.add("agreed_on", "Person &agreed on", agreed,
                        description="Untick Not agreed yet and choose the day the person agreed to this profile")
        self.resize(480, self.sizeHint().height())


class ProfileEditor(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("profileEditor")
        self.loaded: ProfileRevisionRow | None = None
        self.author = ""
        self.today = date.today()
        self.dialog: SaveRevisionDialog | None = None
        self.revision_label = QLabel("Loading the vocational profile…")
        self.revision_label.setWordWrap(True)
        self.revision_label.setAccessibleName("Profile revision")
        self.revision_label.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = FormFields(form)
        for key in PROFILE_FIELDS:
            widget = QLineEdit() if key in THEMES else plain_text_box(2)
            self.form.add(key, MNEMONICS.get(key, PROFILE_LABELS[key]), widget)
            edited_signal(widget).connect(lambda *_a: self._edited())
        self.bar = SaveBar("Vocational profile", "Save revisi&on…",
                           "Save this text as the next revision, with a change summary",
                           "Put back the text of the loaded revision")
        self.message, self.revert_button, self.save_button = self.bar.message, self.bar.revert_button, \
            self.bar.save_button
        self.revert_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)
        self._make_draft_button()
        inner = QWidget()
        inner.setLayout(form)
        layout = QVBoxLayout(self)  # only the fields scroll: the revision and the buttons stay in view
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.revision_label)
        layout.addWidget(fields_scroll(inner, "Vocational profile fields"), 1)
        layout.addWidget(self.bar)
        self._update_buttons()

    @property
    def number(self) -> int:
        """The revision the text is based on (0: none saved yet)."""
        return self.loaded.number if self.loaded else 0

    # --- loading ------------------------------------------------------------------------------------------
    def show_revision(self, revision: ProfileRevisionRow | None, author: str, today: date) -> None:
        """A fresh answer from the store. Unsaved text stays; it is then saved over the newest revision
        only through a Conflict (so the user sees that someone else saved)."""
        self.today = today
        if self.has_unsaved_changes() and (revision.number if revision else 0) != self.number:
            return
        self.loaded = revision
        self.author = author
        if not self.has_unsaved_changes():
            self._fill(revision)
        self._describe()

    def _fill(self, revision: ProfileRevisionRow | None, keep: dict | None = None) -> None:
        for key, widget in self.form.fields.items():
            stored = getattr(revision.content, key) if revision else ""
            set_field_value(widget, (keep or {}).get(key, stored))
        self.set_dirty(bool(self.edits()))
        self._update_buttons()

    def _describe(self) -> None:
        r = self.loaded
        if r is None:
            self.revision_label.setText("<b>No vocational profile yet.</b> Write what Discovery showed and save it "
                                        "as revision 1.")
            return
        agreed = f" · the person agreed on {r.agreed_on.isoformat()}" if r.agreed_on else " · not agreed yet"
        by = f" by {escape(self.author)}" if self.author else ""
        self.revision_label.setText(f"<b>Revision {r.number}</b>, saved {local_instant_date(r.saved_at)}{by}"
                                    f"{agreed}: “{escape(r.summary)}”")

    # --- edits -----------------------------------------------------------------------------------------------
    def _stored(self, key: str) -> str:
        return getattr(self.loaded.content, key) if self.loaded else ""

    def edits(self) -> dict:
        return {key: field_value(w) for key, w in self.form.fields.items() if field_value(w) != self._stored(key)}

    def _edited(self) -> None:
        self.set_dirty(bool(self.edits()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.bar.enable(can_save=self.has_unsaved_changes(), can_revert=self.has_unsaved_changes())

    def discard(self) -> None:
        self._fill(self.loaded)
        self.form.clear_problems()
        self.message.setText("")

    # --- drafting from the Discovery log ---------------------------------------------------------------------
    def _make_draft_button(self) -> None:
        keys = QKeySequence("Ctrl+Shift+D")
        self.draft_button = QPushButton("Draft from Di&scovery")
        self.draft_button.setAccessibleDescription(
            "Add what the activity log learned to these fields, each line with its date and setting, to review "
            f"before saving ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
        self.draft_button.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))
        self.draft_button.clicked.connect(self.draft_from_discovery)
        self.bar.layout().insertWidget(1, self.draft_button)  # reading order: message, draft, revert, save
        self.draft_action = QAction("Draft from Discovery", self)
        self.draft_action.setShortcut(keys)
        self.draft_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.draft_action.triggered.connect(lambda _checked=False: self.draft_from_discovery())
        self.addAction(self.draft_action)

    def draft_from_discovery(self) -> None:
        """Fill the fields with the draft (unsaved, so Save/Discard apply); the text typed so far is its base."""
        actor, person_id = self.actor, self.person_id
        text = {key: field_value(w) for key, w in self.form.fields.items()}
        base = ProfileDraft(**text)
        self.message.setText("Drafting from the Discovery log…")
        self.run(lambda uow: discovery_draft.draft_profile_from_discovery(uow, actor, person_id, base=base),
                 on_done=lambda result: self._drafted(result, text), on_error=lambda exc: self._say(exc.message))

    def _drafted(self, result, text: dict) -> None:
        if {key: field_value(w) for key, w in self.form.fields.items()} != text:
            self._say("Nothing was added: the text changed while the draft was made. Press Draft from Discovery "
                      "again.")
            return
        self._fill(self.loaded, keep={f: getattr(result.draft, f) for f in PROFILE_FIELDS})
        self._say(result.message)

    def _say(self, words: str) -> None:
        self.message.setText(words)
        self.message.setAccessibleDescription(words)

    # --- saving ----------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Ask for the change summary (a window-modal dialog); save_finished tells how it ended."""
        if not self.has_unsaved_changes():
            return False
        self.dialog = SaveRevisionDialog(self.number + 1, self.today, self)
        self.dialog.submitted.connect(self._submit)
        self.dialog.rejected.connect(lambda: self.save_finished.emit(False))
        self.dialog.open()
        return True

    def _submit(self, values: dict) -> None:
        dialog, actor, person_id, based_on = self.dialog, self.actor, self.person_id, self.number
        text = {key: field_value(w) for key, w in self.form.fields.items()}
        draft = ProfileDraft(**text)
        self.run(lambda uow: discovery.save_profile_revision(uow, actor, person_id, draft, summary=values["summary"],
                                                             based_on=based_on, agreed_on=values["agreed_on"]),
                 on_done=lambda result: self._saved(dialog, result[0]),
                 on_error=lambda exc: self._refused(dialog, exc, text), write=True)

    def _saved(self, dialog: SaveRevisionDialog, revision: ProfileRevisionRow) -> None:
        dialog.finish()
        self.loaded, self.author = revision, self.actor.display_name
        self._fill(revision, keep={k: field_value(w) for k, w in self.form.fields.items()})
        self._describe()
        self.form.clear_problems()
        self.message.setText(f"Saved as revision {revision.number}.")
        self.save_finished.emit(True)

    def _refused(self, dialog: SaveRevisionDialog, exc, text: dict) -> None:
        if not isinstance(exc, Conflict):
            dialog.refuse(exc)  # e.g. no summary: the dialog stays open with the problem under the field
            return
        dialog.finish()
        self.save_finished.emit(False)
        old, actor, person_id = self.loaded, self.actor, self.person_id
        self.run(lambda uow: discovery.discovery_view(uow, actor, person_id),
                 on_done=lambda view: self._show_conflict(old, view, text, exc.message))

    def _show_conflict(self, old: ProfileRevisionRow | None, view, text: dict, why: str) -> None:
        """Their revision becomes the base; the typed text stays; fields they changed are marked."""
        self.loaded, self.author = view.profile, view.profile_author
        self._fill(view.profile, keep=text)
        self._describe()
        for key in PROFILE_FIELDS:
            before = getattr(old.content, key) if old else ""
            if view.profile is not None and getattr(view.profile.content, key) != before:
                self.form.show_notice(key, f"Revision {view.profile.number} changed this; your text is kept.")
        self.message.setText(f"Not saved. {why}")
        self.message.setAccessibleDescription(why)
