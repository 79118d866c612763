"""Literal agreement views for the document tests and the benchmark (no store needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from caseteam.documents.agreement_views import (AgreementView, LetterheadView, PartyView, SectionView,
                                                ServiceLineView, SignatoryView)

SECTIONS = (
    SectionView("Purpose", "This agreement sets out the Customized Employment services the provider "
                "delivers to people referred by the vocational rehabilitation agency, and how they are paid.\n\n"
                "It does not replace any person's individualized plan for employment."),
    SectionView("Referral and authorization", "Services begin only after the agency issues a written "
                "authorization naming the person, the services and the number of units.\n\n"
                "The provider bills each milestone once, within 60 days of its completion."),
    SectionView("Confidentiality", "Each party keeps information about the people served confidential "
                "and discloses it only with a signed release or as the law requires."),
    SectionView("Term and termination", "Either party may end this agreement with 30 days' written "
                "notice. Authorized services in progress are completed and paid."),
)


def posa(lines: int = 6, **changes) -> AgreementView:
    services = tuple(
        ServiceLineView(service=f"Discovery profile, stage {n}" if n % 3 else f"Job development, placement {n}",
                        code=f"CE-{n:03d}", unit="Milestone" if n % 2 else "Hour",
                        rate=Decimal("125.00") + n, units=Decimal(n % 5 + 1),
                        amount=(Decimal("125.00") + n) * (n % 5 + 1), provided_by="Bridgeway Services",
                        paid_by="State VR Agency")
        for n in range(1, lines + 1))
    view = AgreementView(
        number="AG-0003", version=1, kind="Purchase-of-service agreement",
        title="Customized Employment services", contract_number="VR-2026-117",
        letterhead=LetterheadView("Bridgeway Services", "12 Mill Street, Springfield, IL 62701",
                                  "(217) 555-0140"),
        parties=(
            PartyView("State VR Agency", "Funder", "Pays for authorized services",
                      (SignatoryView("Nguyễn Thị Ánh", "Regional Director", "State VR Agency"),)),
            PartyView("Bridgeway Services", "Provider", "Delivers Customized Employment",
                      (SignatoryView("José Muñoz", "Executive Director", "Bridgeway Services",
                                     signed_on=date(2026, 11, 20)),
                       SignatoryView("Zoë Ødegård", "Program Manager", "Bridgeway Services"))),
        ),
        sections=SECTIONS, service_lines=services, generated_on=date(2026, 12, 1), draft=True,
        effective_from=date(2027, 1, 1), effective_to=date(2027, 12, 31), review_on=date(2027, 10, 1),
        author="Bridgeway Services")
    return replace(view, **changes)
