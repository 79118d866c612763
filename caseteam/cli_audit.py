"""`caseteam audit list` and `caseteam audit export`: the audit log from a terminal, with the GUI's filters.

The actor comes from the same sign-in helper as every other command (cli._actor); the services check
that the account may read the audit log.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from caseteam.errors import CaseteamError

EXIT_OK = 0
CHANGES_WIDTH = 70  # the table's last column; --json carries every change in full


def add_commands(commands, *, date_type, count_type) -> None:
    audit = commands.add_parser("audit", help="the audit log: who did what to which record, and when").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    listing = audit.add_parser("list", help="entries, newest first")
    _filters(listing, date_type)
    listing.add_argument("--limit", type=count_type, default=50, metavar="N", help="at most N entries (default 50)")
    listing.add_argument("--json", action="store_true")
    export = audit.add_parser("export", help="every matching entry to a CSV, XLSX or JSON file (the export is "
                                             "itself logged)")
    export.add_argument("--format", choices=("csv", "xlsx", "json"), required=True)
    export.add_argument("--out", metavar="FILE", type=Path, required=True, help="the file to write")
    _filters(export, date_type)


def _filters(parser, date_type) -> None:
    parser.add_argument("--person", metavar="REF", help="entries about this person (reference number or name)")
    parser.add_argument("--user", metavar="NAME", help="entries by this account (user name or part of the name)")
    parser.add_argument("--entity", metavar="E", help="kind of record: person, task, organization, staff, ...")
    parser.add_argument("--action", dest="audit_action", metavar="A",
                        help="what was done: created, updated, opened, exported, ...")
    parser.add_argument("--since", type=date_type, metavar="DATE", help="from this local date (YYYY-MM-DD)")
    parser.add_argument("--until", type=date_type, metavar="DATE", help="up to and including this local date")


def _query(uow, actor, args: argparse.Namespace):
    from caseteam.services import audit_view, people

    return audit_view.AuditQuery(
        person_id=people.resolve_person(uow, args.person, actor).id if args.person else None,
        user_id=audit_view.resolve_user(uow, args.user)[0] if args.user else None,
        entity=audit_view.entity_named(args.entity) if args.entity else None,
        action=args.audit_action.strip() if args.audit_action else None,
        since=args.since, until=args.until)


def cmd_audit(args: argparse.Namespace) -> int:
    return {"list": _list, "export": _export}[args.action](args)


def _list(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import audit_view

    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            query = _query(uow, actor, args)
            rows = audit_view.audit_entries(uow, actor, query, limit=args.limit)
            total = audit_view.audit_count(uow, actor, query)
    finally:
        store.close()
    if args.json:
        cli._print_json(rows)
        return EXIT_OK
    cli._table(["SEQ", "WHEN", "USER", "ACTION", "RECORD", "PERSON", "CHANGES"],
               [[str(r.seq), r.at.astimezone().strftime("%Y-%m-%d %H:%M"), r.actor_name, r.action, r.record_text,
                 r.person_ref, _short("; ".join(r.change_lines() + ([f"Reason: {r.reason}"] if r.reason else [])))]
                for r in rows])
    print(f"{len(rows)} of {total} {'entry' if total == 1 else 'entries'}, newest first")
    return EXIT_OK


def _short(text: str) -> str:
    return text if len(text) <= CHANGES_WIDTH else text[:CHANGES_WIDTH - 1] + "…"


def _export(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import audit_export, audit_view

    out = Path(os.path.abspath(args.out.expanduser()))
    if out.is_dir():  # said before signing in and logging an export that cannot be written
        raise CaseteamError(f"{out} is a folder; give the file to write, for example "
                            f"{out / ('audit.' + args.format)}.")
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        # Committed before the file is written: a file that exists is never missing from the log.
        with store.unit_of_work() as uow:
            query = _query(uow, actor, args)
            count = audit_view.audit_count(uow, actor, query)
            data = audit_view.export_audit(uow, actor, query, args.format)
    finally:
        store.close()
    audit_export.write_file(out, data)
    print(f"Wrote {count} audit {'entry' if count == 1 else 'entries'} to {out} ({args.format}).")
    return EXIT_OK
