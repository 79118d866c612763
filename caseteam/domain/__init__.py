"""Entities. Importing this package registers every table on `Base.metadata`."""

from . import audit, discovery, organizations, people, plans, references, tasks, teams, users  # noqa: F401
from .base import Base

__all__ = ["Base"]
