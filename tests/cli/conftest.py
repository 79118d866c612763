"""Command-line tests sign in as the demo administrator unless a test says otherwise."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def signed_in_as_admin(monkeypatch):
    monkeypatch.setenv("CASETEAM_USER", "admin")
    monkeypatch.setenv("CASETEAM_PASSWORD", "caseteam-demo")


@pytest.fixture
def demo_db(demo_template, tmp_path) -> str:
    """A copy of the demo partnership's file, for commands to open by path."""
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return str(path)
