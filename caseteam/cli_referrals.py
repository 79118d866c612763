"""`caseteam referrals list [--organization NAME] [--status STATUS] [--overdue] [--json]`.

With --organization, the referrals to or from that organization (its inbox and outbox); a name that matches
several organizations is an error listing them. Like the screens, the list holds the referrals the signed-in
account may see: about people it may see, or to or from its own organization."""

from __future__ import annotations

import argparse

from caseteam.cli_choices import by_words

EXIT_OK = 0


def _statuses():
    from caseteam.domain.referrals import ReferralStatus

    return ReferralStatus


_status = by_words(_statuses, "status")


def add_commands(commands) -> None:
    group = commands.add_parser("referrals", help="referrals between partner organizations").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    listing = group.add_parser("list", help="referrals with their status, dates and both organizations")
    listing.add_argument("--organization", metavar="NAME",
                         help="only referrals to or from this organization (name or reference)")
    listing.add_argument("--status", type=_status, action="append",
                         help="sent, received, accepted, declined, in_progress, completed or withdrawn "
                              "(repeatable)")
    listing.add_argument("--overdue", action="store_true",
                         help="only referrals not answered by the day an answer was due")
    listing.add_argument("--json", action="store_true")


def _summary(row) -> dict:
    return dict(id=row.id, ref=row.ref, status=row.status, status_label=row.status.label, status_on=row.status_on,
                overdue=row.overdue, person_ref=row.person_ref, person=row.person_name,
                from_organization=row.from_organization_name, from_staff=row.from_staff_name or None,
                to_organization=row.to_organization_name, to_staff=row.to_staff_name or None,
                program=row.program_name or None, service=row.service, urgency=row.urgency,
                shared=list(row.shared_categories), release_ref=row.release_ref or None, sent_on=row.sent_on,
                respond_by=row.respond_by, days_open=row.days_open, decline_reason=row.decline_reason or None,
                outcome=row.outcome or None, first_task_ref=row.first_task_ref or None)


def cmd_referrals(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import organizations, referrals

    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            org = organizations.resolve_organization(uow, args.organization) if args.organization else None
            rows = referrals.list_referrals(uow, actor, organization_id=org.id if org else None,
                                            statuses=args.status, overdue_only=args.overdue)
    finally:
        store.close()
    if args.json:
        cli._print_json([_summary(r) for r in rows])
        return EXIT_OK
    cli._table(["REF", "SENT", "STATUS", "PERSON", "FROM", "TO", "SERVICE"],
               [[r.ref, cli._day(r.sent_on), r.status.label + (" (overdue)" if r.overdue else ""), r.person_name,
                 r.from_organization_name, r.to_organization_name, r.service] for r in rows])
    print(f"{len(rows)} referral{'s' if len(rows) != 1 else ''}")
    return EXIT_OK
