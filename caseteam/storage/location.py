"""Refuse store locations where SQLite's file locking is not safe: network shares, synced folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

from caseteam.errors import UnsafeLocation

SYNCED_FOLDER_MARKERS = ("onedrive", "dropbox", "google drive", "googledrive", "my drive", "icloud drive",
                         "iclouddrive", "mobile documents", "box sync", "pcloud")
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "sshfs", "fuse.sshfs",
                       "9p", "davfs", "fuse.davfs2", "fuse.rclone", "ncpfs", "glusterfs", "ceph", "fuse.s3fs"}

ADVICE = ("Keep the caseteam file on this computer's own disk, or let the office share one "
          "PostgreSQL server instead (see 'Using PostgreSQL' in the README: --db postgresql+psycopg://...).")


def check_store_location(path: Path) -> None:
    """Raise UnsafeLocation for a UNC/network path, a mapped network drive or a cloud-synced folder."""
    text = str(path)
    if text.startswith(("\\\\", "//")) or PureWindowsPath(text).drive.startswith("\\\\"):
        raise UnsafeLocation(f"The store {text} is on a network share. {ADVICE}")
    lowered = [part.lower() for part in Path(os.path.abspath(text)).parts]
    for part in lowered:
        if any(part == m or part.startswith(m + " ") or part.startswith(m + "-") for m in SYNCED_FOLDER_MARKERS):
            raise UnsafeLocation(f"The store {text} is inside a cloud-synced folder ({part}); syncing can "
                                 f"corrupt a database that is open. {ADVICE}")
    fs = filesystem_type(Path(os.path.abspath(text)))
    if fs and fs.lower() in NETWORK_FILESYSTEMS:
        raise UnsafeLocation(f"The store {text} is on a network file system ({fs}). {ADVICE}")


def filesystem_type(path: Path) -> str | None:
    """The mount's file-system type on Linux, or on Windows 'remote' for a mapped network drive."""
    if sys.platform.startswith("win"):  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(str(path))[0]
        if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
            return "smb"
        return None
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return None
    best, best_type = "", None
    target = str(path)
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type
