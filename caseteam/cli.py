"""The command line: the same services as the window, from a terminal. Never imports Qt."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import os
import sys
import traceback
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Callable, Sequence

from caseteam import (__version__, cli_agreements, cli_audit, cli_backup, cli_funders, cli_manual, cli_meetings,
                      cli_notes, cli_outcomes, cli_referrals, cli_report, cli_search)
from caseteam.errors import CaseteamError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _stage(text: str):
    from caseteam.domain.people import Stage

    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for stage in Stage:
        if wanted in (stage.value, stage.label.lower().replace(" ", "_")):
            return stage
    choices = ", ".join(s.value for s in Stage)
    raise argparse.ArgumentTypeError(f"unknown stage {text!r}; choose one of: {choices}")


def _task_status(text: str):
    from caseteam.domain.tasks import TaskStatus

    try:
        return TaskStatus(text.strip().lower().replace(" ", "_"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown status {text!r}; choose one of: {', '.join(s.value for s in TaskStatus)}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseteam", description="Case management for customized-employment support teams. "
                                     "With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"caseteam {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="SQLite store file, or postgresql+psycopg://user@host/db for a shared server "
                             "(default: $CASETEAM_DB_URL, else caseteam.sqlite in $CASETEAM_HOME or the "
                             "user data folder)")
    parser.add_argument("--debug", action="store_true", help="show full details of unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty store with a demo partnership")
    demo.add_argument("--people", type=_positive, default=60, help="how many job seekers (default 60)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed; the same seed gives the same data")
    demo.add_argument("--today", type=_iso_date, help="date the demo is built around (default: today)")

    info = commands.add_parser("info", help="what the store holds")
    info.add_argument("--json", action="store_true", help="one JSON object")

    people = commands.add_parser("people", help="job seekers").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    people_list = people.add_parser("list", help="the caseload")
    people_list.add_argument("--search", metavar="TEXT", help="part of a name or a reference number")
    people_list.add_argument("--stage", type=_stage, help="only this Customized Employment stage")
    people_list.add_argument("--json", action="store_true")

    tasks = commands.add_parser("tasks", help="tasks across partner agencies").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    tasks_list = tasks.add_parser("list", help="list tasks")
    tasks_list.add_argument("--organization", metavar="NAME", help="assigned organization (name or reference)")
    tasks_list.add_argument("--staff", metavar="NAME", help="assigned staff member (name or reference)")
    tasks_list.add_argument("--person", metavar="NAME", help="job seeker (name or reference)")
    tasks_list.add_argument("--status", type=_task_status, action="append",
                            help="open, in_progress, waiting, done or cancelled (repeatable)")
    tasks_list.add_argument("--overdue", action="store_true", help="only open tasks past their due date")
    tasks_list.add_argument("--json", action="store_true")

    check = commands.add_parser("check", help="integrity check of the store and of the audit hash chain")
    check.add_argument("--rebuild-search-index", action="store_true",
                       help="first rewrite the search index from the records (administrators and supervisors)")
    commands.add_parser("upgrade", help="bring the store to this caseteam's schema (on a shared PostgreSQL "
                                        "server: run once as the database's owner role after installing)")
    cli_audit.add_commands(commands, date_type=_iso_date, count_type=_positive)
    cli_backup.add_commands(commands)
    cli_notes.add_commands(commands)
    cli_outcomes.add_commands(commands, date_type=_iso_date)
    cli_report.add_commands(commands, date_type=_iso_date)
    cli_funders.add_commands(commands)
    cli_agreements.add_commands(commands)
    cli_manual.add_commands(commands)
    cli_meetings.add_commands(commands)
    cli_referrals.add_commands(commands)
    cli_search.add_commands(commands)
    commands.add_parser("self-test", help="check this copy on a scratch store: migrations, a record, a PDF, "
                                          "the window offscreen; exit 0 or say which step failed")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(argv))


def run(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "demo": cmd_demo, "info": cmd_info, "people": cmd_people_list, "tasks": cmd_tasks_list,
        "check": cmd_check, "upgrade": cmd_upgrade, "backup": cmd_backup, "restore": cmd_restore,
        "audit": cli_audit.cmd_audit,
        "notes": cli_notes.cmd_notes,
        "outcomes": cli_outcomes.cmd_outcomes,
        "report": cli_report.cmd_report,
        "funders": cli_funders.cmd_funders,
        "agreements": cli_agreements.cmd_agreements,
        "manual": cli_manual.cmd_manual,
        "meetings": cli_meetings.cmd_meetings,
        "referrals": cli_referrals.cmd_referrals,
        "search": cli_search.cmd_search,
    }
    if args.command not in handlers:
        build_parser().print_help()
        return EXIT_USAGE
    try:
        return handlers[args.command](args)
    except CaseteamError as exc:
        print(f"caseteam: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("caseteam: stopped.", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (say `| head`) stopped early: that is not an error. Silence the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # anything else is our bug: one plain line unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"caseteam: unexpected error ({type(exc).__name__}). Run again with --debug for details.",
                  file=sys.stderr)
        return EXIT_FAILED


# --- helpers ------------------------------------------------------------------------------------

def _open(args: argparse.Namespace, *, create: bool = True):
    from caseteam.errors import StoreError
    from caseteam.storage.store import open_store

    try:
        return open_store(args.db, create=create)
    except StoreError as exc:  # an unusable store: say which backup would restore it
        raise cli_backup.with_backup_hint(exc, args.db) from None


def cmd_backup(args: argparse.Namespace) -> int:
    from caseteam.cli_sign_in import check_store_action
    from caseteam.services.access import Action

    cli_backup.store_file(args.db, "backs up")  # PostgreSQL is refused before anyone is asked to sign in
    check_store_action(args.db, Action.BACKUP)
    return cli_backup.cmd_backup(args)


def cmd_restore(args: argparse.Namespace) -> int:
    from caseteam.cli_sign_in import check_store_action
    from caseteam.services.access import Action

    cli_backup.store_file(args.db, "restores")
    check_store_action(args.db, Action.RESTORE, damaged_store_ok=True)
    return cli_backup.cmd_restore(args)


def _actor(store):
    """Every command but --version, --help and check runs as a signed-in account (see cli_sign_in)."""
    from caseteam.cli_sign_in import sign_in

    return sign_in(store)


def plain(value: Any) -> Any:
    """JSON-ready: enums as their value, dates ISO, UUIDs as text, dataclasses as objects."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime, time)):
        return value.isoformat(timespec="minutes") if isinstance(value, time) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # exact, as a string: never a float for miles or money
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(plain(value), ensure_ascii=False, indent=2))


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


