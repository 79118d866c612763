"""The `caseteam` command. Imports no Qt at module level so sub-commands start fast without a display."""

from __future__ import annotations

import os
import sys
import tempfile
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
    from caseteam import cli

    with tempfile.TemporaryDirectory(prefix="caseteam-self-test-") as workdir:
        os.environ.setdefault("CASETEAM_HOME", workdir)
        code, path = cli.self_test_core(workdir)
        if code != cli.EXIT_OK:
            return code
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from ui.app import self_test as window_self_test

        code = window_self_test(path)
        print("window: ok" if code == 0 else "window: failed")
        return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
