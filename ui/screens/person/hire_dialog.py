"""Record hire: the employer, title, duties, hours, wage, benefits, start date and the supports in place
(job coach hours, natural supports, accommodations, assistive technology) and the benefits-planning
referral. A negotiation at Offer can be the starting point: choosing it fills in its negotiated terms."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from caseteam.domain.employment import SupportKind
from caseteam.services.employment_rows import HireChoices, OfferChoice

from ...widgets.date_field import DateField
from ...widgets.field_row import FormDialog, date_box, find_data, plain_text_box, set_field_value


def _text(value) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


class HireDialog(FormDialog):
    def __init__(self, person_name: str, choices: HireChoices, parent=None) -> None:
        super().__init__("Record hire", "Record hire", parent,
                         intro=f"Record the job {person_name} was hired into. {person_name} moves to the Employed "
                               "stage and the follow-along dates start from the start date.")
        self.setMinimumWidth(560)
        self.offers = {o.id: o for o in choices.offers}
        start_from = QComboBox()
        start_from.addItem("No negotiation (enter the terms)", None)
        for offer in choices.offers:
            start_from.addItem(offer.words, offer.id)
        self.fields.add("negotiation_id", "Start &from", start_from,
                        description="A negotiation at Offer: its negotiated terms fill in the fields below")
        employer = QComboBox()
        for org_id, name in choices.employers:
            employer.addItem(name, org_id)
        if not choices.employers:
            employer.addItem("— no employer recorded yet: add one in Partners —", None)
        self.fields.add("organization_id", "E&mployer", employer, description="An organization of kind Employer")
        self.fields.add("job_title", "Job &title", QLineEdit())
        self.fields.add("duties", "&Duties", plain_text_box(3))
        self.fields.add("hours_per_week", "Hours per &week", QLineEdit(), description="Between 0 and 80, e.g. 20")
        self.fields.add("hourly_wage", "Hourly wa&ge", QLineEdit(), description="In dollars, e.g. 15.50")
        self.fields.add("benefits", "&Benefits", QLineEdit(), description="Health, paid leave… as co-workers get")
        self.fields.add("start_date", "&Start date", date_box(choices.today),
                        description="The first day at work; at most 60 days ahead")
        self.fields.add("coach_hours", "&Job coach hours a week", QLineEdit(),
                        description="Empty when there is no job coaching; the hours fade later with Add support")
        self.fields.add("natural_supports", "&Natural supports", QLineEdit(),
                        description="A co-worker or supervisor who helps, and how")
        self.fields.add("accommodations", "Acc&ommodations", QLineEdit())
        self.fields.add("assistive_technology", "Assisti&ve technology", QLineEdit())
        referral = DateField("Referred to benefits planning on")
        referral.set_value(choices.today)
        referral.set_value(None)  # "Not recorded", and today's date ready when it is ticked off
        self.fields.add("benefits_planning_referred_on", "Benefits p&lanning referral", referral,
                        description="When the person was referred to a benefits planner (WIPA), if they were")
        start_from.currentIndexChanged.connect(lambda _i: self._fill_from(self.offers.get(start_from.currentData())))

    def start_from(self, offer_id) -> None:
        box = self.fields.fields["negotiation_id"]
        box.setCurrentIndex(max(0, find_data(box, offer_id)))

    def _fill_from(self, offer: OfferChoice | None) -> None:
        if offer is None:
            return
        f = self.fields.fields
        set_field_value(f["organization_id"], offer.organization_id)
        set_field_value(f["job_title"], offer.job_title)
        set_field_value(f["duties"], offer.duties)
        set_field_value(f["hours_per_week"], _text(offer.hours_per_week))
        set_field_value(f["hourly_wage"], "" if offer.hourly_wage is None else f"{offer.hourly_wage:.2f}")  # $17.40
        set_field_value(f["benefits"], offer.benefits)
        if offer.start_date is not None:
            set_field_value(f["start_date"], offer.start_date)
        if offer.supports:
            set_field_value(f["natural_supports"], offer.supports)
        if offer.accommodations:
            set_field_value(f["accommodations"], offer.accommodations)

    def answer(self) -> dict:
        v = self.fields.values()
        start: date = v["start_date"]
        supports = []
        if v["coach_hours"]:
            supports.append(dict(kind=SupportKind.JOB_COACH, hours_per_week=v["coach_hours"], starts_on=start))
        for key, kind in (("natural_supports", SupportKind.NATURAL_SUPPORT),
                          ("accommodations", SupportKind.ACCOMMODATION),
                          ("assistive_technology", SupportKind.ASSISTIVE_TECHNOLOGY)):
            if v[key]:
                supports.append(dict(kind=kind, description=v[key], starts_on=start))
        return dict(negotiation_id=v["negotiation_id"], organization_id=v["organization_id"],
                    job_title=v["job_title"], duties=v["duties"], hours_per_week=v["hours_per_week"],
                    hourly_wage=v["hourly_wage"], benefits=v["benefits"], start_date=start, supports=supports,
                    benefits_planning_referred_on=v["benefits_planning_referred_on"])

    def refuse(self, exc) -> None:
        # The supports are checked by the same rules as the job: a job-coach problem belongs under its own box.
        if getattr(exc, "field", "") == "hours_per_week" and "Job-coach" in exc.message:
            self.ok_button.setEnabled(True)
            self.fields.show_problem("coach_hours", exc.message)
            return
        super().refuse(exc)
