"""A partnership's joint strategic plan as the partners sign it or put it in a board packet: title and
period, the members, vision, guiding principles, then each goal with its progress, strategies and the
recommended actions (owner, due date, status, task), and a signature line for every member's
representatives. Same footer as the agreements: the plan's reference, version and "Page X of Y"."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .notices import notice_box
from .partnership_views import PlanGoalView, PlanSignerView, StrategicPlanView

_p = blocks.para
SIGNING_CLAUSE = ("By signing below, each representative confirms that their organization took part in "
                  "writing this plan and commits to the actions it owns in {ref}.")


def paragraphs(text: str, style) -> list:
    """Text as typed: a blank line starts a new paragraph."""
    return [_p(part.strip(), style) for part in text.split("\n\n") if part.strip()]


def render_strategic_plan(view: StrategicPlanView) -> bytes:
    s = st.style_set()
    story = [*_title(view, s), *_foundations(view, s)]
    for goal in view.goals:
        story += _goal(goal, s)
    story += _signatures(view, s)
    marks = PageMarks(document=f"Strategic plan {view.ref}", version=view.version, demo=view.demo,
                      header=view.partnership, printed_on=view.printed_on)
    return build_pdf(story, marks, s, title=f"{view.title} ({view.ref})", subject="Joint strategic plan",
                     author=view.partnership)


def _title(view: StrategicPlanView, s: st.StyleSet) -> list:
    story = [_p(view.title, s.title), _p(f"Joint strategic plan {view.ref} · {view.partnership}", s.subtitle)]
    if view.demo:
        story += [notice_box([_p("Demonstration plan: invented partners and actions.", s.notice_heading)], s),
                  Spacer(1, s.gap / 2)]
    rows = [("Partnership", f"{view.partnership} ({view.level.lower()})"), ("Status", view.status),
            ("Period", view.period), ("Adopted", long_date(view.adopted_on) if view.adopted_on else ""),
            ("Members", "; ".join(view.members))]
    return [*story, bb.facts(rows, s)]


def _foundations(view: StrategicPlanView, s: st.StyleSet) -> list:
    story = [_p("Vision", s.heading), *(paragraphs(view.vision, s.body) or [_p("Not written yet.", s.small)])]
    story.append(_p("Guiding principles", s.heading))
    lines = [line.strip(" -•\t") for line in view.guiding_principles.splitlines() if line.strip(" -•\t")]
    story += [Paragraph(blocks.escape_text(line), s.bullet, bulletText="•") for line in lines] or \
        [_p("Not written yet.", s.small)]
    return story


def _goal(goal: PlanGoalView, s: st.StyleSet) -> list:
    story = [_p(f"Goal {goal.number}. {goal.title}", s.heading), _p(f"Progress: {goal.progress}", s.small)]
    story += paragraphs(goal.description, s.body)
    c = bb.table_styles(s, large_print=False)
    for n, strategy in enumerate(goal.strategies, start=1):
        story.append(Paragraph(f"{blocks.bold(f'Strategy {goal.number}.{n}')} {blocks.escape_text(strategy.text)}",
                               s.body))
        if not strategy.actions:
            continue
        rows: list = [bb.header_row(("Recommended action", "Owner", "Due", "Status"), c)]
        rows += [[[_p(a.text, c.plain), *([_p(f"Task {a.task_ref}", c.small)] if a.task_ref else [])],
                  _p(a.owner, c.plain), _p(bb.table_date(a.due) if a.due else "", c.plain), _p(a.status, c.plain)]
                 for a in strategy.actions]
        story += [bb.line_table(rows, (0.45, 0.24, 0.15, 0.16), s), Spacer(1, s.gap / 2)]
    return story


def _signature_block(signer: PlanSignerView, s: st.StyleSet) -> KeepTogether:
    role = f" · {signer.role}" if signer.role else ""
    who = [Paragraph(f"{blocks.bold(signer.name)}{', ' + blocks.escape_text(signer.title) if signer.title else ''}",
                     s.body), _p(f"{signer.organization}{role}", s.small)]
    return KeepTogether([*who, blocks.sign_line(f"Signature of {signer.name}", s), Spacer(1, s.gap)])


def _signatures(view: StrategicPlanView, s: st.StyleSet) -> list:
    if not view.signers:
        return []
    blocks_ = [_signature_block(signer, s) for signer in view.signers]
    lead = [_p("Signatures", s.heading), _p(SIGNING_CLAUSE.format(ref=f"plan {view.ref}"), s.body)]
    return [KeepTogether([*lead, blocks_[0]]), *blocks_[1:]]
