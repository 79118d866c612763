"""Which partners the printed resource manual covers: a kind of organization, words in a program's services
or eligibility, a life domain (each optional; none prints every partner)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.partnerships import LifeDomain
from caseteam.services.resource_manual import ManualFilter

from ..widgets.field_row import FormDialog


def _choices(every: str, items) -> QComboBox:
    box = QComboBox()
    box.addItem(every, None)
    for item in items:
        box.addItem(item.label, item)
    return box


class ManualFilterDialog(FormDialog):
    def __init__(self, fmt: str, parent=None) -> None:
        super().__init__("Resource manual", f"&Save {fmt.upper()}…", parent,
                         intro="Leave everything as it is for the whole partner directory, or narrow it.")
        self.fields.add("kind", "&Kind of organization", _choices("Every kind", OrganizationKind),
                        description="Only organizations of this kind")
        self.fields.add("service", "Se&rvices containing", QLineEdit(),
                        description="Only programs whose name, services or eligibility contain these words")
        self.fields.add("domain", "&Life domain", _choices("Every domain", LifeDomain),
                        description="Only programs that serve this life domain")

    def manual_filter(self, values: dict) -> ManualFilter:
        return ManualFilter(kind=values["kind"], service=values["service"], domain=values["domain"])
