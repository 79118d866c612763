"""`caseteam notes list --person REF`: a person's signed case notes (and your own drafts)."""

from __future__ import annotations

import argparse


def add_commands(commands) -> None:
    notes = commands.add_parser("notes", help="case notes (the contact log)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    listing = notes.add_parser("list", help="a person's notes, newest contact first, addenda after their note")
    listing.add_argument("--person", metavar="NAME", required=True, help="the job seeker (name or reference)")
    listing.add_argument("--json", action="store_true")


def cmd_notes(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import notes, people

    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            person = people.resolve_person(uow, args.person, actor)
            rows = notes.list_notes(uow, actor, person.id)
    finally:
        store.close()
    if args.json:
        cli._print_json([{**cli.plain(r), "minutes": r.minutes} for r in rows])
        return cli.EXIT_OK
    cli._table(["REF", "DATE", "TIME", "KIND", "STATUS", "AUTHOR", "NOTE"],
               [[r.ref, r.held_on.isoformat(),
                 f"{r.starts_at:%H:%M}-{r.ends_at:%H:%M}" if r.starts_at and r.ends_at else "",
                 r.kind.label, ("addendum" if r.addendum_to_id else r.status.value), r.author_name,
                 " ".join(r.body.split())[:60]] for r in rows])
    print(f"{len(rows)} note{'s' if len(rows) != 1 else ''}")
    return cli.EXIT_OK
