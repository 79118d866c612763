"""The workspace's "Funding" part (Ctrl+Shift+F): the person's authorizations with used/left bars and the
month's service entries, the cost-share plan, and milestones, each a page loaded when first shown
(PagedPart). Invoices, progress reports and agreements join as further pages through add_page."""

from __future__ import annotations

from .authorizations_page import AuthorizationsPage
from .cost_share_page import CostSharePage
from .milestones_page import MilestonesPage
from .paged_part import PagedPart

SHORTCUT = "Ctrl+Shift+F"


class FundingPart(PagedPart):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__("fundingPart", "Funding: authorizations, services, cost-share plan, milestones, invoices, progress reports "
                         "and agreements",
                         "funding", parent)
        self.authorizations = AuthorizationsPage(ops, actor, history, person_id)
        self.cost_share = CostSharePage(ops, actor, history, person_id)
        self.add_page(self.authorizations, "Authorizations and services")
        self.milestones = MilestonesPage(ops, actor, history, person_id)
        self.add_page(self.cost_share, "Cost-share plan")
        self.add_page(self.milestones, "Milestones")

    def show_record(self, record_kind: str, record_id) -> None:
        """Make current the page holding a record (a money-board line: "milestone", "invoice", "authorization",
        "service_entry", "progress_report") and choose the record there. A page not loaded yet loads now with
        the record chosen, so showing it does not load it a second time."""
        page = {"milestone": self.milestones, "invoice": self.page("Invoices"),
                "progress_report": self.page("Progress reports")}.get(record_kind) or self.authorizations
        if page not in self._loaded:
            self._loaded.append(page)
        entries = getattr(page, "entries", None)
        if record_kind == "service_entry" and entries is not None:
            page.refresh()
            entries.refresh(select=record_id)  # answers after the page's own, so the entry stays chosen
        else:
            page.refresh(select=record_id)
        self.pages.setCurrentWidget(page)

    def reach_from(self, workspace, keys: str = SHORTCUT, text: str = "Show funding"):
        """Ctrl+Shift+F anywhere in the workspace shows this part; its tab says so."""
        action = super().reach_from(workspace, keys, text)
        workspace.tabs.setTabToolTip(workspace.tabs.indexOf(self), keys)
        return action
