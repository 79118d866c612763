"""Facts about the store itself (for example that it holds the invented demo partnership)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

DEMO_KEY = "demo"


class StoreProperty(Base):
    __tablename__ = "store_properties"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
