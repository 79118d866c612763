"""What the Partnerships and strategic plans tab adds, each an undo step built from service inverses (add ↔
archive): partnerships, members, representatives, plans, goals, strategies and recommended actions (the
action's task is archived and restored with it). The tab says what is chosen; this asks for the details in
a dialog, runs the service, and reloads the tab."""

from __future__ import annotations

from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations, partnerships, strategic_actions, strategic_plans

from . import partnership_dialogs as dialogs


class PlanEdits:
    def __init__(self, tab) -> None:
        self.tab = tab
        self.dialog = None  # the open dialog, for tests

    @property
    def actor(self):
        return self.tab.actor

    def _open(self, dialog, text: str, do, archive, reload) -> None:
        """`do(uow, values)` adds; `archive(uow, key, archived)` is its inverse and redo."""
        self.dialog = dialog

        def key(last):  # a row, or the bare id the plan's parts come back as
            return getattr(last[0], "id", last[0])

        def submitted(values: dict) -> None:
            self.tab.history.perform(text, lambda uow: do(uow, values),
                                     lambda uow, last: archive(uow, key(last), True),
                                     redo=lambda uow, last: archive(uow, key(last), False),
                                     on_done=lambda result: (dialog.finish(result), reload()),
                                     on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        dialog.open()

    # --- partnerships and members -------------------------------------------------------------------
    def new_partnership(self) -> None:
        actor = self.actor
        self._open(dialogs.PartnershipDialog(self.tab), "Add partnership",
                   lambda uow, v: partnerships.create_partnership(uow, actor, **v),
                   lambda uow, key, archived: partnerships.set_partnership_archived(uow, actor, key, archived),
                   self.tab.refresh)

    def add_member(self) -> None:
        detail, actor = self.tab.detail, self.actor
        if detail is None:
            return
        present = {m.organization_id for m in detail.members}

        def ask(rows) -> None:
            choices = [r for r in rows if r.kind is not OrganizationKind.EMPLOYER and r.id not in present]
            self._open(dialogs.MemberDialog(detail.partnership.name, choices, self.tab),
                       "Add partnership member",
                       lambda uow, v: partnerships.add_member(uow, actor, detail.partnership.id, v["organization_id"]),
                       lambda uow, key, archived: partnerships.set_member_archived(uow, actor, key, archived),
                       self.tab.load_partnership)

        self.tab.ops.run(lambda uow: organizations.list_organizations(uow, actor), on_done=ask, write=False)

    def add_representative(self) -> None:
        member, actor = self.tab.current_member(), self.actor
        if member is None:
            return
        present = {r.staff_id for r in member.representatives}

        def ask(detail) -> None:
            staff = [s for s in detail.staff if s.active and not s.archived and s.id not in present]
            self._open(dialogs.RepresentativeDialog(member.organization_name, staff, self.tab), "Add representative",
                       lambda uow, v: partnerships.add_representative(uow, actor, member.id, v["staff_id"],
                                                                      role=v["role"]),
                       lambda uow, key, archived: partnerships.set_representative_archived(uow, actor, key, archived),
                       self.tab.load_partnership)

        self.tab.ops.run(lambda uow: organizations.get_organization_detail(uow, actor, member.organization_id),
                         on_done=ask, write=False)

    # --- the plan -----------------------------------------------------------------------------------
    def new_plan(self) -> None:
        detail, actor = self.tab.detail, self.actor
        if detail is None:
            return
        self._open(dialogs.PlanDialog(detail.partnership.name, self.tab), "Add strategic plan",
                   lambda uow, v: strategic_plans.create_plan(uow, actor, detail.partnership.id, **v),
                   lambda uow, key, archived: strategic_plans.set_plan_archived(uow, actor, key, archived),
                   self.tab.load_partnership)

    def add_goal(self) -> None:
        plan, actor = self.tab.plan, self.actor
        if plan is None:
            return
        self._open(dialogs.GoalDialog(plan.plan.title, self.tab), "Add goal",
                   lambda uow, v: strategic_plans.add_goal(uow, actor, plan.plan.id, **v),
                   lambda uow, key, archived: strategic_plans.set_goal_archived(uow, actor, key, archived),
                   self.tab.load_plan)

    def add_strategy(self) -> None:
        goal, actor = self.tab.current_goal(), self.actor
        if goal is None:
            return
        self._open(dialogs.StrategyDialog(goal.title, self.tab), "Add strategy",
                   lambda uow, v: strategic_plans.add_strategy(uow, actor, goal.id, text=v["text"]),
                   lambda uow, key, archived: strategic_plans.set_strategy_archived(uow, actor, key, archived),
                   self.tab.load_plan)

    def add_action(self) -> None:
        strategy, actor = self.tab.current_strategy(), self.actor
        if strategy is None or self.tab.detail is None:
            return
        owners = [(m.organization_id, m.organization_name) for m in self.tab.detail.members]
        self._open(dialogs.ActionDialog(strategy.text, owners, self.tab), "Add recommended action",
                   lambda uow, v: strategic_actions.add_action(uow, actor, strategy.id, **v),
                   lambda uow, key, archived: strategic_actions.set_action_archived(uow, actor, key, archived),
                   self.tab.load_plan)
