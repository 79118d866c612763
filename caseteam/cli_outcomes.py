"""`caseteam outcomes --from DATE --to DATE [--format csv|xlsx|json --out FILE]`: the outcomes report.

Without --out the figures are printed; with it the report is written whole or not at all, and the export
is recorded in the audit log first (a file that exists is never missing from the log).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


def add_commands(commands, *, date_type) -> None:
    report = commands.add_parser("outcomes", help="placements, wages, hours, retention at 90 days and time from "
                                                  "referral to job over a period")
    add_period_options(report, date_type)


def add_period_options(parser, date_type) -> None:
    """--from, --to, --format and --out, as every report takes them."""
    parser.add_argument("--from", dest="since", type=date_type, metavar="DATE", required=True,
                        help="the first day of the period (YYYY-MM-DD)")
    parser.add_argument("--to", dest="until", type=date_type, metavar="DATE", required=True,
                        help="the last day of the period, included (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("csv", "xlsx", "json"),
                        help="the file's format (default: from the --out file name)")
    parser.add_argument("--out", metavar="FILE", type=Path, help="write the report to this file")


def report_target(args: argparse.Namespace, stem: str) -> tuple[Path | None, str | None, str | None]:
    """(the file to write or None, its format, the usage mistake in words or None), worked out before
    signing in: a usage mistake should not cost a password prompt."""
    from caseteam.services import audit_export

    if args.since > args.until:
        return None, None, (f"--from {args.since.isoformat()} is after --to {args.until.isoformat()}; the period "
                            "must start on or before its last day.")
    out = Path(os.path.abspath(args.out.expanduser())) if args.out else None
    fmt = args.format or (audit_export.format_of(out) if out else None)
    if out is not None:
        if fmt is None:
            return out, None, f"say --format csv, xlsx or json (the name {out.name} does not say which)."
        if out.is_dir():
            return out, fmt, f"--out {out} is a folder; give the file to write, for example {out / (stem + '.' + fmt)}."
    elif args.format:
        return None, fmt, "--format needs --out FILE, the file to write."
    return out, fmt, None


def print_figures(figures: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in figures)
    for label, value in figures:
        print(f"{label.ljust(width)}  {value}")


def cmd_outcomes(args: argparse.Namespace) -> int:
    from caseteam.services import outcomes, outcomes_export

    def count(report) -> str:
        n = report.placement_count
        return f"{n} placement{'s' if n != 1 else ''}"

    return run_report(args, "outcomes", "the outcomes",
                      compute=lambda uow, actor: outcomes.outcomes(uow, actor, since=args.since, until=args.until),
                      render=outcomes_export.render, record=outcomes.record_export, count=count)


def run_report(args: argparse.Namespace, stem: str, what: str, *, compute, render, record, count) -> int:
    """Check the options, sign in, compute the report; print its figures, or render it, audit the export
    and write the file. `compute(uow, actor)`, `render(report, fmt)`, `record(uow, actor, report, fmt)`,
    `count(report)` the words for how much was written ("3 placements")."""
    from caseteam import cli
    from caseteam.services import audit_export

    out, fmt, mistake = report_target(args, stem)
    if mistake:
        print(f"caseteam {args.command}{' ' + stem if args.command == 'report' else ''}: {mistake}", file=sys.stderr)
        return EXIT_USAGE
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=out is not None) as uow:
            report = compute(uow, actor)
            if out is not None:
                data = render(report, fmt)
                record(uow, actor, report, fmt)
    finally:
        store.close()
    if out is None:
        print_figures(report.figures())
        return EXIT_OK
    audit_export.write_file(out, data)
    print(f"Wrote {what} for {args.since.isoformat()} to {args.until.isoformat()} ({count(report)}) to {out} "
          f"({fmt}).")
    return EXIT_OK
