"""Counters behind the short reference numbers people read and type (PE-0012, TK-0341)."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ReferenceCounter(Base):
    __tablename__ = "reference_counters"

    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


REFERENCE_PREFIXES = {"person": "PE", "organization": "OR", "staff": "ST", "task": "TK", "release": "RL",
                      "case_note": "CN", "employer_contact": "EC", "negotiation": "JN", "agency_plan": "AP",
                      "job": "JB", "venture": "SE", "incident": "CI",
                      "funder": "FU", "authorization": "AU", "service_entry": "SV",
                      "milestone": "MS", "invoice": "IV", "progress_report": "PR",
                      "agreement": "AG", "meeting": "MT", "partnership": "PS", "strategic_plan": "SP",
                      "referral": "RF"}


def format_reference(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"
