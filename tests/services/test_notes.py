"""Case notes: drafts, signing, addenda, co-signature, billing readiness, on both engines."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest

from caseteam.domain.notes import ContactKind, NoteStatus
from caseteam.errors import Locked, PermissionDenied, ValidationError
from caseteam.services import notes
from builders import casework_desk


@pytest.fixture
def desk(store, actor):
    return casework_desk(store, actor)


def draft(desk, **values):
    with desk["store"].unit_of_work() as uow:
        row, _ = notes.save_draft(uow, desk["jobdev"], desk["ana"].id, **values)
    return row


def sign(desk, row):
    with desk["store"].unit_of_work() as uow:
        return notes.sign_note(uow, desk["jobdev"], row.id, version=row.version)[0]


def test_a_draft_autosaves_then_signed_it_never_changes(desk):
    row = draft(desk, kind=ContactKind.SITE_VISIT, body="Observed Ana at the library sorting returns.",
                starts_at=time(9, 0), ends_at=time(10, 30), billable=True, mileage="12.4",
                participants=("Alicia Moreno (circulation supervisor)",))
    assert row.status is NoteStatus.DRAFT and row.ref.startswith("CN-") and row.minutes == 90
    with desk["store"].unit_of_work() as uow:
        row, _ = notes.save_draft(uow, desk["jobdev"], desk["ana"].id, note_id=row.id, version=row.version,
                                  place="Eastside branch library")
    signed = sign(desk, row)
    assert signed.status is NoteStatus.SIGNED and signed.signed_at is not None
    assert signed.mileage == Decimal("12.4") and signed.participants == ("Alicia Moreno (circulation supervisor)",)
    with pytest.raises(Locked) as refused:
        with desk["store"].unit_of_work() as uow:
            notes.save_draft(uow, desk["jobdev"], desk["ana"].id, note_id=signed.id, body="Changed my mind")
    assert "Add an addendum" in str(refused.value)
    with desk["store"].unit_of_work(write=False) as uow:
        assert notes.get_note(uow, desk["jobdev"], signed.id).body == "Observed Ana at the library sorting returns."


def test_addenda_correct_a_signed_note_and_follow_it_in_order(desk):
    first = sign(desk, draft(desk, body="Phone call with Ana about the interview.", kind=ContactKind.PHONE))
    later = sign(desk, draft(desk, body="Team meeting.", kind=ContactKind.TEAM_MEETING,
                             held_on=desk["today"] - timedelta(days=3)))
    with desk["store"].unit_of_work() as uow:
        fix, _ = notes.add_addendum(uow, desk["jobdev"], first.id, body="The interview is on Tuesday, not Monday.")
        fix2, _ = notes.add_addendum(uow, desk["jobdev"], fix.id, body="Confirmed with the employer.")
    with desk["store"].unit_of_work(write=False) as uow:
        listed = notes.list_notes(uow, desk["jobdev"], desk["ana"].id)
    assert [n.ref for n in listed] == [first.ref, fix.ref, fix2.ref, later.ref]
    assert listed[0].addenda == (fix.id,) and listed[1].addendum_to_id == first.id
    with pytest.raises(ValidationError):
        with desk["store"].unit_of_work() as uow:
            draft_row, _ = notes.save_draft(uow, desk["jobdev"], desk["ana"].id, body="x")
            notes.add_addendum(uow, desk["jobdev"], draft_row.id, body="an addendum to a draft")


def test_signing_checks_what_funders_need_in_plain_words(desk):
    cases = [
        (dict(body=""), "body"),
        (dict(body="Visit", starts_at=time(10, 0)), "ends_at"),
        (dict(body="Visit", starts_at=time(10, 0), ends_at=time(9, 0)), "ends_at"),
        (dict(body="Visit", billable=True), "starts_at"),
    ]
    for values, field in cases:
        row = draft(desk, **values)
        with pytest.raises(ValidationError) as refused:
            sign(desk, row)
        assert refused.value.field == field, values
    with pytest.raises(ValidationError) as refused:
        draft(desk, body="x", mileage="twelve")
    assert refused.value.field == "mileage" and "twelve" in str(refused.value)
    future = draft(desk, body="Visit", held_on=desk["today"] + timedelta(days=2))
    with pytest.raises(ValidationError) as refused:
        sign(desk, future)
    assert refused.value.field == "held_on"


def test_drafts_are_their_authors_alone_and_a_supervisor_cosigns_others_notes(desk):
    row = draft(desk, body="Job coaching: stocking shelves.", kind=ContactKind.JOB_COACHING,
                starts_at=time(13, 0), ends_at=time(14, 0), billable=True)
    with desk["store"].unit_of_work(write=False) as uow:
        assert [n.ref for n in notes.list_notes(uow, desk["supervisor"], desk["ana"].id)] == []  # a draft
    with pytest.raises(PermissionDenied):
        with desk["store"].unit_of_work() as uow:
            notes.save_draft(uow, desk["supervisor"], desk["ana"].id, note_id=row.id, body="edited by another")
    signed = sign(desk, row)
    assert notes.counts_for_billing(signed, cosign_required=False)
    assert not notes.counts_for_billing(signed, cosign_required=True)
    with pytest.raises(PermissionDenied):
        with desk["store"].unit_of_work() as uow:
            notes.cosign_note(uow, desk["jobdev"], signed.id)  # job developers do not approve
    with desk["store"].unit_of_work() as uow:
        cosigned, _ = notes.cosign_note(uow, desk["supervisor"], signed.id)
    assert cosigned.cosigned_by_name == "Denise Okafor"
    assert notes.counts_for_billing(cosigned, cosign_required=True)


def test_a_template_starts_the_note_with_its_prompts(desk):
    row = draft(desk, template="job_coaching_visit")
    assert row.kind is ContactKind.JOB_COACHING and row.body.startswith("Tasks worked on:")
    with pytest.raises(ValidationError) as refused:
        draft(desk, template="poetry")
    assert refused.value.field == "template"


def test_a_discarded_draft_is_gone_from_the_list_but_kept_for_the_audit(desk):
    row = draft(desk, body="Never mind")
    with desk["store"].unit_of_work() as uow:
        notes.discard_draft(uow, desk["jobdev"], row.id, version=row.version)
    with desk["store"].unit_of_work(write=False) as uow:
        assert notes.list_notes(uow, desk["jobdev"], desk["ana"].id) == []
