"""`caseteam funders export --out FILE [--funder NAME ...]` and `caseteam funders import FILE`: the funder
configuration pack (services/funder_pack, format caseteam-funders/1) to and from a file.

Export writes the whole file or nothing. Import is all or nothing: a pack with anything wrong is refused with
the reason (exit 2) and the store is left as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from caseteam.errors import ValidationError

EXIT_OK, EXIT_USAGE = 0, 2


def add_commands(commands) -> None:
    funders = commands.add_parser("funders", help="funders, their services and fee schedules as a configuration "
                                                  "pack").add_subparsers(dest="action", metavar="ACTION",
                                                                         required=True)
    export = funders.add_parser("export", help="write funders and their fee schedules to a pack file (JSON)")
    export.add_argument("--out", metavar="FILE", type=Path, required=True, help="the pack file to write")
    export.add_argument("--funder", metavar="NAME", action="append", default=[],
                        help="only this funder, by name or reference (repeatable; default: every funder)")
    load = funders.add_parser("import", help="add or update funders, services and rates from a pack file")
    load.add_argument("file", metavar="FILE", type=Path, help="the pack file to read")


def _refuse(args: argparse.Namespace, message: str) -> int:
    print(f"caseteam funders {args.action}: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_funders(args: argparse.Namespace) -> int:
    return _export(args) if args.action == "export" else _import(args)


def _chosen(rows, wanted: list[str]):
    """The funders named on the command line (name or reference, any case), or the unknown name."""
    from caseteam.domain.text import fold

    by_key = {}
    for row in rows:
        by_key.setdefault(fold(row.name), row)
        by_key.setdefault(fold(row.ref), row)
    chosen = []
    for name in wanted:
        row = by_key.get(fold(" ".join(name.split())))
        if row is None:
            return None, name
        if row not in chosen:
            chosen.append(row)
    return chosen, None


def _export(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import audit_export, funder_pack, funders

    out = Path(os.path.abspath(args.out.expanduser()))
    if out.is_dir():
        return _refuse(args, f"--out {out} is a folder; give the file to write, for example {out / 'funders.json'}.")
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            rows = funders.list_funders(uow, actor)
            chosen, unknown = _chosen(rows, args.funder) if args.funder else (rows, None)
            if unknown is not None:
                known = "; ".join(r.name for r in rows) or "none"
                return _refuse(args, f'no funder is named "{unknown}". The funders are: {known}.')
            data = funder_pack.export_pack(uow, actor, [r.id for r in chosen])
    finally:
        store.close()
    audit_export.write_file(out, data)
    print(f"Wrote {len(chosen)} funder{'s' if len(chosen) != 1 else ''} with "
          f"{sum(len(r.services) for r in chosen)} services to {out}.")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import funder_pack

    path = Path(os.path.abspath(args.file.expanduser()))
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _refuse(args, f"{path} could not be read: {exc.strerror or type(exc).__name__}.")
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        try:
            with store.unit_of_work(write=True) as uow:
                summary, _changes = funder_pack.import_pack(uow, actor, data)
        except ValidationError as bad:  # the pack is wrong: nothing was written
            return _refuse(args, f"{path.name} was not imported: {bad.message} Nothing was changed.")
    finally:
        store.close()
    print(f"Imported {path.name}: {summary.words}")
    return EXIT_OK
