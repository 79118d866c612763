"""The main window: menus, status bar, and the page in the middle (opening, welcome or caseload)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

import caseteam
from caseteam.errors import CaseteamError
from caseteam.services import people, records
from caseteam.services.actors import Actor
from caseteam.storage.store import StoreDescription, describe_url, resolve_target

from .glossary_tooltips import GlossaryTooltips
from .operations import Operations
from .screens.caseload import CaseloadPage
from .section_loading import SectionLoader
from .sections import Sections
from .session import WindowSession
from .undo import UndoHistory
from .widgets.global_search import GlobalSearchDialog
from .screens.welcome import WelcomePage
from .window_menus import make_menus, make_status_bar
from .window_state import window_settings
from .worker import OpenedStore

DEMO_PEOPLE = 60


def describe_target(target) -> StoreDescription:
    """Where the store will be, before opening it (no I/O): for the title while it opens."""
    resolved = resolve_target(target)
    if isinstance(resolved, str):
        return describe_url(resolved)
    return StoreDescription("sqlite", str(resolved))


def location_text(description: StoreDescription) -> str:
    kind = "SQLite file" if description.kind == "sqlite" else "PostgreSQL database"
    return f"{kind}: {description.location}"


class MainWindow(QMainWindow):
    ready = Signal()  # the first page is on screen (sign-in, first administrator, welcome or loaded caseload)
    session_ready = Signal()  # after each sign-in: the welcome page or the loaded caseload is on screen
    open_failed = Signal(str)  # the store could not be opened; plain message ("" if already shown)
    overview_loaded = Signal(int)  # people in the store, after each count

    def __init__(self, db_target=None, *, persist_layout: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.persist_layout = persist_layout
        self.ops = Operations(self)
        self.ops.busy_changed.connect(self._show_busy)
        self.ops.data_changed.connect(self._apply_changes)
        self.undo_stack = QUndoStack(self)
        self.history = UndoHistory(self.ops, self.undo_stack)
        self.sections = Sections()
        self.section_loader = SectionLoader(self)
        self.search_dialog: GlobalSearchDialog | None = None
        self.actor: Actor | None = None
        self.description = describe_target(db_target)
        self.people_count: int | None = None
        self.welcome: WelcomePage | None = None
        self.caseload: CaseloadPage | None = None
        self.task_board = None
        self.partners = None
        self.employers = None  # the Employers section: the job-development pipeline
        self.money = None  # the Money section: the money left on the table
        self.agreements = None  # the Agreements section: MOUs, purchase-of-service and individual agreements
        self.meetings = None  # the Meetings section: team and partnership meetings, minutes and action items
        self.partnership = None  # the Partnership section: strategic plans and the resource map
        self.audit_log = None  # the Audit log section, for roles that may read it
        self.quality = None  # the Quality section (dashboard, training log), for supervisors and administrators
        self._ready_sent = False
        self._session_ready_sent = False
        self.is_demo = False
        self.section_actions: list[QAction] = []  # the View menu's Ctrl+<n> entries, removed on sign-out
        self._shut_down = False
        self._loading_demo = False
        self.quick_check_problems: tuple[str, ...] | None = None
        self._page_check = None  # the page check's thread, once started (once per window)

        self.pages = QStackedWidget()
        self.message_page = QLabel("Opening the store…")
        self.message_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_page.setWordWrap(True)
        self.message_page.setMargin(24)
        self.message_page.setAccessibleName("Status")
        self.pages.addWidget(self.message_page)
        self.pages.addWidget(self.sections)
        self.setCentralWidget(self.pages)

        self._make_status_bar()
        self.session = WindowSession(self)
        self.glossary_tips = GlossaryTooltips(self)  # the glossary's definitions on hover, from the first sign-in
        self._make_actions()
        self._set_title()
        self._restore_geometry()
        self.ops.open_store(db_target, on_done=self._opened, on_error=self._open_refused)

    # --- building ---------------------------------------------------------------------------------
    def _make_actions(self) -> None:
        make_menus(self)

    def _make_status_bar(self) -> None:
        make_status_bar(self, location_text(self.description))

    def _set_title(self) -> None:
        # Never a person's name here: the title shows on the taskbar and survives the idle lock.
        demo = " — DEMO" if self.is_demo else ""
        self.setWindowTitle(f"caseteam{demo} — {self.description.location}")

    # --- opening the store ------------------------------------------------------------------------
    def _opened(self, opened: OpenedStore) -> None:
        self.description = opened.description
        self.is_demo = opened.is_demo
        self._set_title()
        self.store_label.setText(location_text(self.description))
        self.backups.store_opened(self.description)
        self.session.store_opened(opened)  # sign in first; then refresh_overview

    def open_again(self) -> None:
        """Open the store once more (after a backup replaced a file that was refused)."""
        self.message_page.setText("Opening the store…")
        self.ops.open_store(self.description.location, on_done=self._opened, on_error=self._open_refused)

    def _open_refused(self, exc: CaseteamError) -> None:
        self.message_page.setText(f"caseteam could not open the store.\n\n{exc.message}")
        self.open_failed.emit(exc.message)

    def refresh_overview(self) -> None:
        """Count people (an empty store gets the welcome page), then the status bar's other figures."""
        actor = self.actor
        self.ops.run(lambda uow: (people.caseload_count(uow, actor), records.overview(uow)),
                     on_done=lambda result: self._show_overview(*result), write=False)

    def _show_overview(self, count: int, info: dict) -> None:
        if self.actor is None:  # signed out while the count was on its way
            return
        self.people_count = count
        self._show_counts(count, None)
        # The welcome page is for an empty store, not for a user who may see no one in a full one.
        empty = info["people"] == 0
        if info["demo"] != self.is_demo:
            self.is_demo = info["demo"]
            self._set_title()
        self.load_demo_action.setEnabled(empty and not self._loading_demo)
        if empty and self.caseload is None:
            self._show_welcome()
        elif self.caseload is None or self.pages.currentWidget() is not self.sections:
            self.show_caseload()
        self.overview_loaded.emit(count)
        if count:  # queued after the caseload's first page
            self.ops.run(records.status_figures, on_done=lambda figures: self._show_counts(count, figures),
                         write=False)

    def _show_counts(self, count: int, figures: dict | None) -> None:
        if self.actor is None:
            return
        counts = f"{count:,} {'person' if count == 1 else 'people'}"
        if figures is not None:
            overdue = figures["tasks_overdue"]
            counts += f", {figures['organizations']:,} partner organizations"
            counts += f", {overdue:,} overdue {'task' if overdue == 1 else 'tasks'}"
        self.counts_label.setText(counts)

    # --- pages --------------------------------------------------------------------------------------
    def _show_welcome(self) -> None:
        if self.welcome is None:
            self.welcome = WelcomePage()
            self.welcome.load_demo_requested.connect(self.load_demo)
            self.welcome.start_empty_requested.connect(self.show_caseload)
            self.pages.addWidget(self.welcome)
        self.pages.setCurrentWidget(self.welcome)
        self.welcome.focus_first()
        self._send_ready()

    def show_caseload(self) -> None:
        if self.caseload is None:
            self.caseload = CaseloadPage(self.ops, self.actor)
            if self.persist_layout:
                self.caseload.restore_state(window_settings())
            self.caseload.rows_loaded.connect(lambda _n: self._send_ready())
            self.caseload.person_activated.connect(self.open_person)
            self.add_section(self.caseload, "&Caseload")
            self.section_loader.start(self.caseload)  # the other sections, once this page is painted
        self.pages.setCurrentWidget(self.sections)
        self.sections.setCurrentWidget(self.caseload)
        self.find_action.setEnabled(True)
        self.find_anything_action.setEnabled(True)
        self.caseload.refresh()
        self.caseload.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()
        loader = self.section_loader
        if self.actor is not None and not self._session_ready_sent and not loader.building and not loader.halted:
            self._session_ready_sent = True
            actor = self.actor
            # Terms that ended since anyone last signed in become Expired before the lists are read again;
            # a refusal (a read-only or locked store) only leaves them for the next sign-in.
            from caseteam.services import housekeeping  # with the agreement services: after the first page

            self.ops.run(lambda uow: housekeeping.expire_ended_terms(uow, actor), on_error=lambda _exc: None)
            self._start_page_check()
            self.session_ready.emit()

    def _start_page_check(self) -> None:
        """Once per window, after the first sign-in's sections are up: nobody waits for it."""
        if self.quick_check_problems is not None or self._page_check is not None:
            return
        if self.description.kind != "sqlite":  # PostgreSQL checks its own pages
            self.quick_check_problems = ()
            return
        # On a connection and thread of its own: seconds on a large store, and the worker's queue goes on.
        path = self.description.location
        self._page_check = self.ops.run_aside(lambda: records.quick_check_file(path), self._quick_checked,
                                              "page check")

    def _quick_checked(self, problems: tuple[str, ...]) -> None:
        self.quick_check_problems = problems
        if problems:
            QMessageBox.warning(self, "The store may be damaged", (
                "caseteam found a problem in the store file while checking it in the background:\n\n"
                f"{problems[0]}\n\nKeep working only if you must. Make a copy of the file, then run "
                "'caseteam check' or restore the newest backup."))

    def _focus_search(self) -> None:
        if self.caseload is not None and self.pages.currentWidget() is self.sections:
            self.sections.setCurrentWidget(self.caseload)
            self.caseload.focus_search()

    # --- sections, search and changes -----------------------------------------------------------------
    def add_section(self, widget: QWidget, title: str) -> None:
        """A fixed tab with a View-menu entry and Ctrl+<its number>."""
        number = self.sections.add_section(widget, title.replace("&", ""))
        self.add_section_action(title, number)

    def add_section_action(self, title: str, number: int) -> None:
        """The View-menu entry for section `number` (from 0); the tenth is Ctrl+0, as on the number row."""
        action = QAction(title, self)
        self.section_actions.append(action)
        action.setShortcut(QKeySequence(f"Ctrl+{(number + 1) % 10}"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, n=number: self._go_to_section(n))
        self.view_menu.addAction(action)

    def _go_to_section(self, number: int) -> None:
        if self.pages.currentWidget() is self.sections:
            self.section_loader.finish_now()
            self.sections.show_section(number)

    def find_anything(self) -> None:
        if self.search_dialog is None:
            self.search_dialog = GlobalSearchDialog(self.ops, self.actor, self)
            self.search_dialog.chosen.connect(self.go_to_hit)
        self.search_dialog.start()

    def go_to_hit(self, hit) -> None:
        """Show what the user picked in global search, in the section that holds it."""
        from caseteam.services.search import HitKind

        self.section_loader.finish_now()
        if hit.kind is HitKind.PERSON and self.caseload is not None:
            self.sections.setCurrentWidget(self.caseload)
            self.caseload.show_person(hit.id)
            self.open_person(hit.id)
            return
        # Organizations and staff open in the partner directory; tasks on the board.
        order = ([self.partners] if self.partners is not None else []) + self.sections.fixed
        for widget in order:
            show = getattr(widget, "show_hit", None)
            if show is None:
                continue
            unread = self.section_loader.take(widget)  # show_hit reads it, with the hit's filters
            if show(hit):
                self.sections.setCurrentWidget(widget)
                return
            if unread:
                self.section_loader.unread.add(widget)
        self.statusBar().showMessage(f"{hit.title} ({hit.ref})", 8000)

    def open_person(self, person_id) -> None:
        """The person's workspace in its own tab (one per person; opening again just shows it)."""
        from .screens.person.workspace import PersonWorkspace

        self.section_loader.finish_now()  # the workspace's Audit history tab follows the Audit log section

        def make():
            from .screens.person.plan_editor import PlanEditor
            from .screens.person.revisions import RevisionHistory
            from .screens.person.consent_tab import ConsentTab
            from .screens.person.timeline_tab import TimelineTab
            from .screens.person.notes_tab import NotesTab
            from .screens.person.jobs_tab import JobsTab
            from .screens.person.employment_page import EmploymentPage
            from .screens.person.job_development_page import JobDevelopmentPage
            from .screens.person.venture_page import VenturePage
            from .screens.person.portfolio_page import PortfolioPage
            from .screens.person.incidents_page import IncidentsPage
            from .screens.person.funding_part import FundingPart
            from .widgets.task_table import TaskTable

            workspace = PersonWorkspace(self.ops, self.actor, self.history, person_id)
            workspace.plan = PlanEditor(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.plan, "Plan", position=3)
            workspace.add_tab(RevisionHistory(self.ops, self.actor, self.history, person_id, kind="plan"),
                              "Plan history", position=4)
            workspace.add_tab(RevisionHistory(self.ops, self.actor, self.history, person_id, kind="profile"),
                              "Profile history", position=5)
            workspace.tasks = TaskTable(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.tasks, "Tasks")
            workspace.consent = ConsentTab(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.consent, "Consent")
            workspace.timeline = TimelineTab(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.timeline, "Timeline")
            workspace.notes = NotesTab(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.notes, "Notes")
            workspace.jobs = JobsTab()  # pages: job development, employment, self-employment, portfolio, incidents
            workspace.add_tab(workspace.jobs, "Work")
            workspace.jobs.add_page(JobDevelopmentPage(self.ops, self.actor, self.history, person_id), "Job development")
            workspace.jobs.add_page(EmploymentPage(self.ops, self.actor, self.history, person_id), "Employment")
            workspace.jobs.add_page(VenturePage(self.ops, self.actor, self.history, person_id), "Self-employment")
            workspace.jobs.add_page(PortfolioPage(self.ops, self.actor, self.history, person_id), "Portfolio")
            workspace.jobs.add_page(IncidentsPage(self.ops, self.actor, self.history, person_id), "Incidents")
            # pages: authorizations and services, cost-share plan, milestones (Ctrl+Shift+F shows it)
            workspace.funding = FundingPart(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.funding, "Funding")
            workspace.funding.reach_from(workspace)
            from .screens.person.invoices_page import InvoicesPage
            from .screens.person.progress_reports_page import ProgressReportsPage

            workspace.funding.add_page(InvoicesPage(self.ops, self.actor, self.history, person_id), "Invoices")
            workspace.funding.add_page(ProgressReportsPage(self.ops, self.actor, self.history, person_id),
                                       "Progress reports")
            from .screens.person.agreements_page import AgreementsPage

            workspace.agreements = AgreementsPage(self.ops, self.actor, self.history, person_id)
            workspace.funding.add_page(workspace.agreements, "Agreements")
            workspace.agreements.agreement_chosen.connect(self.show_agreement)
            from .screens.person.support_needs_page import SupportNeedsPage

            # After the numbered parts (Alt+1..9 stay where people learned them); the resource map reads these.
            workspace.support_needs = SupportNeedsPage(self.ops, self.actor, self.history, person_id)
            workspace.add_tab(workspace.support_needs, "Support needs")
            from .screens.person.referrals_page import ReferralsPage

            workspace.referrals = ReferralsPage(self.ops, self.actor, self.history, person_id)  # Ctrl+Shift+R
            workspace.add_tab(workspace.referrals, "Referrals")
            workspace.referrals.reach_from(workspace)
            if self.audit_log is not None:  # who did what to this person's record, for roles that read the log
                from .screens.audit_log import AuditLogPage

                workspace.audit_history = AuditLogPage(self.ops, self.actor, person_id=person_id)
                workspace.add_tab(workspace.audit_history, "Audit history")
            workspace.load()
            return workspace

        self.sections.open_person_tab(person_id, make)

    def show_agreement(self, agreement_id) -> None:
        """An agreement chosen in a workspace or the partner directory: the Agreements section shows it
        (looked up on use: the directory is made before the section)."""
        self.section_loader.finish_now()
        if self.agreements is not None:
            self.section_loader.take(self.agreements)  # show_agreement reads it, filters cleared for this one
            self.sections.setCurrentWidget(self.agreements)
            self.agreements.show_agreement(agreement_id)

    def open_board_line(self, line) -> None:
        """A money-board line: the person's workspace on the Funding part, with the record to fix chosen."""
        self.open_person(line.person_id)
        workspace = self.sections.people.get(line.person_id)
        funding = getattr(workspace, "funding", None)
        if funding is not None:
            funding.show_record(line.record_kind, line.record_id)  # the page first, so it loads once
            workspace.show_tab(workspace.tabs.indexOf(funding))

    def _apply_changes(self, changes) -> None:
        for widget in self.sections.fixed + list(self.sections.people.values()):
            if self.section_loader.is_unread(widget):
                continue  # it reads everything when first shown
            apply = getattr(widget, "apply_changes", None)
            if apply is not None:
                apply(changes)

    # --- the demo partnership -----------------------------------------------------------------------
    def load_demo(self) -> None:
        if self._loading_demo or self.people_count != 0:
            return
        self._loading_demo = True
        self.load_demo_action.setEnabled(False)
        text = "Loading the demo partnership… this takes a few seconds."
        if self.welcome is not None:
            self.welcome.set_busy(True, text)

        def build(store):
            from caseteam.demo import load_demo

            return load_demo(store, people=DEMO_PEOPLE)

        self.ops.run_on_store(build, on_done=self._demo_loaded, progress_text="Loading the demo partnership…",
                              on_finally=self._demo_settled)

    def _demo_loaded(self, _summary) -> None:
        self.statusBar().showMessage(f"The demo partnership is loaded: {DEMO_PEOPLE} made-up people.", 8000)
        if self.caseload is not None:
            self.caseload.refresh()

    def _demo_settled(self) -> None:
        self._loading_demo = False
        if self.welcome is not None:
            self.welcome.set_busy(False)
        self.refresh_overview()

    # --- status, about, closing -----------------------------------------------------------------------
    def _show_busy(self, busy: bool, text: str) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text if busy else "")

    def show_about(self) -> None:
        QMessageBox.about(self, "About caseteam", (
            f"<h3>caseteam {escape(caseteam.__version__)}</h3>"
            "<p>Case management for Customized Employment support teams: the people you serve, their "
            "customized-support teams, plans and the tasks shared out across partner agencies.</p>"
            f"<p>{escape(location_text(self.description))}<br>"
            f"Log file: {escape(str(self.ops.log_path))}</p>"))

    def _restore_geometry(self) -> None:
        geometry = window_settings().value("window/geometry") if self.persist_layout else None
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._default_geometry()

    def _default_geometry(self) -> None:
        """First start: most of the screen (room for the title bar on a 1366x768 laptop), centred."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 760)
            return
        available = screen.availableGeometry()
        width = min(1440, int(available.width() * 0.94))
        height = min(900, int(available.height() * 0.9))
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down and not self.sections.may_close_all():
            event.ignore()
            return
        if not self._shut_down:
            self._shut_down = True
            self.session.idle.stop()  # no warning or lock for a window that is gone
            self.glossary_tips.stop()
            if self.persist_layout:
                settings = window_settings()
                settings.setValue("window/geometry", self.saveGeometry())
                if self.caseload is not None:
                    self.caseload.save_state(settings)
                if self.partners is not None:
                    self.partners.save_state(settings)
                settings.sync()
            self.backups.before_close()  # queued ahead of the worker's last job
            self.ops.shutdown()
        super().closeEvent(event)
