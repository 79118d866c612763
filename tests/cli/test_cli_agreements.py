"""`caseteam agreements list` and `caseteam agreements export`, typed against a copy of the demo store: the
table and --json, the filters, a final agreement's stored bytes exported unchanged, a draft's watermark, and
the refusals (an unknown reference, a partner no release covers, a folder for --out)."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from caseteam.services import agreements, consent, users
from caseteam.storage.store import open_store
from command_line import caseteam

STATUSES = {"draft", "final", "signed", "superseded", "terminated", "expired"}


def _listed(capsys, db, *args) -> list[dict]:
    code, out, err = caseteam(capsys, "--db", db, "agreements", "list", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def _as_admin(db, work):
    store = open_store(db)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work() as uow:
            return work(uow, admin)
    finally:
        store.close()


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_list_as_a_table_and_as_json(demo_db, capsys):
    code, out, err = caseteam(capsys, "--db", demo_db, "agreements", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["REF", "KIND", "STATUS", "TITLE", "PARTIES", "FROM", "TO"]
    rows = _listed(capsys, demo_db)
    assert lines[-1] == f"{len(rows)} agreements" and len(lines) == len(rows) + 2
    assert {r["status"] for r in rows} == STATUSES
    for row, line in zip(rows, lines[1:-1]):
        assert line.startswith(row["ref"] + " ") and row["title"] in line
        assert all(p["name"] in line for p in row["parties"])
        assert date.fromisoformat(row["effective_from"]).isoformat() in line
    signed = next(r for r in rows if r["status"] == "signed")
    assert all(date.fromisoformat(s["signed_on"]) for p in signed["parties"] for s in p["signatories"])
    assert len(signed["document_sha256"]) == 64


def test_list_filters_by_kind_status_and_ending_soon(demo_db, capsys):
    posas = _listed(capsys, demo_db, "--kind", "purchase-of-service")
    assert posas and {r["kind"] for r in posas} == {"posa"}
    assert {r["ref"] for r in _listed(capsys, demo_db, "--kind", "POSA")} == {r["ref"] for r in posas}
    drafts = _listed(capsys, demo_db, "--status", "Draft")
    assert drafts and {r["status"] for r in drafts} == {"draft"}
    soon = _listed(capsys, demo_db, "--expiring-days", "60")
    today = date(2026, 11, 2)  # the demo store's day (tests/conftest.py)
    assert [r["title"] for r in soon] == ["Employment services for people with serious mental illness"]
    assert today <= date.fromisoformat(soon[0]["effective_to"]) <= today + timedelta(days=60)
    with pytest.raises(SystemExit) as done:  # argparse refuses the value before anyone signs in
        caseteam(capsys, "--db", demo_db, "agreements", "list", "--kind", "lease")
    err = capsys.readouterr().err
    assert done.value.code == 2 and "unknown kind 'lease'" in err and "posa" in err


def test_a_final_agreement_exports_its_stored_bytes_unchanged(demo_db, capsys, tmp_path):
    posa = next(r for r in _listed(capsys, demo_db, "--kind", "posa", "--status", "signed"))
    out = tmp_path / "posa.pdf"
    code, said, err = caseteam(capsys, "--db", demo_db, "agreements", "export", posa["ref"].lower(),
                               "--out", str(out))
    assert code == 0, err
    assert f"Wrote {posa['ref']} (signed, version 1) to {out}" in said
    written = out.read_bytes()
    assert hashlib.sha256(written).hexdigest() == posa["document_sha256"]
    assert written == _as_admin(demo_db, lambda uow, admin: agreements.agreement_pdf(uow, admin, uuid.UUID(posa["id"])))
    assert "DRAFT" not in _text(written)
    by_id = tmp_path / "by-id.pdf"
    code, _, err = caseteam(capsys, "--db", demo_db, "agreements", "export", posa["id"], "--out", str(by_id))
    assert code == 0, err
    assert by_id.read_bytes() == written


def test_a_draft_exports_with_its_watermark(demo_db, capsys, tmp_path):
    draft = _listed(capsys, demo_db, "--status", "draft")[0]
    out = tmp_path / "draft.pdf"
    code, said, err = caseteam(capsys, "--db", demo_db, "agreements", "export", draft["ref"], "--out", str(out))
    assert code == 0, err
    assert "watermarked DRAFT" in said
    assert "DRAFT" in _text(out.read_bytes()) and draft["title"] in _text(out.read_bytes())


def test_an_unknown_reference_is_refused_by_name(demo_db, capsys, tmp_path):
    out = tmp_path / "none.pdf"
    code, said, err = caseteam(capsys, "--db", demo_db, "agreements", "export", "AG-9999", "--out", str(out))
    assert code == 1 and said == ""
    assert "AG-9999" in err and err.startswith("caseteam agreements export:")
    assert not out.exists()
    code, _, err = caseteam(capsys, "--db", demo_db, "agreements", "export", "AG-9999", "--out", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_a_persons_agreement_for_a_partner_needs_a_covering_release(demo_db, capsys, tmp_path):
    mine = next(r for r in _listed(capsys, demo_db, "--kind", "individual") if r["status"] == "signed")
    person_id = uuid.UUID(mine["person_id"])
    assert [p["person_id"] for p in mine["parties"] if p["person_id"]] == [mine["person_id"]]
    given = tmp_path / "for-vr.pdf"
    code, _, err = caseteam(capsys, "--db", demo_db, "agreements", "export", mine["ref"], "--out", str(given),
                            "--for", "State VR")
    assert code == 0, err
    logged = _as_admin(demo_db, lambda uow, admin: consent.disclosures(uow, admin, person_id))
    assert any(mine["ref"] in d.description and "State VR" in d.recipient_name for d in logged)

    def revoke_all(uow, admin):
        for release in consent.list_releases(uow, admin, person_id):
            if release.status.value == "active":
                consent.revoke_release(uow, admin, release.id, revoked_on=uow.today(), method="Phone call",
                                       note="Asked the agencies to stop sharing.")
    _as_admin(demo_db, revoke_all)
    refused = tmp_path / "refused.pdf"
    code, said, err = caseteam(capsys, "--db", demo_db, "agreements", "export", mine["ref"], "--out", str(refused),
                               "--for", "State VR")
    assert code == 1 and said == "" and "has not agreed to share" in err
    assert not refused.exists()
    own = tmp_path / "own.pdf"  # the home organization's file copy needs no release
    code, _, err = caseteam(capsys, "--db", demo_db, "agreements", "export", mine["ref"], "--out", str(own))
    assert code == 0, err
    assert own.read_bytes() == given.read_bytes()
