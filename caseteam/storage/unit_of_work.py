"""One transaction of work: a session, repositories, the audit recorder, clock and id source.

Services receive a UnitOfWork; they never open sessions or connections themselves.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Callable

from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from caseteam.domain.base import utcnow
from caseteam.errors import CaseteamError, Conflict, StoreError

from .audit_log import AuditLog
from .queries import lock_write_order
from .references import References
from .search_index import watch as watch_search_index
from .repositories import Repositories


class UnitOfWork(Repositories):
    def __init__(self, store, *, write: bool = True, clock: Callable[[], datetime] | None = None,
                 new_id: Callable[[], uuid.UUID] | None = None):
        self.store = store
        self.write = write
        self._clock = clock or utcnow
        self._new_id = new_id or uuid.uuid4
        self.session: Session | None = None

    # --- lifetime ---------------------------------------------------------------------------
    def __enter__(self) -> UnitOfWork:
        bind = self.store.engine.execution_options(caseteam_write=self.write)
        self.session = Session(bind=bind, expire_on_commit=False, autoflush=True)
        Repositories.__init__(self, self.session)
        self.audit = AuditLog(self)
        self.references = References(self)
        if self.write:
            lock_write_order(self.session)
            watch_search_index(self.session)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None and self.write:
                self.commit()
            elif exc_type is not None:
                self.session.rollback()
        finally:
            self.session.close()
        if exc is not None and not isinstance(exc, CaseteamError):
            translated = translate_storage_error(exc)
            if translated is not None:
                raise translated from None
        return False

    def commit(self) -> None:
        try:
            self.session.commit()
            self.audit.forget_head()  # the lock ended with the transaction
        except SQLAlchemyError as exc:
            self.session.rollback()
            translated = translate_storage_error(exc)
            if translated is not None:
                raise translated from None
            raise

    def flush(self) -> None:
        self.session.flush()

    # --- time and identity ------------------------------------------------------------------
    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        """The local calendar date of `now()`: what 'overdue' and 'due today' mean to the user."""
        return self._clock().astimezone().date()

    def new_id(self) -> uuid.UUID:
        return self._new_id()

    def add(self, entity):
        """Stamp id and instants from this unit's clock and id source, then stage the row."""
        if getattr(entity, "id", None) is None:
            entity.id = self.new_id()
        now = self.now()
        if hasattr(entity, "created_at") and entity.created_at is None:
            entity.created_at = now
        if hasattr(entity, "updated_at") and entity.updated_at is None:
            entity.updated_at = now
        self.session.add(entity)
        return entity


def translate_storage_error(exc: BaseException) -> CaseteamError | None:
    """Turn driver failures into plain messages; no SQL and no values reach the user."""
    if isinstance(exc, StaleDataError):
        return Conflict("Someone else saved this record after you opened it. Reload it to see their "
                        "change, then apply yours again.")
    if isinstance(exc, OperationalError):
        text = str(getattr(exc, "orig", exc)).lower()
        if "locked" in text or "busy" in text:
            return StoreError("The store is busy with another program's change and did not answer in time. "
                              "Nothing was lost; try again.")
        if "full" in text or "no space" in text:
            return StoreError("The disk holding the store is full, so this change was not saved. Everything "
                              "saved earlier is safe. Free some space and try again.")
        if "readonly" in text or "read-only" in text:
            return StoreError("The store is read-only for your account, so this change was not saved.")
        if "malformed" in text or "not a database" in text:
            return StoreError("The store is damaged. Nothing more was written; restore the newest backup.")
        return StoreError("The store could not be reached; nothing was saved. " + text.splitlines()[0])
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":  # PostgreSQL: insufficient_privilege
        return StoreError("The database server did not let this computer's server login do this, so nothing "
                          "was saved. Ask IT to give the login caseteam's grants (README, 'For IT').")
    if isinstance(exc, IntegrityError):
        return StoreError("This change clashes with a record already saved (a duplicate or a missing "
                          "link), so nothing was saved.")
    return None
