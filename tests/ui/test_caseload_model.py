"""The caseload model on its own: columns, local dates, "overdue" in words, sorting, Qt's rules."""

from __future__ import annotations

import time
import uuid
from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from caseteam.domain.people import Stage
from caseteam.services.people import CaseloadRow
from ui.dates import local_date
from ui.models.caseload_model import OVERDUE_COLOUR, ROW_ROLE, SORT_ROLE, CaseloadModel, Column

TODAY = date(2026, 11, 2)


def row(name, family_order=0, *, stage=Stage.DISCOVERY, next_due=None, plan_revised=None, open_tasks=0,
        full_name=None):
    return CaseloadRow(uuid.uuid4(), f"PE-{family_order:04d}", name, full_name or name, stage, date(2026, 9, 1),
                       "Ann Lee", "Bridgeway CRP", open_tasks, next_due, plan_revised, 1 if plan_revised else None)


@pytest.fixture
def rows():
    return [
        row("Ánh Nguyễn", 1, stage=Stage.JOB_DEVELOPMENT, next_due=date(2026, 10, 30), open_tasks=3,
            plan_revised=datetime(2026, 10, 1, 14, 0, tzinfo=timezone.utc)),
        row("Sam Okafor", 2, stage=Stage.REFERRAL, next_due=date(2026, 11, 9), open_tasks=1),
        row("Pepe Muñoz", 3, stage=Stage.EMPLOYED, full_name="José Muñoz García"),
    ]


@pytest.fixture
def model(rows):
    m = CaseloadModel()
    m.set_rows(rows, TODAY)
    return m


def cell(model, r, column, role=Qt.ItemDataRole.DisplayRole):
    return model.index(r, column).data(role)


def test_qt_model_rules_hold(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)


def test_qt_model_rules_hold_with_no_rows(qtmodeltester):
    qtmodeltester.check(CaseloadModel(), force_py=True)


def test_columns_and_headers(model):
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == [
        "Name", "Stage", "Lead", "Home organization", "Open tasks", "Next due", "Plan revised"]
    assert cell(model, 0, Column.NAME) == "Ánh Nguyễn"
    assert cell(model, 0, Column.STAGE) == "Job development"
    assert cell(model, 0, Column.OPEN_TASKS) == "3"
    assert cell(model, 2, Column.NEXT_DUE) == ""
    assert isinstance(cell(model, 1, Column.NAME, ROW_ROLE), CaseloadRow)


def test_overdue_is_said_in_words_not_only_in_colour(model):
    assert cell(model, 0, Column.NEXT_DUE) == f"{local_date(date(2026, 10, 30))} (overdue)"
    assert cell(model, 0, Column.NEXT_DUE, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert cell(model, 1, Column.NEXT_DUE) == local_date(date(2026, 11, 9))
    assert cell(model, 1, Column.NEXT_DUE, Qt.ItemDataRole.ForegroundRole) is None


def test_a_preferred_name_shows_with_the_full_name_in_the_tooltip(model):
    assert cell(model, 2, Column.NAME) == "Pepe Muñoz"
    assert "José Muñoz García" in cell(model, 2, Column.NAME, Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def los_angeles(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_plan_revised_is_the_local_calendar_day(los_angeles):
    # 03:00 UTC on Oct 2 is still the evening of Oct 1 in Los Angeles.
    m = CaseloadModel()
    m.set_rows([row("A B", plan_revised=datetime(2026, 10, 2, 3, 0, tzinfo=timezone.utc))], TODAY)
    assert cell(m, 0, Column.PLAN_REVISED) == local_date(date(2026, 10, 1))


def test_sorting_by_due_date_puts_people_without_a_date_last(model):
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(Column.NEXT_DUE, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]
    assert names == ["Ánh Nguyễn", "Sam Okafor", "Pepe Muñoz"]
    proxy.sort(Column.STAGE, Qt.SortOrder.AscendingOrder)  # the order a case moves through
    assert [proxy.index(r, Column.STAGE).data() for r in range(3)] == [
        "Referral", "Job development", "Employed / stabilization"]
    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)  # the store's family-name order
    assert [proxy.index(r, Column.NAME).data() for r in range(3)] == ["Ánh Nguyễn", "Sam Okafor", "Pepe Muñoz"]
