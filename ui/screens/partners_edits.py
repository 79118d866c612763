"""Every change the partner directory makes, each one undo step built from service inverses:
add ↔ archive what was added, save ↔ save the previous values back (against the newest version),
archive ↔ restore."""

from __future__ import annotations

from typing import Any, Callable

from caseteam.services import organizations as org

Done = Callable[[Any], None] | None


class DirectoryEdits:
    def __init__(self, history, actor) -> None:
        self.history, self.actor = history, actor

    # --- the three shapes of change ---------------------------------------------------------------
    def _add(self, text: str, add, set_archived, on_done: Done, on_error: Done) -> None:
        actor = self.actor
        self.history.perform(text, lambda uow: add(uow, actor),
                             lambda uow, last: set_archived(uow, actor, last[0].id, True),
                             redo=lambda uow, last: set_archived(uow, actor, last[0].id, False),
                             on_done=on_done, on_error=on_error)

    def _update(self, text: str, update, row, changes: dict, on_done: Done, on_error: Done) -> None:
        actor, key, version = self.actor, row.id, row.version
        before = {name: getattr(row, name) for name in changes}
        self.history.perform(text, lambda uow: update(uow, actor, key, version=version, **changes),
                             lambda uow, last: update(uow, actor, key, version=last[0].version, **before),
                             redo=lambda uow, last: update(uow, actor, key, version=last[0].version, **changes),
                             on_done=on_done, on_error=on_error)

    def _archive(self, text: str, set_archived, row, archived: bool, on_done: Done, on_error: Done) -> None:
        actor, key, version = self.actor, row.id, row.version
        self.history.perform(text, lambda uow: set_archived(uow, actor, key, archived, version=version),
                             lambda uow, _last: set_archived(uow, actor, key, not archived),
                             redo=lambda uow, _last: set_archived(uow, actor, key, archived),
                             on_done=on_done, on_error=on_error)

    # --- organizations ----------------------------------------------------------------------------
    def add_organization(self, values: dict, on_done: Done = None, on_error: Done = None) -> None:
        values = dict(values)
        name, kind = values.pop("name"), values.pop("kind")
        self._add(f"Add organization {name}",
                  lambda uow, actor: org.create_organization(uow, actor, name=name, kind=kind, **values),
                  org.set_organization_archived, on_done, on_error)

    def update_organization(self, row, changes: dict, on_done: Done = None, on_error: Done = None) -> None:
        self._update(f"Save {row.name}", org.update_organization, row, changes, on_done, on_error)

    def set_organization_archived(self, row, archived: bool, on_done: Done = None, on_error: Done = None) -> None:
        self._archive(f"{'Archive' if archived else 'Restore'} {row.name}", org.set_organization_archived, row,
                      archived, on_done, on_error)

    # --- programs ---------------------------------------------------------------------------------
    def add_program(self, organization_id, values: dict, on_done: Done = None, on_error: Done = None) -> None:
        values = dict(values)
        name = values.pop("name")
        self._add(f"Add program {name}",
                  lambda uow, actor: org.add_program(uow, actor, organization_id, name=name, **values),
                  org.set_program_archived, on_done, on_error)

    def update_program(self, row, changes: dict, on_done: Done = None, on_error: Done = None) -> None:
        self._update(f"Save program {row.name}", org.update_program, row, changes, on_done, on_error)

    def set_program_archived(self, row, archived: bool, on_done: Done = None, on_error: Done = None) -> None:
        self._archive(f"{'Archive' if archived else 'Restore'} program {row.name}", org.set_program_archived, row,
                      archived, on_done, on_error)

    # --- staff ------------------------------------------------------------------------------------
    def add_staff(self, organization_id, values: dict, on_done: Done = None, on_error: Done = None) -> None:
        values = dict(values)
        given, family = values.pop("given_name"), values.pop("family_name")
        self._add(f"Add staff member {given} {family}",
                  lambda uow, actor: org.add_staff(uow, actor, organization_id, given_name=given,
                                                   family_name=family, **values),
                  org.set_staff_archived, on_done, on_error)

    def update_staff(self, row, changes: dict, on_done: Done = None, on_error: Done = None) -> None:
        self._update(f"Save {row.name}", org.update_staff, row, changes, on_done, on_error)

    def set_staff_archived(self, row, archived: bool, on_done: Done = None, on_error: Done = None) -> None:
        self._archive(f"{'Archive' if archived else 'Restore'} {row.name}", org.set_staff_archived, row, archived,
                      on_done, on_error)
