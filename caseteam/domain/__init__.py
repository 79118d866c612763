"""Entities. Importing this package registers every table on `Base.metadata`."""

from . import (  # noqa: F401
    agreements, attachments, audit, billing, consent, discovery, employers, employment, funding, glossary, handovers,
    incidents, jobs, meetings, notes, organizations, partnerships, people, plans, portfolio, presence, references,
    referrals, search, store_info, tasks, teams, training, users, ventures,
)
from .base import Base

__all__ = ["Base"]
