"""Command-line tests sign in as the demo administrator unless a test says otherwise."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def signed_in_as_admin(monkeypatch):
    monkeypatch.setenv("CASETEAM_USER", "admin")
    monkeypatch.setenv("CASETEAM_PASSWORD", "caseteam-demo")
