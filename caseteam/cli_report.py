"""`caseteam report funding --from DATE --to DATE [--format csv|xlsx|json --out FILE]`: the funding report
(cost by funder per person, utilization, milestones, blended pools, overrides; see services/funding_report).

Without --out the summary figures are printed; with it the report is written whole or not at all, and the
export is recorded in the audit log first (a file that exists is never missing from the log). The options
are checked as `caseteam outcomes` checks them (cli_outcomes.report_target).
"""

from __future__ import annotations

import argparse

from caseteam.cli_outcomes import add_period_options, run_report


def add_commands(commands, *, date_type) -> None:
    reports = commands.add_parser("report", help="reports over a period").add_subparsers(
        dest="report", metavar="REPORT", required=True)
    funding = reports.add_parser("funding", help="cost by funder per person, utilization of authorizations, "
                                                 "milestones, blended pools and overrides over a period")
    add_period_options(funding, date_type)


def cmd_report(args: argparse.Namespace) -> int:
    from caseteam.services import funding_report, funding_report_export

    def count(report) -> str:
        n = report.people
        return f"{n} {'person' if n == 1 else 'people'}"

    return run_report(args, "funding", "the funding report", compute=lambda uow, actor: funding_report.funding_report(
        uow, actor, period_from=args.since, period_to=args.until), render=funding_report_export.render,
        record=funding_report.record_export, count=count)
