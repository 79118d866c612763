"""`caseteam manual export --out FILE [--format pdf|csv] [--kind K] [--service WORDS] [--domain D]`: the
resource manual (the partner directory as partners hand it to each other) as a PDF or a CSV file.

The export is audited before the file is written, and the file is written whole or not at all."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("pdf", "csv")


def _words(text: str) -> str:
    return " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _enum_choice(module: str, enum_name: str, what: str):
    """An argparse type taking an enum's value or label in any case; the domain is imported on use only,
    so `caseteam --help` stays quick."""
    def parse(text: str):
        import importlib

        enum_type = getattr(importlib.import_module(module), enum_name)
        for member in enum_type:
            if _words(text) in {_words(member.value), _words(member.label)}:
                return member
        raise argparse.ArgumentTypeError(f"unknown {what} {text!r}; choose one of: "
                                         f"{', '.join(m.value for m in enum_type)}")
    return parse


def add_commands(commands) -> None:
    group = commands.add_parser("manual", help="the resource manual of partner organizations").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    export = group.add_parser("export", help="write the resource manual as a PDF or CSV file")
    export.add_argument("--out", metavar="FILE", type=Path, required=True, help="the file to write")
    export.add_argument("--format", choices=FORMATS,
                        help="pdf or csv (default: from the file name's ending, else pdf)")
    export.add_argument("--kind", type=_enum_choice("caseteam.domain.organizations", "OrganizationKind", "kind"),
                        help="only organizations of this kind (vr_office, crp, legal_aid, ...)")
    export.add_argument("--service", metavar="WORDS", default="",
                        help="only programs whose name, services or eligibility contain these words")
    export.add_argument("--domain", type=_enum_choice("caseteam.domain.partnerships", "LifeDomain", "life domain"),
                        help="only programs serving this life domain (housing, transportation, ...)")


def cmd_manual(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import audit_export, partnership_documents
    from caseteam.services.resource_manual import ManualFilter

    out = Path(os.path.abspath(args.out.expanduser()))
    fmt = args.format or (out.suffix.lower().lstrip(".") if out.suffix.lower().lstrip(".") in FORMATS else "pdf")
    if out.is_dir():
        print(f"caseteam manual export: --out {out} is a folder; give the file to write, for example "
              f"{out / ('manual.' + fmt)}.", file=__import__("sys").stderr)
        return EXIT_USAGE
    flt = ManualFilter(kind=args.kind, service=args.service, domain=args.domain)
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=True) as uow:
            make = partnership_documents.manual_pdf if fmt == "pdf" else partnership_documents.manual_csv_bytes
            data = make(uow, actor, flt)
    finally:
        store.close()
    audit_export.write_file(out, data)
    print(f"Wrote the resource manual ({flt.words()}) as {fmt.upper()} to {out}.")
    return EXIT_OK
