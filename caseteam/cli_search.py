"""`caseteam search TEXT [--json]`: the window's Find anything (Ctrl+K) in a terminal.

Every word is a prefix and all must match, ignoring case and accents ("nguy thi" finds "Nguyễn Thị");
people, organizations, staff and tasks, best match first within each kind, only what the account may see."""

from __future__ import annotations

import argparse

EXIT_OK = 0


def add_commands(commands) -> None:
    search = commands.add_parser("search", help="find people, organizations, staff and tasks by words or reference")
    search.add_argument("text", nargs="+", metavar="TEXT", help="words or a reference number (PE-0003)")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="hits of each kind (default 20)")
    search.add_argument("--json", action="store_true")


def cmd_search(args: argparse.Namespace) -> int:
    from caseteam import cli
    from caseteam.services import search

    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        with store.unit_of_work(write=False) as uow:
            hits = search.search(uow, actor, " ".join(args.text), limit=max(1, args.limit))
    finally:
        store.close()
    if args.json:
        cli._print_json([dict(kind=h.kind.value, id=h.id, ref=h.ref, title=h.title, detail=h.detail) for h in hits])
        return EXIT_OK
    cli._table(["KIND", "REF", "NAME", "DETAIL"], [[h.kind.value, h.ref, h.title, h.detail] for h in hits])
    print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}")
    return EXIT_OK
