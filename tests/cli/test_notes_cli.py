"""`caseteam notes list`: a person's notes as the signed-in account may read them."""

from __future__ import annotations

import json
from datetime import time

from caseteam.domain.notes import ContactKind
from caseteam.services import notes, people, users
from caseteam.storage.store import open_store
from command_line import caseteam


def test_notes_list_shows_signed_notes_with_their_addenda(capsys, monkeypatch, demo_db):
    store = open_store(demo_db)
    try:
        lupe = users.sign_in(store, "jobdev", "caseteam-demo")
        with store.unit_of_work() as uow:
            person = next(r for r in people.caseload(uow, lupe) if r.lead.startswith("Lupe"))
            row, _ = notes.save_draft(uow, lupe, person.id, kind=ContactKind.SITE_VISIT, starts_at=time(9, 0),
                                      ends_at=time(10, 15), billable=True, body="Work try-out at the bakery.")
            signed, _ = notes.sign_note(uow, lupe, row.id)
            notes.add_addendum(uow, lupe, signed.id, body="The try-out was at the second location.")
    finally:
        store.close()
    monkeypatch.setenv("CASETEAM_USER", "jobdev")
    code, out, err = caseteam(capsys, "--db", demo_db, "notes", "list", "--person", person.ref, "--json")
    assert code == 0, err
    listed = json.loads(out)
    at = [n["ref"] for n in listed].index(signed.ref)
    assert listed[at]["minutes"] == 75 and listed[at]["status"] == "signed"
    assert listed[at + 1]["addendum_to_id"] == str(signed.id)  # right after the note it corrects
    assert {n["person_id"] for n in listed} == {str(person.id)}
    code, out, _ = caseteam(capsys, "--db", demo_db, "notes", "list", "--person", person.ref)
    assert code == 0 and "09:00-10:15" in out and "addendum" in out
    assert out.strip().endswith(f"{len(listed)} notes")
