"""A store on a network share or in a cloud-synced folder is refused; a local folder is fine."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseteam.errors import UnsafeLocation
from caseteam.storage.location import check_store_location


@pytest.mark.parametrize("path", [
    "\\\\server\\share\\x.sqlite",
    "//server/share/x.sqlite",
])
def test_network_share_is_refused(path):
    with pytest.raises(UnsafeLocation) as info:
        check_store_location(Path(path))
    assert "network share" in info.value.message
    assert "PostgreSQL" in info.value.message


@pytest.mark.parametrize("folder", ["OneDrive", "OneDrive - Northside CRP", "Dropbox", "Dropbox (Personal)",
                                    "Google Drive", "iCloud Drive", "ONEDRIVE"])
def test_synced_folder_is_refused(tmp_path, folder):
    with pytest.raises(UnsafeLocation) as info:
        check_store_location(tmp_path / folder / "caseteam" / "caseteam.sqlite")
    assert "cloud-synced" in info.value.message
    assert folder.lower() in info.value.message
    assert "PostgreSQL" in info.value.message


def test_local_folder_is_accepted(tmp_path):
    check_store_location(tmp_path / "caseteam.sqlite")
    check_store_location(tmp_path / "Case notes" / "Drive" / "caseteam.sqlite")
