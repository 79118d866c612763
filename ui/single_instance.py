"""One window per store: a lock file says a caseteam is open on it; a local socket lets a second start
ask that one to come to the front instead of bringing up a second window.

The lock is QLockFile (it holds the process id, so a crashed instance's lock is recognised as stale)
in the data folder, keyed by the store; the socket name is derived from the same key.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from caseteam import paths
from caseteam.storage.store import describe_url, resolve_target

log = logging.getLogger(__name__)

SHOW_REQUEST = b"show\n"
CONNECT_TIMEOUT_MS = 2000
READ_TIMEOUT_MS = 500


def store_location(target) -> str:
    """The same text for every way of naming one store: the real path, or the server and database."""
    resolved = resolve_target(target)
    if isinstance(resolved, str):
        return describe_url(resolved).location
    return os.path.realpath(resolved)


class SingleInstance(QObject):
    show_requested = Signal()  # another start on the same store wants this window in front

    def __init__(self, target, parent: QObject | None = None) -> None:
        super().__init__(parent)
        try:
            user = getpass.getuser()
        except Exception:  # no login name in some service accounts
            user = "local"
        self.location = store_location(target)
        key = f"{user}\0{paths.data_dir()}\0{os.path.normcase(self.location)}"
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]
        self.lock_path = paths.data_dir() / "instances" / f"{digest}.lock"
        self.server_name = f"caseteam-{digest}"
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this process may open the store (it is the first, or the lock cannot be kept
        here at all); False when another caseteam already has it open."""
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("single-instance lock not kept (%s)", type(exc).__name__)
            return True
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # held for hours: only a dead process makes it stale, never its age
        if lock.tryLock(0):
            self._lock = lock
            self._listen()
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("single-instance lock not kept (%s)", lock.error().name)
        return True

    def ask_first_to_show(self) -> bool:
        """Ask the instance that holds the store to bring its window to the front."""
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            log.warning("the open caseteam did not answer (%s)", socket.error().name)
            return False
        socket.write(SHOW_REQUEST)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @property
    def held(self) -> bool:
        return self._lock is not None

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left under this name is a crashed instance's: clear it.
        QLocalServer.removeServer(self.server_name)
        if not server.listen(self.server_name):
            log.warning("second starts cannot reach this window (%s)", server.serverError().name)
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The second start writes at once and then waits for us; a short wait keeps this simple.
            if socket.bytesAvailable() or socket.waitForReadyRead(READ_TIMEOUT_MS):
                if bytes(socket.readAll().data()).startswith(SHOW_REQUEST.strip()):
                    log.info("a second start on this store was sent to this window")
                    self.show_requested.emit()
            socket.disconnectFromServer()
            socket.deleteLater()


def bring_to_front(window) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def already_open_message(location: str) -> str:
    return (f"caseteam is already open on this store ({location}). That window was brought to the front; "
            "carry on there. Only one caseteam window works on a store at a time.")
