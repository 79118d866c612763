"""The person-centered plan as a PDF for the person (or their representative) and the job developer to
sign. Plain language; the person's chosen name throughout; what they said in their own words (the
vision, what is important to them) printed in quotation marks. Every section prints, even an empty one,
so a reader sees what was not written rather than wondering whether it was left out.

The profile (profile_document.py) uses the title, "about", section and signature pieces here.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from . import blocks
from . import styles as st
from .blocks import bold, para
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .plan_views import GoalView, PersonDocumentView, PlanView, SectionView

TITLE = "My plan for employment"
NOT_WRITTEN = "Not written yet."
DONE, NOT_DONE = "☒", "☐"
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"


def render_plan(view: PlanView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    a = view.about
    story = title_block(TITLE, "Person-centered plan", a, s)
    story.append(para(f"This is {a.person_name}'s plan for finding and keeping a job they want. It was "
                      f"written with {a.person_name} and the people who support them."
                      + own_words_note(a, view.sections), s.body))
    extra = [("Plan review due", long_date(view.review_due))] if view.review_due else []
    story += about_block(a, s, extra)
    story += section_blocks(view.sections, s)
    story.append(para("Supports", s.heading))
    story += section_blocks(view.supports, s, level=s.body)
    story += _goals(view.goals, s)
    story += signature_block(a, s, agreement=(
        "I have read this plan, or had it read or explained to me. It says what I want for my work, and I "
        "agree to it. I know I can ask to change it at any time."))
    return build(story, a, s, "Person-centered plan", large_print)


# --- shared with the vocational profile -------------------------------------------------------------------

def title_block(title: str, kind: str, a: PersonDocumentView, s: st.StyleSet) -> list:
    line = [f"Reference {a.reference}", f"version {a.version}"]
    if a.saved_on is not None:
        line.append(f"saved {long_date(a.saved_on)}")
    line.append(f"printed {long_date(a.generated_on)}")
    return [para(title, s.title), para(f"{kind} for {a.person_name}", s.heading),
            para(" · ".join(line), s.subtitle)]


def own_words_note(a: PersonDocumentView, sections: tuple[SectionView, ...]) -> str:
    """Said only when something is quoted: an empty promise of quotation marks would confuse."""
    if any(section.own_words and section.text.strip() for section in sections):
        return f" Words in quotation marks are {a.person_name}'s own."
    return ""


def about_block(a: PersonDocumentView, s: st.StyleSet, extra: list[tuple[str, str]] = ()) -> list:
    rows = [("Name", a.person_name)]
    if a.legal_name and a.legal_name != a.person_name:
        rows.append(("Legal name", a.legal_name))
    rows.append(("Job developer", a.job_developer or "Not assigned yet"))
    if a.agreed_on is not None:
        rows.append(("Agreed", f"{a.person_name} agreed to this version on {long_date(a.agreed_on)}"))
    rows += list(extra)
    cells = [[para(label, s.cell_bold), para(value, s.cell)] for label, value in rows]
    return [para("Who this is about", s.heading), blocks.grid(cells, (0.28, 0.72), s, lines=False)]


def section_blocks(sections: tuple[SectionView, ...], s: st.StyleSet, *, level=None) -> list:
    """Each section's heading and text; the person's own words in quotation marks."""
    story: list = []
    for section in sections:
        heading = para(section.heading, level or s.heading)
        if level is not None:   # a sub-heading: bold body text that stays with its first line
            heading = Paragraph(bold(section.heading), s.notice_heading)
        story.append(heading)
        lines = [line.strip() for line in section.text.strip().splitlines() if line.strip()]
        if not lines:
            story.append(para(NOT_WRITTEN, s.small))
            continue
        if section.own_words:   # words typed with their own quotation marks are not quoted twice
            lines[0] = OPEN_QUOTE + lines[0].lstrip('"“')
            lines[-1] = lines[-1].rstrip('"”') + CLOSE_QUOTE
        story += [para(line, s.body) for line in lines]
    return story


def signature_block(a: PersonDocumentView, s: st.StyleSet, *, agreement: str) -> list:
    who, label = blocks.signer_statement(a.signer.name, a.person_name, representative=a.signer.is_representative,
                                         authority=a.signer.authority)
    developer = a.job_developer or "the job developer"
    block = [para("Signatures", s.heading), para(agreement, s.body), Paragraph(who, s.body),
             blocks.sign_line(label, s),
             *([para(f"{a.signed_note}. This revision is locked.", s.body)] if a.signed_note else []),
             Spacer(1, s.gap / 2),
             para(f"I, {developer}, worked on this with {a.person_name} and will do my part.", s.body),
             blocks.sign_line(f"Signature of {a.job_developer}, job developer" if a.job_developer
                              else "Signature of job developer", s)]
    # The whole block on one page: a signature alone on a page proves nothing.
    return [CondPageBreak(s.base * 16), KeepTogether(block)]


def build(story: list, a: PersonDocumentView, s: st.StyleSet, kind: str, large_print: bool) -> bytes:
    marks = PageMarks(document=f"{kind} {a.reference}", version=a.version, demo=a.demo, header=a.issued_by,
                      printed_on=a.generated_on)
    subject = "Large-print copy" if large_print else f"{kind} for signature"
    return build_pdf(story, marks, s, title=f"{kind} for {a.person_name} ({a.reference})", subject=subject)


# --- goals and steps ------------------------------------------------------------------------------------

def _goals(goals: tuple[GoalView, ...], s: st.StyleSet) -> list:
    heading = para("Goals and action steps", s.heading)
    if not goals:
        return [heading, para("No goals written yet.", s.small)]
    story: list = [CondPageBreak(s.base * 12), heading]
    for number, goal in enumerate(goals, start=1):
        facts = []
        if goal.criterion:
            facts.append(f"How we will know it is done: {goal.criterion}")
        if goal.target_date is not None:
            facts.append(f"Target date: {long_date(goal.target_date)}")
        if goal.status:
            facts.append(f"Where it stands: {goal.status}")
        head = [Paragraph(f"Goal {number}: {bold(goal.description)}", s.body),
                *[Paragraph(blocks.escape_text(f), s.bullet, bulletText="•") for f in facts]]
        # A goal starts where its first steps fit too; a long list of steps may then run on to the next
        # page (a table repeats its header there) rather than leave half a page blank.
        if number > 1:
            story.append(CondPageBreak(s.base * 10))
        story += [KeepTogether(head), Spacer(1, s.gap / 3), *_steps(goal, s), Spacer(1, s.gap / 2)]
    return story


def _steps(goal: GoalView, s: st.StyleSet) -> list:
    if not goal.steps:
        return [para("No action steps yet.", s.small)]
    if s.base > st.STANDARD_SIZE:
        # Large print: four columns would break names and dates mid-word, so each step is a short list.
        out = [Paragraph(bold("Action steps"), s.notice_heading)]
        for step in goal.steps:
            parts = [f"Who does it: {step.owner}" if step.owner else "",
                     f"By {long_date(step.due)}" if step.due else "", "Done" if step.done else "Not done yet"]
            out.append(KeepTogether([
                Paragraph(blocks.escape_text(step.description), s.bullet, bulletText=DONE if step.done else NOT_DONE),
                para(" · ".join(p for p in parts if p), _indented(s))]))
        return out
    rows = [[para("Action step", s.cell_bold), para("Who does it", s.cell_bold), para("By when", s.cell_bold),
             para("Done", s.cell_bold)]]
    for step in goal.steps:
        rows.append([para(step.description, s.cell), para(step.owner, s.cell),
                     para(long_date(step.due) if step.due else "—", s.cell),
                     para(f"{DONE} Yes" if step.done else f"{NOT_DONE} Not yet", s.cell)])
    return [blocks.grid(rows, (0.37, 0.26, 0.24, 0.13), s)]


def _indented(s: st.StyleSet):
    """The line under a large-print step: lined up with the step's text, a little apart from the next."""
    style = s.bullet.clone("step_detail", bulletText=None)
    style.spaceAfter = s.base * 0.5
    return style
