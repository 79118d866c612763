"""The demo's sample funder pack for the pack tests (command line and Funding tab), and the funders a store
holds, read back through the service as the administrator."""

from __future__ import annotations

import json
from pathlib import Path

PACK = Path(__file__).resolve().parents[1] / "caseteam" / "demo" / "packs" / "sample_state_pack.json"


def renamed_pack(suffix: str) -> dict:
    """The sample pack with every funder renamed, so a store that already holds it takes them as new."""
    pack = json.loads(PACK.read_text("utf-8"))
    for f in pack["funders"]:
        f["name"] += suffix
    return pack


def stored_funder_names(db) -> list[str]:
    from caseteam.services import funders, users
    from caseteam.storage.store import open_store

    store = open_store(db)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            return [f.name for f in funders.list_funders(uow, admin)]
    finally:
        store.close()
