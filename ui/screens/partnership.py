"""The Partnership section: the partnerships with their strategic plans (partnership_plans.py), the resource
map with the resource manual's exports (partnership_map.py) and the week's who is in the building
(partnership_presence.py), each a tab. They read when the section is first shown and again when a change
they show arrives."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .glossary import GlossaryTab
from .partnership_map import ResourceMapTab
from .partnership_presence import BuildingTab
from .partnership_plans import PlansTab


class PartnershipSection(QWidget):
    open_person = Signal(object)  # person id, from the resource map's people

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("partnershipSection")
        self.plans = PlansTab(ops, actor, history)
        self.map = ResourceMapTab(ops, actor, history)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Partnership pages")
        self.tabs.addTab(self.plans, "Partnerships and strategic plans")
        self.tabs.addTab(self.map, "Resource map")
        self.building = BuildingTab(ops, actor)  # the week's partners at the One-Stop
        self.tabs.addTab(self.building, "Who is in the building")
        self.glossary = GlossaryTab(ops, actor, history)  # reads when its tab is first shown
        self.tabs.addTab(self.glossary, "Glossary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)
        self.map.open_person.connect(self.open_person)
        self._loaded = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        self.plans.refresh()
        self.map.refresh()
        self.building.refresh()

    def apply_changes(self, changes) -> None:
        self.glossary.apply_changes(changes)
        if self._loaded:
            self.plans.apply_changes(changes)
            self.map.apply_changes(changes)
            self.building.apply_changes(changes)
