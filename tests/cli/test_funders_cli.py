"""`caseteam funders import/export`: run as a user types it (a real process) on a copy of the demo store. The
demo's sample pack, renamed so every funder is new, goes in and comes back out the same; a broken pack is
refused with its reason, exit 2, and the store keeps what it had."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from funder_packs import renamed_pack
from funder_packs import stored_funder_names as funder_names

ROOT = Path(__file__).resolve().parents[2]


def run(db, *args):
    """The command in its own process, signed in through CASETEAM_USER / CASETEAM_PASSWORD."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "ui.launcher", "--db", db, "funders", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


def comparable(funder: dict) -> dict:
    """A funder as a pack holds it, with the optional fields filled as an export writes them."""
    funder = dict(funder, program=funder.get("program", ""), rules=funder.get("rules", ""),
                  report_layout=funder.get("report_layout", ""), blended_pool=funder.get("blended_pool", False))
    funder["services"] = sorted(({"required_credential": "", "needs_first_payer_proof": False,
                                  "evidence_required": "", "milestone_event": "manual"} | s
                                 | {"rates": [{"effective_to": None} | r for r in s.get("rates", [])]}
                                 for s in funder["services"]), key=lambda s: s["code"])
    return funder


def test_the_sample_pack_goes_in_and_comes_back_out_the_same(demo_db, tmp_path):
    pack = renamed_pack(" (copy)")
    source = tmp_path / "state pack.json"
    source.write_text(json.dumps(pack), "utf-8")
    done = run(demo_db, "import", str(source))
    assert done.returncode == 0, done.stderr
    services = sum(len(f["services"]) for f in pack["funders"])
    rates = sum(len(s.get("rates", [])) for f in pack["funders"] for s in f["services"])
    assert (f"Imported state pack.json: {len(pack['funders'])} funders added, 0 updated; {services} services "
            f"added, 0 updated; {rates} rates added.") in done.stdout
    assert {f["name"] for f in pack["funders"]} <= set(funder_names(demo_db))

    out = tmp_path / "out.json"
    names = [f["name"] for f in pack["funders"]]
    done = run(demo_db, "export", "--out", str(out), *[a for n in names for a in ("--funder", n.upper())])
    assert done.returncode == 0, done.stderr
    assert f"Wrote {len(names)} funders with {services} services to {out}." in done.stdout
    written = json.loads(out.read_text("utf-8"))
    assert written["format"] == "caseteam-funders/1"
    expected = sorted((comparable(f) for f in pack["funders"]), key=lambda f: (f["organization"], f["name"]))
    got = [dict(f, services=sorted(f["services"], key=lambda s: s["code"])) for f in written["funders"]]
    assert got == expected

    again = run(demo_db, "import", str(out))  # the same pack twice changes nothing
    assert again.returncode == 0 and "0 funders added, 0 updated; 0 services added, 0 updated; 0 rates added." \
        in again.stdout


def test_a_broken_pack_is_refused_with_its_reason_and_nothing_written(demo_db, tmp_path):
    before = funder_names(demo_db)
    pack = renamed_pack(" (broken)")
    pack["funders"][-1]["services"][0]["unit"] = "fortnight"  # the last funder is wrong: the first is not kept
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(pack), "utf-8")
    done = run(demo_db, "import", str(source))
    assert done.returncode == 2
    assert 'broken.json was not imported: In the pack, "unit" for service' in done.stderr
    assert '"fortnight", which is not one of' in done.stderr and "Nothing was changed." in done.stderr
    assert "Traceback" not in done.stderr
    assert funder_names(demo_db) == before

    source.write_text("not a pack", "utf-8")
    done = run(demo_db, "import", str(source))
    assert done.returncode == 2 and "it is not JSON" in done.stderr


def test_export_names_an_unknown_funder_and_a_folder_and_writes_nothing(demo_db, tmp_path):
    out = tmp_path / "out.json"
    done = run(demo_db, "export", "--out", str(out), "--funder", "Nobody Pays")
    assert done.returncode == 2 and 'no funder is named "Nobody Pays". The funders are: ' in done.stderr
    assert not out.exists()
    done = run(demo_db, "export", "--out", str(tmp_path))
    assert done.returncode == 2 and "is a folder" in done.stderr


def test_every_funder_is_exported_without_funder_options(demo_db, tmp_path):
    out = tmp_path / "all.json"
    done = run(demo_db, "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(f["name"] for f in json.loads(out.read_text("utf-8"))["funders"]) == sorted(funder_names(demo_db))
