"""The partnership's printed documents: the strategic plan (for signatures and board packets) and the
resource manual (PDF or CSV). Each copy made is audited, so these run in a writing unit of work."""

from __future__ import annotations

import uuid

from caseteam.documents.partnership_views import (PlanActionView, PlanGoalView, PlanSignerView,
                                                  PlanStrategyView, StrategicPlanView)
from caseteam.documents.resource_manual_document import render_resource_manual
from caseteam.documents.strategic_plan_document import render_strategic_plan
from caseteam.domain.partnerships import StrategicPlan
from caseteam.documents.dates import long_date

from .actors import Actor
from .partnerships import get_partnership, record
from .records import is_demo
from .resource_manual import ManualFilter, manual_csv, manual_view, record_export
from .strategic_plans import get_plan


def _period(first, last) -> str:
    if first and last:
        return f"{long_date(first)} to {long_date(last)}"
    return f"from {long_date(first)}" if first else (f"until {long_date(last)}" if last else "")


def plan_view(uow, actor: Actor, plan_id: uuid.UUID | str) -> StrategicPlanView:
    detail = get_plan(uow, actor, plan_id)
    plan, partnership = detail.plan, detail.partnership
    members = get_partnership(uow, actor, partnership.id).members
    goals = tuple(PlanGoalView(n, g.title, g.description, g.progress_words,
                               tuple(PlanStrategyView(st.text, tuple(PlanActionView(a.text, a.owner_name, a.due,
                                                                                    a.status.label, a.task_ref)
                                                                     for a in st.actions))
                                     for st in g.strategies))
                  for n, g in enumerate(detail.goals, start=1))
    signers = tuple(PlanSignerView(r.name, r.title, m.organization_name, r.role)
                    for m in members for r in m.active_representatives)
    return StrategicPlanView(plan.ref, plan.version, plan.title, partnership.name, partnership.level.label,
                             plan.status.label, _period(plan.period_from, plan.period_to), plan.adopted_on,
                             plan.vision, plan.guiding_principles, tuple(m.organization_name for m in members),
                             goals, signers, uow.today(), is_demo(uow))


def plan_pdf(uow, actor: Actor, plan_id: uuid.UUID | str) -> bytes:
    view = plan_view(uow, actor, plan_id)
    data = render_strategic_plan(view)
    plan = record(uow, StrategicPlan, plan_id, "strategic plan", include_archived=True)
    uow.audit.record(actor, plan, "printed", changes={"version": view.version, "format": "pdf"})
    return data


def manual_pdf(uow, actor: Actor, flt: ManualFilter = ManualFilter()) -> bytes:
    view = manual_view(uow, actor, flt, demo=is_demo(uow))
    data = render_resource_manual(view)
    record_export(uow, actor, view, "pdf")
    return data


def manual_csv_bytes(uow, actor: Actor, flt: ManualFilter = ManualFilter()) -> bytes:
    view = manual_view(uow, actor, flt)
    record_export(uow, actor, view, "csv")
    return manual_csv(view)
