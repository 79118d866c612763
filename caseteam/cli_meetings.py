"""`caseteam meetings list [--upcoming | --past] [--kind K] [--json]` and
`caseteam meetings ics REF --out FILE.ics [--include-person] [--series]`.

The invitation says "Team meeting" and carries nothing about the job seeker unless --include-person is
given. It is made (and audited) before the file is written, and the file is written whole or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from caseteam import cli_files
from caseteam.cli_choices import by_words

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _kinds():
    from caseteam.domain.meetings import MeetingKind

    return MeetingKind


_kind = by_words(_kinds, "kind")


def add_commands(commands) -> None:
    group = commands.add_parser("meetings", help="team and partnership meetings, and their invitations").\
        add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = group.add_parser("list", help="meetings with their date, kind, status and host")
    when = listing.add_mutually_exclusive_group()
    when.add_argument("--upcoming", action="store_true", help="only planned meetings from now on, soonest first")
    when.add_argument("--past", action="store_true", help="only meetings held or already started")
    listing.add_argument("--kind", type=_kind, help="team, partner, disability_advisory_council, ...")
    listing.add_argument("--json", action="store_true")
    ics = group.add_parser("ics", help="write a meeting's calendar invitation (.ics)")
    ics.add_argument("ref", metavar="REF", help="the meeting's reference (MT-0012) or id")
    ics.add_argument("--out", metavar="FILE", type=Path, required=True, help="the .ics file to write")
    ics.add_argument("--include-person", action="store_true",
                     help="put the job seeker's name and the details in (default: 'Team meeting' only)")
    ics.add_argument("--series", action="store_true", help="the whole series, repeating, instead of one meeting")


def cmd_meetings(args: argparse.Namespace) -> int:
    return _list(args) if args.action == "list" else _ics(args)


def _summary(row) -> dict:
    return dict(id=row.id, ref=row.ref, kind=row.kind, kind_label=row.kind.label, title=row.title,
                status=row.status, starts_local=row.starts_local, zone=row.zone, starts_at=row.starts_at,
                duration_minutes=row.duration_minutes, place=row.place, call_link=row.call_link,
                host=row.host_organization_name, person_ref=row.person_ref or None,
                partnership=row.partnership_name or None, repeats=row.repeats, series_id=row.series_id,
                attendees=len(row.attendees), agenda=[a.title for a in row.agenda],
                decisions=len(row.decisions),
                action_items=[dict(text=a.text, organization=a.organization_name, staff=a.staff_name or None,
                                   due=a.due, task_ref=a.task_ref or None,
                                   task_status=a.task_status) for a in row.action_items])


def _list(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import meetings

    upcoming = True if args.upcoming else False if args.past else None
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            rows = meetings.list_meetings(uow, actor, upcoming=upcoming, kind=args.kind)
    finally:
        store.close()
    if args.json:
        cli._print_json([_summary(r) for r in rows])
        return EXIT_OK
    cli._table(["REF", "WHEN", "KIND", "STATUS", "TITLE", "HOST"],
               [[r.ref, f"{r.starts_local:%Y-%m-%d %H:%M} {r.zone}", r.kind.label, r.status.label,
                 r.title, r.host_organization_name] for r in rows])
    print(f"{len(rows)} meeting{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


def _ics(args: argparse.Namespace) -> int:
    from caseteam.services import meeting_invites, meetings

    def produce(uow, actor):
        row = meetings.get_meeting(uow, actor, args.ref)
        if args.series and row.series_id is None:
            raise cli_files.UsageRefused(f"{row.ref} does not repeat; leave out --series.")
        return meeting_invites.invitation(uow, actor, row.id, include_person=args.include_person,
                                          series=args.series), row

    code, row, out = cli_files.write_from_store(args, "meetings ics", "meeting.ics", produce)
    if code != EXIT_OK:
        return code
    what = "the series" if args.series else f"{row.starts_local:%B} {row.starts_local.day}, {row.starts_local.year}"
    private = "" if args.include_person or row.person_id is None else " (no job-seeker details)"
    print(f"Wrote the invitation for {row.ref}, {what}, to {out}{private}.")
    return EXIT_OK
