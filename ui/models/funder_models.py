"""The Funding tab's tables: an organization's funders, the chosen funder's services, and the chosen
service's fee schedule. Thin adapters over the frozen rows services/funder_setup returns."""

from __future__ import annotations

from enum import IntEnum

from caseteam.domain.funding import UnitRounding
from caseteam.services.funder_setup import ServiceSetupRow
from caseteam.services.funders import FunderRow, RateRow

from ..dates import local_date
from .partner_models import RowTableModel, one_line

ROUNDING_WORDS = {UnitRounding.EIGHT_MINUTE: "8-minute rule (a unit from 8 minutes on)",
                  UnitRounding.WHOLE_UNITS_ONLY: "Whole 15-minute units only",
                  UnitRounding.ROUND_UP: "Any part of 15 minutes counts as a unit"}
LAYOUT_WORDS = {"": "By kind of funder", "vr_narrative": "VR narrative", "waiver_unit_log": "Waiver 15-minute unit log"}


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class FunderTableModel(RowTableModel):
    class Column(IntEnum):
        NAME = 0
        KIND = 1
        ROUNDING = 2
        LAYOUT = 3
        POOL = 4
        PROGRAM = 5
        RULES = 6

    HEADERS = {Column.NAME: "Funder", Column.KIND: "Kind", Column.ROUNDING: "Unit rounding",
               Column.LAYOUT: "Report layout", Column.POOL: "Blended pool", Column.PROGRAM: "Program",
               Column.RULES: "Rules"}

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.program_names: dict = {}  # program id -> name, from the organization's detail

    def text(self, row: FunderRow, column) -> str:
        C = self.Column
        return {C.NAME: row.name, C.KIND: row.kind.label, C.ROUNDING: ROUNDING_WORDS[row.unit_rounding],
                C.LAYOUT: LAYOUT_WORDS.get(row.report_layout, row.report_layout),
                C.POOL: "Yes, reported separately" if row.blended_pool else "No",
                C.PROGRAM: self.program_names.get(row.program_id, "") if row.program_id else "None",
                C.RULES: one_line(row.rules)}[column]


class ServiceTableModel(RowTableModel):
    class Column(IntEnum):
        CODE = 0
        NAME = 1
        UNIT = 2
        RATE = 3
        CREDENTIAL = 4
        FIRST_PAYER = 5
        EVIDENCE = 6
        EVENT = 7

    HEADERS = {Column.CODE: "Code", Column.NAME: "Service", Column.UNIT: "Unit", Column.RATE: "Rate now",
               Column.CREDENTIAL: "Required credential", Column.FIRST_PAYER: "First-payer proof",
               Column.EVIDENCE: "Evidence required", Column.EVENT: "Milestone event"}
    NUMERIC = (Column.RATE,)

    def text(self, row: ServiceSetupRow, column) -> str:
        C = self.Column
        latest = row.rates[-1] if row.rates else None
        rate = f"${latest.rate:,.2f}" if latest is not None and latest.effective_to is None else "None"
        return {C.CODE: row.code, C.NAME: row.name, C.UNIT: row.unit.label, C.RATE: rate,
                C.CREDENTIAL: row.required_credential or "None",
                C.FIRST_PAYER: "Needed" if row.needs_first_payer_proof else "No",
                C.EVIDENCE: one_line(row.evidence_required), C.EVENT: row.milestone_event.label}[column]


class RateTableModel(RowTableModel):
    class Column(IntEnum):
        RATE = 0
        FROM = 1
        TO = 2

    HEADERS = {Column.RATE: "Rate", Column.FROM: "From", Column.TO: "Until"}
    NUMERIC = (Column.RATE,)

    def text(self, row: RateRow, column) -> str:
        C = self.Column
        return {C.RATE: f"${row.rate:,.2f}", C.FROM: local_date(row.effective_from),
                C.TO: local_date(row.effective_to) if row.effective_to else "Open (in force)"}[column]
