"""The main window's menus (File: demo, backups, session, quit; Edit: undo, redo, find; View: close tab, the
reports; Help) and its status bar. The sections add their own View entries as they are built."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar

from .backups import WindowBackups
from .screens import expiring_releases
from .widgets.report_parts import install_report


def _report(module: str, name: str):
    """Makes the report dialog, its module imported on first use: the reports pull in the funding and
    employment services, which the first caseload page does not need."""
    def make(window):
        return getattr(import_module(f".screens.{module}", __package__), name)(window)
    return make


def make_menus(window) -> None:
        file_menu = window.menuBar().addMenu("&File")
        window.load_demo_action = QAction("Load &demo partnership", window)
        window.load_demo_action.setStatusTip("Fill this empty store with 60 made-up people to explore caseteam")
        window.load_demo_action.setEnabled(False)
        window.load_demo_action.triggered.connect(window.load_demo)
        file_menu.addAction(window.load_demo_action)
        file_menu.addSeparator()
        window.backups = WindowBackups(window)
        window.backups.add_to_menu(file_menu)
        file_menu.addSeparator()
        window.session.add_to_menu(file_menu)
        window.quit_action = QAction("&Quit", window)
        window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        window.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        window.quit_action.triggered.connect(window.close)
        file_menu.addAction(window.quit_action)

        edit_menu = window.menuBar().addMenu("&Edit")
        window.undo_action = window.undo_stack.createUndoAction(window, "&Undo")
        window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        window.redo_action = window.undo_stack.createRedoAction(window, "&Redo")
        window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(window.undo_action)
        edit_menu.addAction(window.redo_action)
        edit_menu.addSeparator()
        window.find_anything_action = QAction("Find &anything…", window)
        window.find_anything_action.setShortcut(QKeySequence("Ctrl+K"))
        window.find_anything_action.setStatusTip("Find a person, organization, staff member or task by name")
        window.find_anything_action.setEnabled(False)
        window.find_anything_action.triggered.connect(window.find_anything)
        edit_menu.addAction(window.find_anything_action)
        window.find_action = QAction("&Find a person", window)
        window.find_action.setShortcut(QKeySequence("Ctrl+F"))
        window.find_action.setStatusTip("Move to the search box above the caseload")
        window.find_action.setEnabled(False)
        window.find_action.triggered.connect(window._focus_search)
        edit_menu.addAction(window.find_action)

        window.view_menu = window.menuBar().addMenu("&View")
        window.close_tab_action = QAction("&Close tab", window)
        window.close_tab_action.setShortcut(QKeySequence("Ctrl+W"))
        window.close_tab_action.triggered.connect(window.sections.close_current)
        window.view_menu.addAction(window.close_tab_action)
        window.expiring_action = expiring_releases.install(window, window.view_menu)  # and "Record a release…"
        # Alt+V, O. The menu bar has no letter left for a Reports menu, and the Ctrl+Shift letters left are taken.
        window.outcomes_action = install_report(
            window, window.view_menu, _report("outcomes_dialog", "OutcomesDialog"), text="&Outcomes report…",
            attribute="outcomes_dialog", tip="Placements, wages, hours, retention at 90 days and time from referral "
                                             "to job over a period; export to CSV or XLSX")
        window.funding_report_action = install_report(  # Alt+V, U: "F" and "R" are taken by other entries
            window, window.view_menu, _report("funding_report_dialog", "FundingReportDialog"),
            text="F&unding report…", attribute="funding_report_dialog",
            tip="Cost by funder per person, utilization of authorizations, milestones, blended pools and overrides "
                "over a period; export to CSV or XLSX")
        window.view_menu.addSeparator()

        help_menu = window.menuBar().addMenu("&Help")
        window.about_action = QAction("&About caseteam", window)
        window.about_action.triggered.connect(window.show_about)
        help_menu.addAction(window.about_action)


def make_status_bar(window, store_text: str) -> None:
        bar = window.statusBar()
        window.busy_bar = QProgressBar()
        window.busy_bar.setRange(0, 0)
        window.busy_bar.setMaximumWidth(120)
        window.busy_bar.setAccessibleName("Working")
        window.busy_bar.setTextVisible(False)
        window.busy_label = QLabel("")
        window.busy_label.setAccessibleName("What caseteam is doing")
        for widget in (window.busy_bar, window.busy_label):
            widget.hide()
            bar.addWidget(widget)
        window.counts_label = QLabel("")
        window.counts_label.setAccessibleName("Store contents")
        window.store_label = QLabel(store_text)
        window.store_label.setAccessibleName("Store location")
        for label in (window.counts_label, window.store_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
