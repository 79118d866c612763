import pytest
from reportlab import rl_config


@pytest.fixture(autouse=True)
def invariant_pdfs(monkeypatch):
    """Same input, same bytes: no creation date or random document id in the files under test."""
    monkeypatch.setattr(rl_config, "invariant", 1)
