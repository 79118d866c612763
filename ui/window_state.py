"""Where window geometry and splitter positions are kept (QSettings; everything else is
caseteam.settings).

With CASETEAM_HOME set (a portable install, and every test) the file lives there, so tests never
touch the real user profile; otherwise the platform's usual place for organization "caseteam".
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from caseteam import paths

ORGANIZATION = "caseteam"
APPLICATION = "caseteam"
FILENAME = "window-state.ini"


def window_settings() -> QSettings:
    if os.environ.get("CASETEAM_HOME"):
        folder = paths.ensure_data_dir()
        return QSettings(str(folder / FILENAME), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)
