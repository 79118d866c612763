"""The `caseteam` command. Imports no Qt at module level so sub-commands start fast without a display."""

from __future__ import annotations

import os
import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from caseteam import cli

    args = cli.parse_args(argv)
    if args.command is None:
        from ui.app import run

        return run(args.db, debug=args.debug)
    if args.command == "self-test":
        return self_test()
    return cli.run(args)


def self_test() -> int:
    """The core steps on a scratch store, then the window offscreen (see caseteam.self_test)."""
    from caseteam import self_test as checks

    return checks.run([checks.Step("main window", _window_step)])


def _window_step(scratch) -> str:
    # Offscreen even where a display exists: IT runs this on a workstation and expects no window.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ui.app import window_step

    scratch.store.close()  # the window opens the store itself, as it does at every start
    scratch.store = None
    pdf_path = scratch.folder / "self-test.pdf"
    pdf_path.write_bytes(scratch.pdf)
    return window_step(scratch.store_path, pdf_path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
