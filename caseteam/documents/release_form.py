"""The release of information (authorization to share) as a PDF form for signature.

Plain language, first person where the signer speaks. It names exactly who may share what with whom,
why and for how long; it is never a blank or "all records" release, so the renderer refuses a view
that lists no information, no parties, no purpose or no end.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .notices import notice_box, part2_notice
from .views import ReleaseView

TITLE = "Authorization to share information"
CHECKED, UNCHECKED = "☒", "☐"


class IncompleteRelease(ValueError):
    """The view lacks something a valid release must state; `field` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


def render_release(view: ReleaseView, *, large_print: bool = False) -> bytes:
    _check(view)
    s = st.style_set(large_print=large_print)
    story: list = []
    story += _title(view, s)
    story += _revoked(view, s)
    story += _about(view, s)
    story += _parties(view, s)
    story += _categories(view, s)
    story += _purpose_and_period(view, s)
    story += _rights(view, s)
    if view.includes_substance_use:
        story += _part2_notice(s)
    if view.includes_education:
        story += _ferpa(view, s)
    story += _signatures(view, s)
    marks = PageMarks(document=f"Release of information {view.reference}", version=view.version,
                      demo=view.demo, header=view.issued_by, printed_on=view.generated_on)
    subject = "Large-print copy" if large_print else "Release of information for signature"
    return build_pdf(story, marks, s, title=f"{TITLE} {view.reference}", subject=subject)


def _check(view: ReleaseView) -> None:
    if not view.categories:
        raise IncompleteRelease("categories", "a release must name the kinds of information it covers; "
                                "a blank or 'all records' release is not allowed.")
    if not view.parties:
        raise IncompleteRelease("parties", "a release must name who may share and who may receive.")
    if not view.two_way and not (any(p.may_disclose for p in view.parties)
                                 and any(p.may_receive for p in view.parties)):
        raise IncompleteRelease("parties", "a one-way release needs at least one party that may share "
                                "and one that may receive.")
    if not view.purpose.strip():
        raise IncompleteRelease("purpose", "a release must say why the information is shared.")
    if view.expires_on is None and not view.expiry_event.strip():
        raise IncompleteRelease("expires_on", "a release must end on a date or at an event.")


# --- sections -------------------------------------------------------------------------------------

_p = blocks.para


def _rich(markup: str, style) -> Paragraph:
    return Paragraph(markup, style)


_b = blocks.bold


def _title(view: ReleaseView, s: st.StyleSet) -> list:
    line = f"Reference {view.reference} · version {view.version} · prepared {long_date(view.generated_on)}"
    return [_p(TITLE, s.title), _p("Release of information", s.heading), _p(line, s.subtitle),
            _rich(f"This form lets the organizations and people listed below share information about "
                  f"{_b(view.person_name)}. It says exactly what may be shared, with whom, why and for "
                  "how long. Nothing else may be shared because of it.", s.body)]


def _revoked(view: ReleaseView, s: st.StyleSet) -> list:
    if view.revoked_on is None:
        return []
    how = f" ({view.revocation_method})" if view.revocation_method else ""
    return [Spacer(1, s.gap / 2),
            notice_box([_p("This release has been revoked", s.notice_heading),
                     _p(f"It was revoked on {long_date(view.revoked_on)}{how}. It no longer allows any "
                        "sharing. This copy is for the record only.", s.notice)], s)]


def _about(view: ReleaseView, s: st.StyleSet) -> list:
    rows = [[_p("Name", s.cell_bold), _p(view.person_name, s.cell)]]
    if view.date_of_birth is not None:
        rows.append([_p("Date of birth", s.cell_bold), _p(long_date(view.date_of_birth), s.cell)])
    return [_p("Who this is about", s.heading), _grid(rows, (0.28, 0.72), s, lines=False)]


def _parties(view: ReleaseView, s: st.StyleSet) -> list:
    if view.two_way:
        intro = ("This is a two-way exchange: every party listed here may share the information below "
                 "with every other party listed here.")
    else:
        intro = ("The parties marked \"May share\" may give the information below to the parties marked "
                 "\"May receive\". It does not allow sharing in the other direction.")
    rows = [[_p("Organization or person", s.cell_bold), _p("What they may do", s.cell_bold)]]
    for party in view.parties:
        cell = [_p(party.name, s.cell)]
        if party.kind:
            cell.append(_p(party.kind, s.small))
        role = "May share and receive" if view.two_way else party.role_text
        rows.append([cell, _p(role, s.cell)])
    return [_p("Who may share with whom", s.heading), _p(intro, s.body), _grid(rows, (0.64, 0.36), s)]


