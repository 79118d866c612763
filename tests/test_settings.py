"""Per-machine settings: defaults, hand-edited files, bad values, atomic saving."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest

from caseteam.errors import ValidationError
from caseteam.settings import Settings, load_settings, read_settings, save_settings, settings_path


def test_without_a_file_the_defaults_apply_and_follow_the_data_folder(caseteam_home):
    settings = load_settings()
    assert settings == Settings(backup_folder=caseteam_home / "backups", keep_daily=7, keep_weekly=4,
                                idle_lock_minutes=10, require_note_cosign=False)
    assert settings_path() == caseteam_home / "settings.json"
    assert not settings_path().exists()  # reading never creates the file


def test_saved_settings_come_back_and_the_file_is_readable_json(caseteam_home, tmp_path):
    wanted = Settings(backup_folder=tmp_path / "Sicherungen ü", keep_daily=3, keep_weekly=0,
                      idle_lock_minutes=25, require_note_cosign=True)
    path = save_settings(wanted)
    assert load_settings() == wanted
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["backup_folder"] == str(tmp_path / "Sicherungen ü")
    assert data["idle_lock_minutes"] == 25
    # Only the file itself is left: the temporary file was renamed over it.
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def test_unknown_keys_are_ignored_on_reading_and_kept_on_saving(caseteam_home):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"keep_daily": 2, "theme_from_a_newer_version": "dark"}))
    settings = load_settings()
    assert settings.keep_daily == 2
    save_settings(dataclasses.replace(settings, keep_weekly=9))
    data = json.loads(settings_path().read_text())
    assert data["theme_from_a_newer_version"] == "dark"
    assert data["keep_weekly"] == 9 and data["keep_daily"] == 2


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", "\xff\xfe garbage"])
def test_an_unreadable_file_gives_the_defaults_and_a_log_line(caseteam_home, caplog, content):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(content.encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="caseteam.settings"):
        assert load_settings() == Settings()
    assert "default settings" in caplog.text


def test_a_bad_value_falls_back_alone_and_the_log_names_the_key(caseteam_home, caplog):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"keep_daily": -1, "keep_weekly": "four", "idle_lock_minutes": True,
                                           "require_note_cosign": "yes", "backup_folder": 5,
                                           "keep_daily_typo": 3}))
    settings, problems = read_settings()
    assert settings == Settings()
    assert len(problems) == 5
    for key in ("keep_daily", "keep_weekly", "idle_lock_minutes", "require_note_cosign", "backup_folder"):
        assert any(f"The setting {key} must" in p for p in problems), key
    settings_path().write_text(json.dumps({"keep_daily": 0, "idle_lock_minutes": 0}))
    with caplog.at_level(logging.WARNING, logger="caseteam.settings"):
        settings = load_settings()
    assert settings.keep_daily == 0  # zero days is allowed: weekly backups and the newest remain
    assert settings.idle_lock_minutes == 10
    assert "idle_lock_minutes must be a whole number from 1 to 1440" in caplog.text


def test_a_relative_backup_folder_is_inside_the_data_folder(caseteam_home):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"backup_folder": "copies"}))
    assert load_settings().backup_folder == caseteam_home / "copies"


def test_saving_a_bad_value_is_refused_naming_the_key_and_the_old_file_stays(caseteam_home):
    save_settings(Settings(keep_daily=5))
    before = settings_path().read_bytes()
    with pytest.raises(ValidationError, match="keep_weekly") as refused:
        save_settings(Settings(keep_weekly=-3))
    assert refused.value.field == "keep_weekly"
    assert settings_path().read_bytes() == before
