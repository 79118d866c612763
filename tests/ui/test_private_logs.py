"""The log file and the crash details never hold people's data: distinctive names go in through the
services, errors of every kind come out through ui/operations, and the names are searched for."""

from __future__ import annotations

from sqlalchemy import event

from caseteam.domain.text import fold
from caseteam.errors import StoreError
from caseteam.services import people
from caseteam.settings import Settings, save_settings
from ui.diagnostics import log_file, setup_logging

NAMES = [("Xiomara", "Quetzalli-Brightwater"), ("Zbigniew", "Ptaszyński"), ("Nguyễn Thị", "Ánh Hoàng")]


def words_of(names) -> set[str]:
    """Every part a log line could carry: as typed, accent-free and lower case."""
    found = set()
    for given, family in names:
        for part in f"{given} {family}".replace("-", " ").split():
            if len(part) > 3:
                found |= {part, fold(part), part.lower()}
    return found


def test_logs_and_crash_details_hold_no_names(qtbot, open_window, empty_path, dialogs, tmp_path, wait_idle):
    setup_logging(debug=True)  # the most talkative level a support person might ask for
    window = open_window(empty_path)
    actor, ops = window.actor, window.ops
    made = []
    for given, family in NAMES:
        ops.run(lambda uow, g=given, f=family: people.create_person(uow, actor, given_name=g, family_name=f),
                on_done=made.append)
    wait_idle(window)
    assert len(made) == len(NAMES)
    person = made[0][0]

    # 1. A service refuses, with the name in its message (the user sees it; the log must not).
    refused = []
    ops.run(lambda uow: people.create_person(uow, actor, given_name=NAMES[0][0], family_name="x" * 300),
            on_error=refused.append)
    # 2. An unexpected exception inside a service call, its message quoting the person.
    def broken(uow):
        row = people.caseload(uow, actor)[0]
        raise RuntimeError(f"could not handle {row.full_name} ({row.ref})")

    ops.run(broken, write=False)
    # 3. A screen's own callback failing with a name in hand.
    ops.run(lambda uow: people.caseload(uow, actor), write=False,
            on_done=lambda rows: (_ for _ in ()).throw(KeyError(rows[1].full_name)))
    # 4. A stale save: someone else changed the record first.
    ops.run(lambda uow: people.update_person(uow, actor, person.id, version=person.version + 7,
                                             notes=f"Called {NAMES[1][0]} about the interview"),
            on_error=refused.append)
    # 5. A full disk while saving a new person.
    def small_disk(store):
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        event.listen(store.engine, "connect",
                     lambda dbapi, _rec: dbapi.execute(f"PRAGMA max_page_count={pages}"))
        store.engine.dispose()

    ops.run_on_store(small_disk)
    ops.run(lambda uow: [people.create_person(uow, actor, given_name=NAMES[2][0], family_name=f"{NAMES[2][1]} {n}")
                         for n in range(400)], on_error=refused.append)
    # 6. A backup that cannot be written.
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    save_settings(Settings(backup_folder=blocker / "backups"))
    with qtbot.waitSignal(window.backups.backup_failed, timeout=20_000):
        window.backups.back_up_now()
    wait_idle(window)

    crash_details = dialogs.unexpected()
    assert len(crash_details) == 2, dialogs  # the service's and the callback's, each with its stack
    assert any(isinstance(e, StoreError) and "disk holding the store is full" in e.message for e in refused)
    window.close()
    text = log_file().read_text(encoding="utf-8")
    assert "unexpected error in database job" in text and "unexpected error in a screen callback" in text
    assert "RuntimeError" in text and "KeyError" in text  # the log is useful: it names what failed
    leaked = sorted(w for w in words_of(NAMES) if w in text or any(w in d for d in crash_details))
    assert leaked == [], f"personal data in the log or crash details: {leaked}"
    assert person.ref not in text  # reference numbers identify a person to anyone with the store
    dialogs.clear()  # the two unexpected errors were this test's doing
