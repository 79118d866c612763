"""`caseteam report funding --from DATE --to DATE [--format csv|xlsx|json --out FILE]`: the funding report
(cost by funder per person, utilization, milestones, blended pools, overrides; see services/funding_report).

Without --out the summary figures are printed; with it the report is written whole or not at all, and the
export is recorded in the audit log first (a file that exists is never missing from the log). The options
are checked as `caseteam outcomes` checks them (cli_outcomes.report_target).
"""

from __future__ import annotations

import argparse
import sys

from caseteam.cli_outcomes import add_period_options, print_figures, report_target

EXIT_OK, EXIT_USAGE = 0, 2


def add_commands(commands, *, date_type) -> None:
    reports = commands.add_parser("report", help="reports over a period").add_subparsers(
        dest="report", metavar="REPORT", required=True)
    funding = reports.add_parser("funding", help="cost by funder per person, utilization of authorizations, "
                                                 "milestones, blended pools and overrides over a period")
    add_period_options(funding, date_type)


def _usage(message: str) -> int:
    print(f"caseteam report funding: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_report(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import audit_export, funding_report, funding_report_export

    out, fmt, mistake = report_target(args, "funding")
    if mistake:
        return _usage(mistake)
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=out is not None) as uow:
            report = funding_report.funding_report(uow, actor, period_from=args.since, period_to=args.until)
            if out is not None:
                data = funding_report_export.render(report, fmt)
                funding_report.record_export(uow, actor, report, fmt)
    finally:
        store.close()
    if out is None:
        print_figures(report.figures())
        return EXIT_OK
    audit_export.write_file(out, data)
    n = report.people
    print(f"Wrote the funding report for {args.since.isoformat()} to {args.until.isoformat()} ({n} "
          f"{'person' if n == 1 else 'people'}) to {out} ({fmt}).")
    return EXIT_OK