def _categories(view: ReleaseView, s: st.StyleSet) -> list:
    items = [Paragraph(escape(label), s.bullet, bulletText="•") for label in view.categories]
    return [_p("What may be shared", s.heading), _p("Only these kinds of information:", s.body), *items,
            Spacer(1, s.gap / 3),
            _p("This is not a release of all records. Information of any other kind may not be shared "
               "because of this form.", s.body)]


def _purpose_and_period(view: ReleaseView, s: st.StyleSet) -> list:
    start = _b(long_date(view.effective_from))
    event = _b(view.expiry_event.strip().rstrip("."))
    # The event is the signer's own words ("When my services end"), so it follows a colon, not "until".
    if view.expires_on is not None and view.expiry_event.strip():
        period = (f"This permission starts on {start}. It ends on {_b(long_date(view.expires_on))} or at this "
                  f"event, whichever comes first: {event}.")
    elif view.expires_on is not None:
        period = f"This permission starts on {start} and ends on {_b(long_date(view.expires_on))}."
    else:
        period = f"This permission starts on {start}. It ends at this event: {event}."
    return [_p("Why the information is shared", s.heading), _p(view.purpose.strip(), s.body),
            _p("For how long", s.heading),
            _rich(f"{period} It ends sooner if it is revoked (see “Your rights” below).", s.body)]


def _rights(view: ReleaseView, s: st.StyleSet) -> list:
    to = view.revoke_to or view.issued_by or "the organization that gave you this form"
    stronger = (" Some records have stronger protection; the notices below explain it."
                if view.includes_substance_use or view.includes_education else "")
    points = [
        ("You do not have to sign.", "Your services, your eligibility for services and payment for them do "
         "not depend on whether you sign this form."),
        ("You may revoke this permission at any time, in writing.", f"Give or send a signed, dated note to "
         f"{to} saying that you revoke it. Sharing stops once the note is received. Revoking does not undo "
         "information that was already shared while this form was in effect."),
        ("Information may be shared again.", "Someone who receives information under this form may share it "
         "again, and then it may no longer be protected by the privacy laws that protect it here." + stronger),
        ("You may have a copy.", "You may keep a copy of this signed form. It is also available in large "
         "print."),
    ]
    story = [_p("Your rights", s.heading)]
    for lead, text in points:
        story.append(Paragraph(f"{_b(lead)} {escape(text)}", s.bullet, bulletText="•"))
    return story


def _part2_notice(s: st.StyleSet) -> list:
    return [Spacer(1, s.gap), part2_notice(s)]


def _ferpa(view: ReleaseView, s: st.StyleSet) -> list:
    def box(who: str) -> str:
        return CHECKED if view.education_consent_by == who else UNCHECKED

    choices = [_p("Consent for school education records is given by:", s.notice),
               _p(f"{box('parent')}  the student's parent", s.bullet),
               _p(f"{box('eligible_student')}  the eligible student", s.bullet)]
    body = ("Under the Family Educational Rights and Privacy Act (FERPA), a school may share a student's "
            "education records only with the written consent of a parent, or of the student once the student "
            "is 18 or attends school beyond high school (an eligible student).")
    return [Spacer(1, s.gap), KeepTogether([
        notice_box([_p("School education records (FERPA)", s.notice_heading), _p(body, s.notice), *choices], s),
        _sign_line("Signature of parent or eligible student", s)])]


def _signatures(view: ReleaseView, s: st.StyleSet) -> list:
    who, label = blocks.signer_statement(view.signer_name, view.person_name,
                                         representative=view.signer_is_representative,
                                         authority=view.signer_authority)
    block = [
        _p("Signatures", s.heading),
        _p("By signing I confirm that I have read this form, or had it read or explained to me, that I "
           "understand it, and that I allow the sharing it describes.", s.body),
        _rich(who, s.body),
        _sign_line(label, s),
        _sign_line("Signature of witness or staff member", s),
        _sign_line("Printed name and organization of witness or staff member", s, dated=False),
    ]
    # Keep the whole signature block on one page: a signature alone on a page proves nothing.
    return [CondPageBreak(s.base * 14), KeepTogether(block)]


# --- building blocks: shared with the plan and the profile (documents/blocks.py) ----------------

_grid = blocks.grid
_sign_line = blocks.sign_line
