"""Running the `caseteam` command in-process, as a user types it."""

from __future__ import annotations

from ui.launcher import main


def caseteam(capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `caseteam ARGS...`."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
