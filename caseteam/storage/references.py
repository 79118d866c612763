"""Issuing short reference numbers; the counter row is locked for the transaction."""

from __future__ import annotations

from caseteam.domain.references import REFERENCE_PREFIXES, ReferenceCounter, format_reference


class References:
    def __init__(self, uow):
        self.uow = uow

    def next(self, kind: str) -> str:
        prefix = REFERENCE_PREFIXES[kind]
        session = self.uow.session
        counter = session.get(ReferenceCounter, prefix, with_for_update=True)
        if counter is None:
            counter = ReferenceCounter(prefix=prefix, last=0)
            session.add(counter)
        counter.last += 1
        return format_reference(prefix, counter.last)
