"""Entities. Importing this package registers every table on `Base.metadata`."""

from . import (  # noqa: F401
    attachments, audit, consent, discovery, notes, organizations, people, plans, references, store_info,
    tasks, teams, users,
)
from .base import Base

__all__ = ["Base"]
