"""Use cases. Each takes a UnitOfWork and an Actor and returns frozen rows and a Changes record."""

from .actors import Actor
from .changes import Changes

__all__ = ["Actor", "Changes"]
