"""The workspace's "Work" part: the pages of the person's road to work, each its own tab inside
(Job development, Employment, Self-employment, Portfolio, Incidents). Its key is Ctrl+Shift+J (bound by
the workspace); the paging, lazy loading and unsaved-edit contract are PagedPart's."""

from __future__ import annotations

from .paged_part import PagedPart

SHORTCUT = "Ctrl+Shift+J"


class JobsTab(PagedPart):
    def __init__(self, parent=None) -> None:
        super().__init__("jobsPart", "Work: job development, employment and follow-along", "work", parent)
