"""Guards against two PySide6 6.12 reference-count bugs, applied once when the UI is imported
(the second, about None, is described at _guard_none).

With PySide6 6.12.0 on Python 3.11, `SignalInstance.emit()` and `.disconnect()` return True/False
without taking a reference for the caller. Every call then takes one reference away from the
interpreter's shared True (or False) object; after enough signals, Python aborts with "Fatal Python
error: bool_dealloc". (Python 3.12+ makes True and False immortal, so it never shows there.)

The guard measures the bug instead of trusting a version number: it calls each method a few times,
and only if the reference count of the result falls does it wrap that method to add the missing
reference back. A fixed PySide6 (or Python 3.12+) measures no loss and is left untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

_PROBES = 16
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
patched: list[str] = []


class _Probe(QObject):
    ping = Signal()


def _lost_per_call(call) -> bool:
    """True when each call takes a reference away from True or False. Whatever the probe itself
    took is given back, so the counts end exactly where they started."""
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(_PROBES):
        call()  # the result is dropped at once: a correct method leaves the counts unchanged
    after = sys.getrefcount(True), sys.getrefcount(False)
    lost = before[0] - after[0], before[1] - after[1]
    for value, count in zip((True, False), lost, strict=True):
        for _ in range(max(count, 0)):
            _incref(value)
    return sum(lost) >= _PROBES // 2


def _wrap(name: str) -> None:
    original = getattr(SignalInstance, name)

    def call(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if result is True or result is False:
            _incref(result)
        return result

    call.__name__ = name
    call.__doc__ = original.__doc__
    call.__wrapped__ = original
    setattr(SignalInstance, name, call)
    patched.append(name)


# What Python 3.12 does for None by making it immortal: a count no run of the program can use up.
_NONE_RESERVE = 1 << 40


def _guard_none() -> None:
    """PySide6 6.12 on Python 3.11 also takes a reference from None on every Qt method that returns
    nothing (QTimer.stop, setText, setEnabled...): about a million in a working day, while None
    starts with a few thousand, after which Python aborts ("none_dealloc"). When a probe measures
    the loss, None gets a reserve of references instead of a wrapper around every such method."""
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        timer.stop()
    if before - sys.getrefcount(None) >= _PROBES // 2 and sys.getrefcount(None) < _NONE_RESERVE:
        ctypes.c_ssize_t.from_address(id(None)).value += _NONE_RESERVE  # ob_refcnt is the first field
        patched.append("None")


def apply() -> None:
    if patched or getattr(SignalInstance.emit, "__wrapped__", None) is not None:
        return
    _guard_none()
    probe = _Probe()
    if _lost_per_call(probe.ping.emit):
        _wrap("emit")

    def connect_and_disconnect():
        return probe.ping.disconnect(probe.ping.connect(_noop))

    if _lost_per_call(connect_and_disconnect):
        _wrap("disconnect")


def _noop() -> None:
    pass


apply()
