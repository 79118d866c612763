"""The log file: rotating, in caseteam.paths.log_dir(), never holding people's data.

Log lines carry record ids, exception types and tracebacks; never names or typed text. Qt's own
warnings are routed into the same file.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from caseteam import paths

LOG_FILENAME = "caseteam.log"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
_qt_log = logging.getLogger("qt")


def log_file() -> Path:
    return paths.log_dir() / LOG_FILENAME


def setup_logging(*, debug: bool = False) -> Path:
    """Attach one rotating handler to the root logger (again after CASETEAM_HOME changed)."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "caseteam", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.caseteam = True
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    # SQL echo would carry people's data into the file; keep SQLAlchemy at warnings even in debug.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    qInstallMessageHandler(_qt_message)
    return path


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(kind, context, message) -> None:
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def describe_exception(exc: BaseException) -> str:
    """Stack frames and exception types, without messages: a message may quote a name or a value
    someone typed, and this text goes to the log file and the clipboard."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        frames = "".join(traceback.format_tb(current.__traceback__)) if current.__traceback__ else ""
        prefix = "Traceback (most recent call last):\n" if not parts else "Which happened while handling:\n"
        parts.append(f"{prefix}{frames}{kind.__module__}.{kind.__qualname__}\n")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "".join(parts)
