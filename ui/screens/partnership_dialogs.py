"""The small forms of the Partnership section: a new partnership, a member, a representative, a plan, a
goal, a strategy and a recommended action (which becomes a task for its owner). Each is a FormDialog: the
tab runs the service on `submitted` and answers finish() or refuse(exc), so a refusal shows next to the
field it names and the input stays."""

from __future__ import annotations

from caseteam.domain.partnerships import PartnershipLevel

from ..widgets.date_field import DateField
from ..widgets.field_row import FormDialog
from ..widgets.record_form import choice, line, required, show_problems, text_box


class CheckedDialog(FormDialog):
    """Refuses, next to the field, what needs no database to refuse: the required fields left empty."""

    REQUIRED: dict[str, str] = {}

    def check(self, values: dict) -> bool:
        problems = required(values, self.REQUIRED, *self.REQUIRED)
        show_problems(self.fields, problems)
        return not problems


class PartnershipDialog(CheckedDialog):
    REQUIRED = {"name": "The partnership's name"}

    def __init__(self, parent=None) -> None:
        super().__init__("New partnership", "Add partnership", parent,
                         intro="A named set of partner organizations working together at one level.")
        line(self.fields, "name", "&Name", description="For example: Lakes County Employment First Partnership")
        choice(self.fields, "level", "&Level", [(level.label, level) for level in PartnershipLevel])
        text_box(self.fields, "description", "&Description", description="What the partnership is for")


class MemberDialog(CheckedDialog):
    REQUIRED = {"organization_id": "The organization"}

    def __init__(self, partnership_name: str, organizations, parent=None) -> None:
        super().__init__("Add member", "Add member", parent, intro=f"A partner organization joins {partnership_name}.")
        choice(self.fields, "organization_id", "&Organization", [(o.name, o.id) for o in organizations])


class RepresentativeDialog(CheckedDialog):
    REQUIRED = {"staff_id": "The staff member"}

    def __init__(self, organization_name: str, staff, parent=None) -> None:
        super().__init__("Add representative", "Add representative", parent,
                         intro=f"A staff member who speaks for {organization_name} in the partnership. Two or "
                               "more keep a member in through staff changes.")
        choice(self.fields, "staff_id", "&Staff member", [(f"{s.name} ({s.title})" if s.title else s.name, s.id)
                                                          for s in staff])
        choice(self.fields, "role", "&Role", [("Primary", "Primary"), ("Alternate", "Alternate"), ("Member", "")])


class PlanDialog(CheckedDialog):
    REQUIRED = {"title": "The plan's title"}

    def __init__(self, partnership_name: str, parent=None) -> None:
        super().__init__("New strategic plan", "Add plan", parent,
                         intro=f"A joint strategic plan of {partnership_name}.")
        line(self.fields, "title", "&Title", description="For example: Employment First Strategic Plan 2027–2028")
        text_box(self.fields, "vision", "&Vision", description="Where the partners want to be")
        text_box(self.fields, "guiding_principles", "&Guiding principles", lines=4,
                 description="One principle per line")
        self.fields.add("period_from", "Period &from", DateField("Period from"))
        self.fields.add("period_to", "Period &until", DateField("Period until"))


class GoalDialog(CheckedDialog):
    REQUIRED = {"title": "The goal"}

    def __init__(self, plan_title: str, parent=None) -> None:
        super().__init__("Add goal", "Add goal", parent, intro=f"A goal of {plan_title}.")
        line(self.fields, "title", "&Goal", description="What the partners want to achieve")
        text_box(self.fields, "description", "&Why it matters")


class StrategyDialog(CheckedDialog):
    REQUIRED = {"text": "The strategy"}

    def __init__(self, goal_title: str, parent=None) -> None:
        super().__init__("Add strategy", "Add strategy", parent, intro=f"A strategy toward the goal: {goal_title}.")
        text_box(self.fields, "text", "&Strategy", description="How the partners will reach the goal")


class ActionDialog(CheckedDialog):
    REQUIRED = {"text": "The action", "owner_organization_id": "The owner organization"}

    def __init__(self, strategy_text: str, owners, parent=None) -> None:
        super().__init__("Add recommended action", "Add action", parent,
                         intro=f"An action under the strategy: {strategy_text[:120]}. It becomes a task for the "
                               "owner organization.")
        text_box(self.fields, "text", "&Action", description="What will be done")
        choice(self.fields, "owner_organization_id", "&Owner", [(name, key) for key, name in owners],
               description="The member organization that does it")
        self.fields.add("due", "&Due", DateField("Due"))
