"""The Funding tab's dialogs: a funder (new or edited), one of its services (new or edited), and a new rate
in a service's fee schedule. Like every RecordDialog they never save by themselves: the tab runs the
service on `submitted` and answers with finish(), refuse(exc) or rebase(fresh_row)."""

from __future__ import annotations

from datetime import date

from caseteam.domain.billing import MilestoneEvent
from caseteam.domain.funding import BillingUnit, FunderKind, UnitRounding

from ..models.funder_models import LAYOUT_WORDS, ROUNDING_WORDS
from ..widgets.field_row import date_box
from ..widgets.record_form import RecordDialog, choice, line, required, text_box


class SetupDialog(RecordDialog):
    def ready(self, row) -> None:
        """The fields are all there: size the dialog and show the record (or the defaults for a new one)."""
        self.resize(600, self.sizeHint().height())
        if row is not None:
            self.fill_from(row)
        else:
            self.fill({})


class FunderDialog(SetupDialog):
    def __init__(self, organization_name: str, programs, row=None, parent=None) -> None:
        """programs: (id, name) of the organization's programs a funder may run under."""
        super().__init__("Edit funder" if row else "New funder", "Save" if row else "Add funder", row, parent,
                         intro=f"{'Funder' if row else 'A new funder'} of {organization_name}: who pays, and how.")
        line(self.fields, "name", "&Name", description="The funder as invoices name it, e.g. State VR – "
                                                       "Customized Employment")
        choice(self.fields, "kind", "&Kind", [(kind.label, kind) for kind in FunderKind],
               description="What sort of funding this is (VR, Medicaid waiver, WIOA Title I, school district…)")
        choice(self.fields, "program_id", "&Program", [("None", None), *[(name, key) for key, name in programs]],
               description="The organization's program it pays through; its retention basis counts 30/60/90 days")
        choice(self.fields, "unit_rounding", "&Unit rounding",
               [(ROUNDING_WORDS[r], r) for r in UnitRounding],
               description="How minutes of service turn into 15-minute units")
        choice(self.fields, "report_layout", "&Report layout", [(words, key) for key, words in LAYOUT_WORDS.items()],
               description="The progress report's layout; by kind: VR narrative for VR, the unit log for a waiver")
        self.add_check("blended_pool", "&Blended pool (funds pooled under one authority, reported separately)",
                       description="Tick when this funder's money is pooled with others'")
        text_box(self.fields, "rules", "Rules in &words", lines=4,
                 description="What this funder requires, in plain words (who may bill, proof needed first…)")
        self.ready(row)

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"name": "The funder's name"}, "name")


class ServiceDialog(SetupDialog):
    def __init__(self, funder_name: str, row=None, parent=None) -> None:
        super().__init__("Edit service" if row else "Add service", "Save" if row else "Add service", row, parent,
                         intro=f"{'Service' if row else 'A service'} {funder_name} pays for.")
        line(self.fields, "code", "&Code", description="The funder's code for it, once per funder, e.g. CE-DISC")
        line(self.fields, "name", "&Name", description="The service as the funder calls it")
        choice(self.fields, "unit", "&Unit", [(unit.label.capitalize(), unit) for unit in BillingUnit],
               description="What one unit of the fee schedule's rate pays for")
        line(self.fields, "required_credential", "Re&quired credential",
             description="A staff member bills it only with this credential; empty: none needed")
        self.add_check("needs_first_payer_proof", "Needs &first-payer proof (VR or the school cannot provide it first)",
                       description="Entries are flagged until a dated denial or letter is attached")
        text_box(self.fields, "evidence_required", "&Evidence required",
                 description="What must be attached before it is invoiced")
        choice(self.fields, "milestone_event", "&Milestone event", [(e.label, e) for e in MilestoneEvent],
               description="For a milestone: what achieves it; employment ones fall due from the job's dates")
        self.ready(row)

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"code": "The service code", "name": "The service's name"}, "code", "name")


class RateDialog(RecordDialog):
    def __init__(self, service_code: str, service_name: str, today: date, parent=None) -> None:
        super().__init__("New rate", "Set rate", None, parent,
                         intro=f"A new rate for {service_code} {service_name}. The rate in force until then ends "
                               "the day before the new one starts.")
        line(self.fields, "rate", "&Rate (dollars per unit)", description="Dollars and cents, e.g. 42.50")
        self.fields.add("effective_from", "&From", date_box(today), description="The first day the rate applies")
        self.resize(460, self.sizeHint().height())
        self.fields.fields["rate"].setFocus()

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"rate": "The rate"}, "rate")
