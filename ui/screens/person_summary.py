"""The read-only person summary: one QTextBrowser of plain, well-structured HTML.

Headings (h2/h3) and lists let a screen reader move section by section; every piece of text that
came from a user is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from caseteam.domain.consent import InformationCategory
from caseteam.domain.people import RepresentativeAuthority
from caseteam.services.plans import GoalRow, PlanRevisionRow, StepRow
from caseteam.services.records import PersonSummary
from caseteam.services.tasks import TaskRow
from caseteam.services.teams import TeamMemberRow

from ..dates import local_date, local_instant_date

STYLE = """
h2 { margin-top: 0; margin-bottom: 2px; }
h3 { margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 2px; margin-bottom: 4px; }
.muted { color: #555555; }
.overdue { color: #a61b1b; font-weight: bold; }
"""


class PersonSummaryView(QTextBrowser):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personSummary")
        self.setAccessibleName("Person summary")
        self.setAccessibleDescription("Read-only summary of the person chosen in the caseload")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDefaultStyleSheet(STYLE)
        self.person_id = None
        self.show_message("Choose a person in the list to see their summary.")

    def show_message(self, text: str) -> None:
        self.person_id = None
        self.setHtml(f"<p class='muted'>{escape(text)}</p>")

    def show_summary(self, summary: PersonSummary, today: date | None = None) -> None:
        self.person_id = summary.person.id
        self.setHtml(summary_html(summary, today or date.today()))
        self.verticalScrollBar().setValue(0)


# --- HTML ---------------------------------------------------------------------------------------

def _facts(pairs: list[tuple[str, str]]) -> str:
    lines = [f"<b>{escape(label)}:</b> {escape(value)}" for label, value in pairs if value]
    return f"<p>{'<br>'.join(lines)}</p>" if lines else ""


def _para(text: str, empty: str = "") -> str:
    if not text:
        return f"<p class='muted'>{escape(empty)}</p>" if empty else ""
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def summary_html(s: PersonSummary, today: date) -> str:
    contact, plan, vocational = (c in s.hidden for c in (InformationCategory.CONTACT, InformationCategory.PLAN,
                                                         InformationCategory.VOCATIONAL))
    return "".join([
        _heading(s), _not_shared(s),
        _withheld("Contact, communication and representative") if contact else
        _contact(s) + _communication(s) + _representative(s),
        _withheld("Team") if plan else _team(s.team, today),
        _withheld("Vocational profile and Discovery") if vocational else _profile(s),
        _withheld("Plan for employment") if plan else _plan(s.plan),
        "" if vocational else _discovery(s),
        _tasks(s.tasks, today)])


def _withheld(heading: str) -> str:
    """In place of a section no release shares: never "none recorded", which would not be true."""
    return f"<h3>{escape(heading)}</h3><p class='muted'>Not shared with your organization.</p>"


def _not_shared(s: PersonSummary) -> str:
    """Said in words, so a partner knows the gaps are consent and not missing work."""
    if not s.not_shared:
        return ""
    return (f"<p class='muted'><b>Not shared with your organization:</b> {escape('; '.join(s.not_shared))}. "
            "No release of information lets your organization see these parts of the record.</p>")


def _heading(s: PersonSummary) -> str:
    p = s.person
    full = f"{p.given_name} {p.family_name}"
    referral = p.referral_source_name
    if referral and p.referral_date:
        referral += f", {local_date(p.referral_date)}"
    return f"<h2>{escape(p.display_name)}</h2>" + _facts([
        ("Reference", p.ref),
        ("Full name", full if full != p.display_name else ""),
        ("Stage", f"{p.stage.label} since {local_date(p.stage_entered_on)}"),
        ("Lead", p.lead_staff_name or "no lead job developer yet"),
        ("Home organization", p.home_organization_name or "none recorded"),
        ("Referred by", referral),
    ])


def _contact(s: PersonSummary) -> str:
    p = s.person
    place = " ".join(filter(None, [p.region, p.postal_code]))
    address = ", ".join(filter(None, [p.street, p.city, place]))
    body = _facts([("Phone", p.phone), ("Email", p.email), ("Address", address)])
    return "<h3>Contact</h3>" + (body or "<p class='muted'>No contact details recorded.</p>")


def _communication(s: PersonSummary) -> str:
    p = s.person
    return "<h3>Communication and accommodations</h3>" + _facts([
        ("Preferred language", p.preferred_language),
        ("Interpreter", p.interpreter or "none needed"),
        ("Communication needs", p.communication_needs or "none recorded"),
        ("Accommodations", p.accommodations or "none recorded"),
    ])


def _representative(s: PersonSummary) -> str:
    p = s.person
    if not p.representative_name:
        return "<h3>Representative or guardian</h3><p class='muted'>None recorded.</p>"
    authority = p.representative_authority
    return "<h3>Representative or guardian</h3>" + _facts([
        ("Name", p.representative_name),
        ("Relationship", p.representative_relationship),
        ("Authority", authority.label if authority is not RepresentativeAuthority.NONE else "none recorded"),
        ("Contact", p.representative_contact),
    ])


def _member(m: TeamMemberRow, today: date) -> str:
    if m.natural_support:
        where = ", ".join(filter(None, ["natural support", m.relationship]))
    else:
        where = ", ".join(filter(None, [m.title, m.organization_name]))
    text = f"<b>{escape(m.name)}</b>: {escape(m.role.label)}"
    if where:
        text += f" ({escape(where)})"
    if m.end_date is not None and m.end_date < today:
        text += f" <span class='muted'>(ended {escape(local_date(m.end_date))})</span>"
    elif m.end_date is not None:
        text += f" (until {escape(local_date(m.end_date))})"
    return f"<li>{text}</li>"


def _team(team: tuple[TeamMemberRow, ...], today: date) -> str:
    current = [m for m in team if m.end_date is None or m.end_date >= today]
    ended = [m for m in team if m not in current]
    if not team:
        return "<h3>Team</h3><p class='muted'>No team members yet.</p>"
    out = f"<h3>Team ({len(current)} current)</h3><ul>{''.join(_member(m, today) for m in current)}</ul>"
    if ended:
        out += f"<p><b>Former members</b></p><ul>{''.join(_member(m, today) for m in ended)}</ul>"
    return out


def _profile(s: PersonSummary) -> str:
    profile = s.profile
    if profile is None:
        return "<h3>Vocational profile</h3><p class='muted'>No vocational profile saved yet.</p>"
    themes = "".join(f"<li>{escape(t)}</li>" for t in profile.themes)
    return (f"<h3>Vocational profile (revision {profile.number})</h3>"
            f"<p class='muted'>Saved {escape(local_instant_date(profile.saved_at))}</p>"
            + (f"<p><b>Three vocational themes</b></p><ol>{themes}</ol>" if themes
               else "<p class='muted'>No vocational themes yet.</p>")
            + "<p><b>Ideal conditions of employment</b></p>"
            + _para(profile.content.ideal_conditions, "Not written yet."))


def _step(step: StepRow) -> str:
    details = [escape(step.owner_name) if step.owner_name else "no owner named"]
    if step.due:
        details.append(f"due {escape(local_date(step.due))}")
    details.append("done" if step.done else "not done yet")
    return f"<li>{escape(step.description)} ({', '.join(details)})</li>"


def _goal(goal: GoalRow) -> str:
    lines = [f"<b>{escape(goal.description)}</b> ({escape(goal.status.label.lower())})"]
    if goal.criterion:
        lines.append(f"Measured by: {escape(goal.criterion)}")
    if goal.target_date:
        lines.append(f"Target date: {escape(local_date(goal.target_date))}")
    steps = f"<ul>{''.join(_step(s) for s in goal.steps)}</ul>" if goal.steps else ""
    return f"<li>{'<br>'.join(lines)}{steps}</li>"


def _plan(plan: PlanRevisionRow | None) -> str:
    if plan is None:
        return "<h3>Plan for employment</h3><p class='muted'>No plan saved yet.</p>"
    saved = f"Saved {local_instant_date(plan.saved_at)}"
    if plan.agreed_on:
        saved += f"; agreed by the person on {local_date(plan.agreed_on)}"
    if plan.draft.review_due:
        saved += f"; review due {local_date(plan.draft.review_due)}"
    goals = f"<ol>{''.join(_goal(g) for g in plan.goals)}</ol>" if plan.goals else \
        "<p class='muted'>No goals yet.</p>"
    return (f"<h3>Plan for employment (revision {plan.number})</h3>"
            f"<p class='muted'>{escape(saved)}</p>"
            + _facts([("What changed", plan.summary)])
            + "<p><b>Vision</b></p>" + _para(plan.draft.vision, "Not written yet.")
            + "<p><b>Goals</b></p>" + goals)


def _discovery(s: PersonSummary) -> str:
    if not s.activities:
        return "<h3>Discovery</h3><p class='muted'>No Discovery activities logged yet.</p>"
    minutes = sum(a.minutes for a in s.activities)
    hours = f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
    count = len(s.activities)
    last = max(a.held_on for a in s.activities)
    return (f"<h3>Discovery</h3><p>{hours} hours over {count} "
            f"{'activity' if count == 1 else 'activities'}; the latest on {escape(local_date(last))}.</p>")


def _task(t: TaskRow, today: date) -> str:
    who = t.organization_name + (f" ({t.staff_name})" if t.staff_name else "")
    parts = [f"<b>{escape(t.title)}</b>", escape(who)]
    if t.due:
        due = f"due {escape(local_date(t.due))}"
        parts.append(f"<span class='overdue'>{due} (overdue)</span>" if t.overdue_on(today) else due)
    parts.append(escape(t.status.label.lower()))
    return f"<li>{', '.join(parts)}</li>"


def _tasks(tasks: tuple[TaskRow, ...], today: date) -> str:
    active = sorted((t for t in tasks if t.status.active), key=lambda t: (t.due is None, t.due or today))
    finished = sorted((t for t in tasks if not t.status.active), key=lambda t: t.due or date.min, reverse=True)
    out = f"<h3>Open tasks ({len(active)})</h3>"
    out += f"<ul>{''.join(_task(t, today) for t in active)}</ul>" if active else \
        "<p class='muted'>No open tasks.</p>"
    if finished:
        out += f"<h3>Done or cancelled tasks ({len(finished)})</h3>"
        out += f"<ul>{''.join(_task(t, today) for t in finished)}</ul>"
    return out
