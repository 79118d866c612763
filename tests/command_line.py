"""Running the `caseteam` command in-process, as a user types it."""

from __future__ import annotations

from ui.launcher import main


def caseteam(capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `caseteam ARGS...`."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def exports_logged(path, entity: str, limit: int = 5) -> list[str]:
    """The formats of the latest exports of `entity` ("outcomes_report") in the audit log, newest first."""
    from caseteam.services import audit_view, users
    from caseteam.storage.store import open_store

    store = open_store(path)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            logged = audit_view.audit_entries(uow, admin, audit_view.AuditQuery(action="exported"), limit=limit)
    finally:
        store.close()
    return [e.changes["format"] for e in logged if e.entity == entity]
