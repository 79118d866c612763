"""Where caseteam keeps its files: CASETEAM_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "caseteam"
STORE_FILENAME = "caseteam.sqlite"


def data_dir() -> Path:
    home = os.environ.get("CASETEAM_HOME")
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path


def ensure_data_dir() -> Path:
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store_path() -> Path:
    return data_dir() / STORE_FILENAME


def backup_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    return data_dir() / "logs"


def assets_dir() -> Path:
    """Icons and fonts shipped beside the packages (in a PyInstaller bundle, beside the executable)."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "assets" if bundle else Path(__file__).resolve().parents[1] / "assets"
