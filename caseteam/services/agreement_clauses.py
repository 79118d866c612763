"""Built-in clause wording for each kind of agreement, used when the preparing organization has no
clause templates of its own. Placeholders ({person_name}, {effective_from}, {effective_to}, {parties},
{prepared_by}) are filled from data when a draft is made; an unknown one is left as written."""

from __future__ import annotations

from caseteam.domain.agreements import AgreementKind

_TERM = ("This agreement takes effect on {effective_from} and remains in effect until {effective_to}, unless "
         "it is ended earlier as set out below.")
_AMEND = ("Any party may propose an amendment in writing. A change takes effect only as a new version signed "
          "by every party. A party may end its part in this agreement with 30 days' written notice to the others.")

MOU = (
    ("purpose", "Purpose", "This memorandum of understanding between {parties} sets out how the parties work "
     "together so that people with disabilities find and keep competitive integrated employment."),
    ("vision", "Shared vision and guiding principles", "The parties share the belief that everyone who wants to "
     "work can work, given the right support. They put the person's own choices first, share what they know, "
     "and avoid duplicating services."),
    ("definitions", "Definitions", "Terms used in this agreement have the meanings in the shared glossary kept "
     "by {prepared_by}."),
    ("services", "Services each party provides", "Each party provides the services listed next to its name in "
     "the parties table."),
    ("referral", "Referral process", "A party refers a person to another party only with the person's written "
     "consent, using the referral form agreed by the parties, and confirms receipt within five business days."),
    ("roles", "Roles and responsibilities", "Each party names a contact person, attends the partners' meetings "
     "and keeps the others informed of changes to its services."),
    ("confidentiality", "Confidentiality and data sharing", "Information about a person is shared only under a "
     "release of information the person has signed, limited to its scope and expiry. Each party protects the "
     "information it receives as it protects its own records."),
    ("costs", "Cost sharing and resource contributions", "Each party bears its own costs unless a separate "
     "written agreement says otherwise. Resources a party contributes are listed in the parties table."),
    ("term", "Term", _TERM),
    ("review", "Review", "The parties review this agreement together at least once a year."),
    ("amendment", "Amendment and termination", _AMEND),
)

WIOA_MOU = (
    ("purpose", "Purpose", "This memorandum of understanding between the local workforce development board and "
     "the required one-stop partners ({parties}) sets out how the one-stop delivery system operates."),
    ("services", "Services and their coordination", "Each partner makes its career services available through "
     "the one-stop centers as listed in the parties table, and the partners coordinate those services so that "
     "a person is served without repeating intake."),
    ("costs", "Shared and infrastructure costs", "The partners share the costs of the one-stop system, "
     "including infrastructure costs, as set out in the infrastructure funding agreement attached to this "
     "memorandum, in proportion to the benefit each receives."),
    ("referral", "Referral methods", "Partners refer people among themselves using the common referral form, "
     "with the person's consent, and follow up within five business days."),
    ("access", "Access for people with disabilities", "The partners ensure physical and programmatic access to "
     "all services for people with disabilities, including accessible technology, materials in alternative "
     "formats and reasonable accommodations."),
    ("confidentiality", "Confidentiality and data sharing", "Information about a person is shared only under a "
     "release the person has signed, limited to its scope and expiry."),
    ("term", "Duration and review", _TERM + " The parties review this memorandum at least every three years, "
     "and sooner when a partner or the law changes."),
    ("amendment", "Amendment and termination", _AMEND),
)

POSA = (
    ("rules", "Applicable rules", "Services are provided under the funder's policies and the rules in force on "
     "the date of service. {prepared_by} keeps the credentials the funder requires of its staff."),
    ("services", "Services and rates", "The provider delivers the services listed in the service table at the "
     "unit and rate shown, from {effective_from}."),
    ("eligibility", "Eligibility and referral/authorization", "The funder refers people it has found eligible. "
     "No service is paid without a written authorization issued before it is delivered. People's "
     "authorizations are sent separately and are not part of this agreement."),
    ("reporting", "Reporting", "The provider reports on each person's progress as the funder's report layout "
     "requires, with every invoice for a milestone."),
    ("invoicing", "Invoicing and payment terms", "The provider invoices monthly for services delivered under "
     "an authorization. The funder pays within 30 days of a complete invoice."),
    ("special", "Special conditions", "None."),
    ("term", "Term and annual review", _TERM + " The parties review the rates and terms once a year."),
)

INDIVIDUAL = (
    ("goal", "Employment goal", "{person_name}'s employment goal is written in the plan and repeated here."),
    ("responsibilities", "My responsibilities", "I, {person_name}, will take part in planning, go to the "
     "appointments I agree to and tell my team when something changes."),
    ("communication", "How the team communicates", "My team talks with me in the way I prefer and shares "
     "information only as my releases of information allow."),
    ("review", "Review date", "We will review this agreement together by {effective_to}, or sooner if I ask."),
    ("rights", "My rights and how to raise a concern", "I may ask questions, disagree, change my mind and ask "
     "for a different provider. To raise a concern I may talk to my job developer or their supervisor at "
     "{prepared_by}, or contact the Client Assistance Program."),
)

DEFAULTS: dict[AgreementKind, tuple[tuple[str, str, str], ...]] = {
    AgreementKind.MOU: MOU, AgreementKind.WIOA_MOU: WIOA_MOU, AgreementKind.PURCHASE_OF_SERVICE: POSA,
    AgreementKind.INDIVIDUAL: INDIVIDUAL,
}


class _Leave(dict):
    # An unknown placeholder stays as written so the author sees it and can edit it.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: dict[str, str]) -> str:
    try:
        return text.format_map(_Leave(values))
    except (ValueError, IndexError, AttributeError):
        return text  # stray braces in user-written text: print the text as written
