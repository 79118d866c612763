"""Every change the Employers section makes, each one undo step built from service inverses: a new
employer ↔ archive it, a profile save ↔ save the previous values back (stage date included), a
recorded contact ↔ remove it, a changed contact ↔ its previous values, a removed contact ↔ restore
it, a need ↔ remove it, met ↔ reopened."""

from __future__ import annotations

from typing import Any, Callable

from caseteam.services import employers, organizations

Done = Callable[[Any], None] | None


class EmployerEdits:
    def __init__(self, history, actor) -> None:
        self.history, self.actor = history, actor

    def add_employer(self, values: dict, on_done: Done = None, on_error: Done = None) -> None:
        actor, values = self.actor, dict(values)
        name = values.pop("name")
        self.history.perform(f"Add employer {name}",
                             lambda uow: employers.add_employer(uow, actor, name=name, **values),
                             lambda uow, last: organizations.set_organization_archived(uow, actor, last[0].id, True),
                             redo=lambda uow, last: organizations.set_organization_archived(uow, actor, last[0].id,
                                                                                            False),
                             on_done=on_done, on_error=on_error)

    def save_profile(self, row, changes: dict, on_done: Done = None, on_error: Done = None) -> None:
        actor, key, version = self.actor, row.organization_id, row.version
        before = {name: getattr(row, name) for name in changes}
        if "stage" in changes:
            before["stage_changed_on"] = row.stage_changed_on  # undo puts the earlier date back too
        self.history.perform(f"Save {row.name}'s profile",
                             lambda uow: employers.save_profile(uow, actor, key, version, **changes),
                             lambda uow, last: employers.save_profile(uow, actor, key, last[0].version, **before),
                             redo=lambda uow, last: employers.save_profile(uow, actor, key, last[0].version,
                                                                           **changes),
                             on_done=on_done, on_error=on_error)

    def record_contact(self, organization_id, employer: str, values: dict, on_done: Done = None,
                       on_error: Done = None) -> None:
        actor = self.actor
        self.history.perform(f"Record contact with {employer}",
                             lambda uow: employers.record_contact(uow, actor, organization_id, **values),
                             lambda uow, last: employers.remove_contact(uow, actor, last[0].id),
                             redo=lambda uow, last: employers.restore_contact(uow, actor, last[0].id),
                             on_done=on_done, on_error=on_error)

    def update_contact(self, row, changes: dict, on_done: Done = None, on_error: Done = None) -> None:
        actor, key, version = self.actor, row.id, row.version
        stored = {"contact_name": "" if row.contact_staff_id else row.contact_name, "people": row.person_ids}
        before = {name: stored[name] if name in stored else getattr(row, name) for name in changes}
        self.history.perform(f"Change contact {row.ref}",
                             lambda uow: employers.update_contact(uow, actor, key, version=version, **changes),
                             lambda uow, last: employers.update_contact(uow, actor, key, version=last[0].version,
                                                                        **before),
                             redo=lambda uow, last: employers.update_contact(uow, actor, key,
                                                                             version=last[0].version, **changes),
                             on_done=on_done, on_error=on_error)

    def remove_contact(self, row, on_done: Done = None, on_error: Done = None) -> None:
        actor, key, version = self.actor, row.id, row.version
        self.history.perform(f"Remove contact {row.ref}",
                             lambda uow: employers.remove_contact(uow, actor, key, version=version),
                             lambda uow, _last: employers.restore_contact(uow, actor, key),
                             redo=lambda uow, _last: employers.remove_contact(uow, actor, key),
                             on_done=on_done, on_error=on_error)

    def add_need(self, organization_id, values: dict, on_done: Done = None, on_error: Done = None) -> None:
        actor = self.actor
        self.history.perform("Add unmet need",
                             lambda uow: employers.add_need(uow, actor, organization_id, **values),
                             lambda uow, last: employers.set_need_archived(uow, actor, last[0].id, True),
                             redo=lambda uow, last: employers.set_need_archived(uow, actor, last[0].id, False),
                             on_done=on_done, on_error=on_error)

    def mark_need_met(self, row, met_on, on_done: Done = None, on_error: Done = None) -> None:
        actor, key, version, before = self.actor, row.id, row.version, row.met_on
        self.history.perform("Mark need met",
                             lambda uow: employers.mark_need_met(uow, actor, key, met_on=met_on, version=version),
                             lambda uow, _last: employers.mark_need_met(uow, actor, key, met_on=before),
                             redo=lambda uow, _last: employers.mark_need_met(uow, actor, key, met_on=met_on),
                             on_done=on_done, on_error=on_error)
