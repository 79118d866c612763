"""What every command that writes one file from the store shares: --out is checked before signing in, the
data is made in one unit of work (a refusal prints its message and nothing is written), and the file is
written whole."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from caseteam.errors import CaseteamError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageRefused(Exception):
    """Raised by a producer when the command line asks for something the record cannot give (exit 2)."""


def refuse(command: str, message: str, code: int) -> int:
    print(f"caseteam {command}: {message}", file=sys.stderr)
    return code


def write_from_store(args: argparse.Namespace, command: str, example: str,
                     produce: Callable[[Any, Any], tuple[bytes, Any]]) -> tuple[int, Any, Path]:
    """(exit code, what `produce(uow, actor) -> (data, result)` returned beside the data, the file written)."""
    from caseteam import cli
    from caseteam.services import audit_export

    out = Path(os.path.abspath(args.out.expanduser()))
    if out.is_dir():
        return refuse(command, f"--out {out} is a folder; give the file to write, for example {out / example}.",
                      EXIT_USAGE), None, out
    store = cli._open(args, create=False)
    try:
        actor = cli._actor(store)
        try:
            with store.unit_of_work(write=True) as uow:
                data, result = produce(uow, actor)
        except UsageRefused as asked:
            return refuse(command, str(asked), EXIT_USAGE), None, out
        except CaseteamError as refused:  # unknown record, not allowed, no covering release: nothing written
            return refuse(command, refused.message, EXIT_FAILED), None, out
    finally:
        store.close()
    audit_export.write_file(out, data)
    return EXIT_OK, result, out
