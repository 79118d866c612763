"""Errors a service may raise. Messages are plain language and name the field or record."""

from __future__ import annotations


class CaseteamError(Exception):
    """Base class: its message is safe to show to a user (no tracebacks, no SQL)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(CaseteamError):
    """A value the user typed is not acceptable; `field` says which one."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class NotFound(CaseteamError):
    pass


class AmbiguousName(CaseteamError):
    """A name given on the command line matches several records."""

    def __init__(self, what: str, text: str, matches: list[str]):
        listing = "\n".join(f"  {m}" for m in matches)
        super().__init__(f'"{text}" matches {len(matches)} {what}; use a reference number:\n{listing}')
        self.matches = matches


class Conflict(CaseteamError):
    """Someone else saved the record after it was loaded."""


class Locked(CaseteamError):
    """The record is final (a signed or finalised document) and cannot change."""


class PermissionDenied(CaseteamError):
    pass


class ConsentRequired(CaseteamError):
    """No active release covers the sharing; the details let the screen offer to record one."""

    def __init__(self, message: str, *, person_id=None, organization_id=None, categories=()):
        super().__init__(message)
        self.person_id, self.organization_id, self.categories = person_id, organization_id, tuple(categories)


class OverAuthorization(CaseteamError):
    pass


class StoreError(CaseteamError):
    """The database file or server cannot be used; nothing was changed."""


class NotACaseteamStore(StoreError):
    pass


class StoreTooNew(StoreError):
    pass


class UnsafeLocation(StoreError):
    pass


class AuditChainBroken(CaseteamError):
    def __init__(self, seq: int, message: str):
        super().__init__(message)
        self.seq = seq
