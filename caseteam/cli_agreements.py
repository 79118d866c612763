"""`caseteam agreements list [--json] [--kind K] [--status S] [--expiring-days N]` and
`caseteam agreements export REF --out FILE.pdf [--for ORGANIZATION]`.

Export hands over the same bytes the window would: a final agreement's stored PDF unchanged, a draft rendered
with its DRAFT watermark. The copy is made (and audited, and for a person's agreement given to a partner,
checked against the person's releases) before the file is written, and the file is written whole or not at
all, so an exported file is never missing from the log.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from caseteam import cli_files

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SHORT_KIND = {"mou": "MOU", "wioa_mou": "WIOA MOU", "posa": "POSA", "individual": "Individual"}


def _words(text: str) -> str:
    return " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _choice(enum_name: str, what: str):
    """An argparse type taking an agreement enum's value, label or short name, in any case. The domain is
    imported only when the option is used, so `caseteam --help` stays quick."""
    def parse(text: str):
        from caseteam.domain import agreements as domain

        enum_type = getattr(domain, enum_name)
        wanted = _words(text)
        for member in enum_type:
            if wanted in {_words(member.value), _words(member.name), _words(member.label),
                          _words(SHORT_KIND.get(member.value, member.value))}:
                return member
        choices = ", ".join(m.value for m in enum_type)
        raise argparse.ArgumentTypeError(f"unknown {what} {text!r}; choose one of: {choices}")
    return parse


def _days(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days (0 or more)")
    return int(text)


def add_commands(commands) -> None:
    group = commands.add_parser("agreements", help="MOUs, purchase-of-service and individual service "
                                                   "agreements").add_subparsers(dest="action", metavar="ACTION",
                                                                                required=True)
    listing = group.add_parser("list", help="agreements with their status, parties and dates")
    listing.add_argument("--kind", type=_choice("AgreementKind", "kind"),
                         help="mou, wioa_mou, posa (purchase of service) or individual")
    listing.add_argument("--status", type=_choice("AgreementStatus", "status"),
                         help="draft, final, signed, superseded, terminated or expired")
    listing.add_argument("--expiring-days", type=_days, metavar="N",
                         help="only final or signed agreements whose term ends within N days")
    listing.add_argument("--json", action="store_true")
    export = group.add_parser("export", help="write an agreement's PDF (a final one exactly as it was locked)")
    export.add_argument("ref", metavar="REF", help="the agreement's reference (AG-0012, or 'AG-0012 v2') or id")
    export.add_argument("--out", metavar="FILE", type=Path, required=True, help="the PDF file to write")
    export.add_argument("--for", dest="recipient", metavar="ORGANIZATION",
                        help="the party the copy is for (name or reference); a person's agreement given to a "
                             "partner needs a release that covers it")


def cmd_agreements(args: argparse.Namespace) -> int:
    return _list(args) if args.action == "list" else _export(args)


def _parties(row) -> str:
    return "; ".join(p.name for p in row.parties)


def _summary(row) -> dict:
    """One agreement as --json gives it: what the list shows, plus who signs and whether they have."""
    return dict(
        id=row.id, ref=row.ref, number=row.number, version=row.revision, kind=row.kind, kind_label=row.kind.label,
        status=row.status, title=row.title, person_id=row.person_id, contract_number=row.contract_number,
        effective_from=row.effective_from, effective_to=row.effective_to, review_on=row.review_on,
        ended_on=row.ended_on, end_reason=row.end_reason, previous_id=row.previous_id,
        document_sha256=row.document_sha256 or None, signed_copy=row.signed_copy_attachment_id is not None,
        parties=[dict(name=p.name, role=p.role, organization_id=p.organization_id, person_id=p.person_id,
                      signatories=[dict(name=s.name, title=s.title, signed_on=s.signed_on) for s in p.signatories])
                 for p in row.parties])


def _list(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import agreements

    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            rows = agreements.list_agreements(uow, actor, kind=args.kind, status=args.status,
                                              expiring_within_days=args.expiring_days)
    finally:
        store.close()
    if args.json:
        cli._print_json([_summary(r) for r in rows])
        return EXIT_OK
    cli._table(["REF", "KIND", "STATUS", "TITLE", "PARTIES", "FROM", "TO"],
               [[r.ref, SHORT_KIND[r.kind.value], r.status.label, r.title, _parties(r), cli._day(r.effective_from),
                 cli._day(r.effective_to)] for r in rows])
    print(f"{len(rows)} agreement{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from caseteam.services import organizations

    def produce(uow, actor):
        row = _find(uow, actor, args.ref)
        recipient = organizations.resolve_organization(uow, args.recipient).id if args.recipient else None
        return _copy(uow, actor, row.id, recipient), row

    code, row, out = cli_files.write_from_store(args, "agreements export", "agreement.pdf", produce)
    if code != EXIT_OK:
        return code
    what = (f"the stored PDF, SHA-256 {row.document_sha256[:12]}…" if row.document_sha256
            else "a draft copy, watermarked DRAFT")
    print(f"Wrote {row.ref} ({row.status.label.lower()}, version {row.revision}) to {out}: {what}.")
    return EXIT_OK


def _find(uow, actor, text: str):
    """The version a reference names, or the one with this id (as every command takes records)."""
    import uuid

    from caseteam.services import agreement_lifecycle

    try:
        agreement_id = uuid.UUID(text.strip())
    except ValueError:
        return agreement_lifecycle.agreement_by_ref(uow, actor, text)
    return agreement_lifecycle.get_agreement(uow, actor, agreement_id)


def _copy(uow, actor, agreement_id, recipient) -> bytes:
    from caseteam.services import agreement_copies

    data, _ = agreement_copies.agreement_copy(uow, actor, agreement_id, for_organization_id=recipient,
                                              channel="export")
    return data
