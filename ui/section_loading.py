"""The sections after the Caseload: built once its first page is painted, one per turn of the event loop, and
each reads its data when first shown. A user sees the caseload in about the time its page query takes,
instead of after every section has read and sized its tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

from .window_state import window_settings

PAINT_FALLBACK_MS = 500  # a viewport that never paints (minimized, covered) must not hold the sections back
PAGE_FALLBACK_MS = 3000  # nor a first page that failed or is slow


def _task_board(w):
    from .screens.task_board import TaskBoard

    w.task_board = TaskBoard(w.ops, w.actor, w.history)
    return w.task_board, True


def _partners(w):
    from .screens.partners import PartnerDirectory

    w.partners = PartnerDirectory(w.ops, w.actor, w.history)
    if w.persist_layout:
        w.partners.restore_state(window_settings())
    w.partners.open_person.connect(w.open_person)
    w.partners.agreements.agreement_chosen.connect(w.show_agreement)
    return w.partners, True


def _employers(w):
    from .screens.employers import EmployerPipeline

    w.employers = EmployerPipeline(w.ops, w.actor, w.history)
    w.employers.open_person.connect(w.open_person)
    return w.employers, True


def _money(w):
    from .screens.money_board import MoneyBoard

    w.money = MoneyBoard(w.ops, w.actor)  # brings milestones up to date itself when first shown
    w.money.record_chosen.connect(w.open_board_line)
    return w.money, False


def _agreements(w):
    from .screens.agreements import AgreementsSection

    w.agreements = AgreementsSection(w.ops, w.actor, w.history)
    return w.agreements, True


def _meetings(w):
    from .screens.meetings import MeetingsSection

    w.meetings = MeetingsSection(w.ops, w.actor, w.history)
    return w.meetings, True


def _partnership(w):
    from .screens.partnership import PartnershipSection

    w.partnership = PartnershipSection(w.ops, w.actor, w.history)  # reads when first shown itself
    w.partnership.open_person.connect(w.open_person)
    return w.partnership, False


def _audit_log(w):
    from .screens.audit_log import AuditLogPage

    w.audit_log = AuditLogPage(w.ops, w.actor)  # reads when first shown itself
    return w.audit_log, False


def _quality(w):
    from .screens.quality_dashboard import QualitySection

    w.quality = QualitySection(w.ops, w.actor, w.history)
    w.quality.dashboard.open_person.connect(w.open_person)
    w.quality.dashboard.open_agreement.connect(w.show_agreement)
    return w.quality, False


def _everyone(_actor) -> bool:
    return True


def _reads_the_log(actor) -> bool:
    """The Audit log is for roles that may read it (the services refuse the others anyway)."""
    from caseteam.services import access

    return access.reach(actor, access.Action.VIEW_AUDIT) is access.Reach.ALLOWED


def _supervises(actor) -> bool:
    """The quality dashboard and the training log, for supervisors and administrators."""
    from caseteam.domain.users import Role

    return actor.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class SectionSpec:
    title: str
    allowed: Callable  # (actor) -> bool
    build: Callable  # (window) -> (widget, reads its data when first shown)


# Tab order and Ctrl+<n> numbers (the Caseload is Ctrl+1).
SPECS = (SectionSpec("&Tasks", _everyone, _task_board), SectionSpec("&Partners", _everyone, _partners),
         SectionSpec("&Employers", _everyone, _employers), SectionSpec("&Money", _everyone, _money),
         SectionSpec("A&greements", _everyone, _agreements), SectionSpec("Mee&tings", _everyone, _meetings),
         SectionSpec("Partners&hip", _everyone, _partnership), SectionSpec("&Audit log", _reads_the_log, _audit_log),
         SectionSpec("&Quality", _supervises, _quality))
SECTION_ATTRIBUTES = ("task_board", "partners", "employers", "money", "agreements", "meetings", "partnership",
                      "audit_log", "quality")


class SectionLoader(QObject):
    """Builds the window's sections after the caseload; tracks which have not read their data yet. Their View
    menu entries (Ctrl+<n>) exist from the start: one pressed early builds the rest at once."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._due: list[SectionSpec] = []  # what is left to build, in order
        self._session = 0  # a sign-out ends the build that belongs to it
        self._began = False
        self.halted = False  # signing out: no session_ready for what is left of this session
        self._viewport = None
        self.unread: set = set()  # built sections that read when first shown
        self._fallback = QTimer(self, singleShot=True)
        self._fallback.timeout.connect(self._begin)
        window.sections.currentChanged.connect(self._shown)

    @property
    def building(self) -> bool:
        return bool(self._due)

    def start(self, caseload) -> None:
        """After the caseload's first page has been painted (or a few seconds, whatever comes first)."""
        self._session += 1
        self._due = [spec for spec in SPECS if spec.allowed(self.window.actor)]
        self._began = self.halted = False
        for number, spec in enumerate(self._due, start=1):  # the Caseload is section 0
            self.window.add_section_action(spec.title, number)
        caseload.rows_loaded.connect(self._page_arrived)
        self._viewport = caseload.table.viewport()
        self._fallback.start(PAGE_FALLBACK_MS)

    def _page_arrived(self, _count: int) -> None:
        if self._began or self._viewport is None:
            return
        self._viewport.installEventFilter(self)
        self._fallback.start(PAINT_FALLBACK_MS)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and watched is self._viewport:
            QTimer.singleShot(0, self, self._begin)  # once this paint is on screen
        return False

    def _begin(self) -> None:
        if self._began or not self.building or self.window._shut_down:
            return
        self._began = True
        self._fallback.stop()
        self._forget_viewport()
        self._build_next(self._session)

    def _build_next(self, session: int) -> None:
        if session != self._session or not self.building or self.window._shut_down:
            return
        self._build_one()
        if self.building:
            QTimer.singleShot(0, self, lambda: self._build_next(session))
        else:
            self.window._send_ready()

    def _build_one(self) -> None:
        spec = self._due.pop(0)
        widget, reads_when_shown = spec.build(self.window)
        if reads_when_shown:
            self.unread.add(widget)
        self.window.sections.add_section(widget, spec.title.replace("&", ""))

    def finish_now(self) -> None:
        """Someone needs a section now (a Ctrl+<n>, a search hit, a workspace): build the rest at once."""
        if not self.building or self.window.actor is None:
            return
        self._began = True
        self._fallback.stop()
        self._forget_viewport()
        while self.building:
            self._build_one()
        self.window._send_ready()

    def take(self, widget) -> bool:
        """The caller reads this section itself (it is about to show a record in it): no first-show read."""
        if widget in self.unread:
            self.unread.discard(widget)
            return True
        return False

    def is_unread(self, widget) -> bool:
        return widget in self.unread

    def _shown(self, index: int) -> None:
        widget = self.window.sections.widget(index)
        if widget in self.unread:
            self.unread.discard(widget)
            widget.refresh()

    def halt(self) -> None:
        """Signing out: build nothing more for this session (what is built stays until the tear-down)."""
        self._session += 1
        self._due = []
        self.halted = True
        self._fallback.stop()
        self._forget_viewport()

    def stop(self) -> None:
        """Signed out: the sections are gone; forget them."""
        self.halt()
        self.unread.clear()
        for name in SECTION_ATTRIBUTES:
            setattr(self.window, name, None)

    def _forget_viewport(self) -> None:
        if self._viewport is not None:
            try:
                self._viewport.removeEventFilter(self)
            except RuntimeError:  # the viewport is already gone (signed out)
                pass
            self._viewport = None