# --- commands -----------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from caseteam.demo import load_demo

    from caseteam.cli_sign_in import has_accounts
    from caseteam.services import access

    store = _open(args)
    try:
        if has_accounts(store):  # an empty new store has nobody to sign in as: the demo brings its accounts
            actor = _actor(store)
            with store.unit_of_work(write=False) as uow:
                access.require(uow, actor, access.Action.MANAGE_USERS)
        summary = load_demo(store, people=args.people, seed=args.seed, today=args.today)
    finally:
        store.close()
    print(f"Demo partnership loaded into {store.description.location}: {summary.people} people, "
          f"{summary.organizations} organizations, {summary.staff} staff, {summary.tasks} tasks.")
    print("Sign in as admin, supervisor, jobdev, partner or auditor; the password is caseteam-demo.")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from caseteam.services import records

    store = _open(args)
    try:
        _actor(store)
        with store.unit_of_work(write=False) as uow:
            data = records.info(uow)
    finally:
        store.close()
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"caseteam {data['version']}, schema {data['schema_version']}")
    print(f"store: {data['database']['kind']} {data['database']['location']}")
    for key, value in data.items():
        if isinstance(value, int) and key != "schema_version":
            print(f"  {key.replace('_', ' ')}: {value}")
    return EXIT_OK


def cmd_people_list(args: argparse.Namespace) -> int:
    from caseteam.services import people

    store = _open(args)
    try:
        actor = _actor(store)
        with store.unit_of_work(write=False) as uow:
            rows = people.caseload(uow, actor, search=args.search, stage=args.stage)
    finally:
        store.close()
    if args.json:
        _print_json(rows)
        return EXIT_OK
    _table(["REF", "NAME", "STAGE", "LEAD", "OPEN TASKS", "NEXT DUE"],
           [[r.ref, r.name, r.stage.label, r.lead, str(r.open_tasks), _day(r.next_due)] for r in rows])
    print(f"{len(rows)} {'person' if len(rows) == 1 else 'people'}")
    return EXIT_OK


def cmd_tasks_list(args: argparse.Namespace) -> int:
    from caseteam.services import organizations, people, tasks
    from caseteam.storage.queries.tasks import TaskFilter

    store = _open(args)
    try:
        actor = _actor(store)
        with store.unit_of_work(write=False) as uow:
            flt = TaskFilter(
                organization_ids=(organizations.resolve_organization(uow, args.organization).id,)
                if args.organization else (),
                staff_ids=(organizations.resolve_staff(uow, args.staff).id,) if args.staff else (),
                person_ids=(people.resolve_person(uow, args.person, actor).id,) if args.person else (),
                statuses=tuple(args.status or ()),
                overdue_on=uow.today() if args.overdue else None)
            rows = tasks.list_tasks(uow, actor, flt)
            today = uow.today()
    finally:
        store.close()
    if args.json:
        _print_json([{**plain(r), "overdue": r.overdue_on(today)} for r in rows])
        return EXIT_OK
    _table(["REF", "DUE", "STATUS", "TITLE", "ORGANIZATION", "STAFF", "PERSON"],
           [[r.ref, _day(r.due) + (" (overdue)" if r.overdue_on(today) else ""), r.status.label, r.title,
             r.organization_name, r.staff_name, r.person_name] for r in rows])
    print(f"{len(rows)} task{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from caseteam.services import records

    store = _open(args, create=False)
    try:
        if getattr(args, "rebuild_search_index", False):
            actor = _actor(store)
            with store.unit_of_work() as uow:
                rows = records.rebuild_search_index(uow, actor)
            print(f"search index rebuilt: {rows} records")
        with store.unit_of_work(write=False) as uow:
            report = records.check_store(uow)
    finally:
        store.close()
    if report.ok:
        print(f"ok: store sound, audit chain of {report.chain.entries} entries intact")
        return EXIT_OK
    for problem in report.problems:
        print(f"caseteam: store damaged: {problem}", file=sys.stderr)
    if not report.chain.ok:
        print(f"caseteam: audit log broken at entry {report.chain.first_bad_seq}: {report.chain.problem}",
              file=sys.stderr)
    return EXIT_FAILED


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Opening a store migrates it; this opens it as IT's owner role, so the desks' logins need no DDL.
    An empty PostgreSQL database gets its tables; a SQLite file must already exist."""
    from caseteam.storage import migrate
    from caseteam.storage.store import resolve_target

    store = _open(args, create=isinstance(resolve_target(args.db), str))
    try:
        schema = migrate.schema_number(store.schema_revision())
        done = "upgraded now" if store.upgraded else "already up to date"
        print(f"ok: the store {store.description.location} is at schema {schema} ({done})")
    finally:
        store.close()
    return EXIT_OK
