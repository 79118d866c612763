"""Case notes: drafts that autosave, signing (after which a note never changes), addenda that
correct a signed note, supervisor co-signature, and the person's list of notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from caseteam.domain.consent import InformationCategory
from caseteam.domain.notes import CaseNote, ContactKind, NoteParticipant, NoteStatus
from caseteam.errors import Locked, PermissionDenied, ValidationError
from caseteam.storage.queries import notes as queries

from . import access, disclosure_decisions, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text

NOTE_FIELDS = ("kind", "held_on", "starts_at", "ends_at", "zone", "place", "body", "follow_up_on", "billable",
               "mileage", "goal_key", "discovery_activity_id", "employer_id", "service", "template", "job_id")

# Prompts a template puts into an empty note, so a visit is written up the same way each time.
TEMPLATES = {
    "discovery_observation": (ContactKind.SITE_VISIT, "Setting and task observed:\n\nWhat went well:\n\n"
                              "What was hard:\n\nConditions that helped:\n\nPossible vocational themes:\n"),
    "job_coaching_visit": (ContactKind.JOB_COACHING, "Tasks worked on:\n\nPrompts and supports used:\n\n"
                           "Independence today (what the person did alone):\n\nEmployer feedback:\n\n"
                           "Plan to fade support:\n"),
    "employer_contact": (ContactKind.EMPLOYER_CONTACT, "Employer's unmet needs heard:\n\nWhat was proposed:\n\n"
                         "Disclosure (what the person agreed may be said):\n\nNext step:\n"),
    "team_meeting": (ContactKind.TEAM_MEETING, "Who attended:\n\nDecisions:\n\nAction items (who, by when):\n"),
}


@dataclass(frozen=True)
class NoteRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    kind: ContactKind
    held_on: date
    starts_at: time | None
    ends_at: time | None
    zone: str
    place: str
    body: str
    follow_up_on: date | None
    billable: bool
    mileage: Decimal | None
    participants: tuple[str, ...]
    author_id: uuid.UUID
    author_name: str
    status: NoteStatus
    signed_at: datetime | None
    cosigned_by_name: str
    cosigned_at: datetime | None
    addendum_to_id: uuid.UUID | None
    addenda: tuple[uuid.UUID, ...]
    version: int
    # What the note is about (optional links; services/note_links.py words them)
    goal_key: uuid.UUID | None = None
    discovery_activity_id: uuid.UUID | None = None
    employer_id: uuid.UUID | None = None
    job_id: uuid.UUID | None = None
    service: str = ""

    @property
    def minutes(self) -> int | None:
        """Length from the recorded start and stop times (what 15-minute units are counted from)."""
        if self.starts_at is None or self.ends_at is None:
            return None
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)


def _row(uow, note: CaseNote) -> NoteRow:
    names = queries.user_names(uow.session, {note.author_id, note.cosigned_by_id} - {None})
    return NoteRow(note.id, note.ref, note.person_id, note.kind, note.held_on, note.starts_at, note.ends_at,
                   note.zone, note.place, note.body, note.follow_up_on, note.billable, note.mileage,
                   tuple(p.name for p in note.participants), note.author_id, names.get(note.author_id, ""),
                   note.status, note.signed_at, names.get(note.cosigned_by_id, ""), note.cosigned_at,
                   note.addendum_to_id, tuple(queries.addenda_of(uow.session, note.id)), note.version,
                   note.goal_key, note.discovery_activity_id, note.employer_id, note.job_id, note.service or "")


def _clean(uow, values: dict, person_id: uuid.UUID) -> dict:
    if "kind" in values:
        values["kind"] = ContactKind(values["kind"])
    if "place" in values:
        values["place"] = (values["place"] or "").strip()[:200]
    if "mileage" in values and values["mileage"] not in (None, ""):
        try:
            miles = Decimal(str(values["mileage"]))
        except InvalidOperation:
            raise ValidationError("mileage", f'"{values["mileage"]}" is not a number of miles.') from None
        if miles < 0 or miles > 2000:
            raise ValidationError("mileage", "Mileage must be between 0 and 2,000 miles.")
        values["mileage"] = miles.quantize(Decimal("0.1"))
    elif "mileage" in values:
        values["mileage"] = None
    if "service" in values:
        values["service"] = " ".join((values["service"] or "").split())
        if len(values["service"]) > 200:
            raise ValidationError("service", "The service is at most 200 characters.")
    if values.get("employer_id") is not None:  # an employer of the pipeline, not any partner
        disclosure_decisions.employer(uow, values["employer_id"], "employer_id")
    if values.get("discovery_activity_id") is not None:
        if uow.discovery.get(values["discovery_activity_id"]).person_id != person_id:
            raise ValidationError("discovery_activity_id", "That Discovery activity is someone else's; a note "
                                                           "links only to the person's own activities.")
    if values.get("job_id") is not None:  # a follow-along contact: the job must be this person's
        from caseteam.storage.queries.employment import job as find_job

        if find_job(uow.session, values["job_id"]).person_id != person_id:
            raise ValidationError("job_id", "That job is someone else's; a note links only to the person's own jobs.")
    if values.get("template") and values["template"] not in TEMPLATES:
        raise ValidationError("template", f'There is no note template called "{values["template"]}".')
    return values


def _own_draft(uow, actor: Actor, note_id: uuid.UUID, version: int | None) -> CaseNote:
    note = queries.note(uow.session, note_id)
    access.require(uow, actor, Action.EDIT_PERSON, note.person_id)
    if note.status is NoteStatus.SIGNED:
        raise Locked(f"Note {note.ref} is signed and cannot change. Add an addendum to correct it.")
    if note.author_id != actor.user_id:
        raise PermissionDenied(f"Note {note.ref} is another author's draft; only its author can change it.")
    check_version(note, version, f"note {note.ref}")
    return note


def save_draft(uow, actor: Actor, person_id: uuid.UUID, *, note_id: uuid.UUID | None = None,
               version: int | None = None, participants: tuple[str, ...] | None = None,
               **values) -> tuple[NoteRow, Changes]:
    """Create or update the author's draft; the editor calls this as the user types (autosave)."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    unknown = sorted(set(values) - set(NOTE_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"{unknown[0]} is not part of a case note.")
    values = _clean(uow, dict(values), person_id)
    if note_id is None:
        template = values.get("template") or ""
        kind, prompts = TEMPLATES.get(template, (ContactKind.MEETING, ""))
        note = CaseNote(ref=uow.references.next("case_note"), person_id=uow.people.get(person_id).id,
                        kind=values.pop("kind", kind), held_on=values.pop("held_on", uow.today()),
                        body=values.pop("body", prompts), author_id=actor.user_id, status=NoteStatus.DRAFT,
                        billable=False, zone="", place="", service="", template=template)
        uow.add(note)
        action = "drafted"
    else:
        note = _own_draft(uow, actor, note_id, version)
        action = "draft saved"
    for name, value in values.items():
        setattr(note, name, value)
    if participants is not None:
        note.participants = [NoteParticipant(name=name.strip()[:200], position=n)
                             for n, name in enumerate(participants) if name.strip()]
    note.updated_at = uow.now()
    uow.flush()
    # Drafts are the author's own working copy: only their creation is audited, not every keystroke save.
    if action == "drafted":
        uow.audit.record(actor, note, action, changes=audit_safe({"ref": [None, note.ref]}))
    return _row(uow, note), Changes(notes=True)


def _check_complete(note: CaseNote) -> None:
    required_text("body", "What happened", note.body, max_length=20000)
    if (note.starts_at is None) != (note.ends_at is None):
        raise ValidationError("ends_at" if note.ends_at is None else "starts_at",
                              "Give both the start and the stop time, or neither.")
    if note.starts_at is not None and note.ends_at <= note.starts_at:
        raise ValidationError("ends_at", "The stop time must be after the start time.")
    if note.billable and note.starts_at is None:
        raise ValidationError("starts_at", "A billable note needs its start and stop times: funders count "
                                           "the time from them.")
    if note.follow_up_on is not None and note.follow_up_on < note.held_on:
        raise ValidationError("follow_up_on", "The follow-up date cannot be before the contact itself.")


def sign_note(uow, actor: Actor, note_id: uuid.UUID, *, version: int | None = None) -> tuple[NoteRow, Changes]:
    """The author signs: from now on the note is part of the record and never edited."""
    note = _own_draft(uow, actor, note_id, version)
    if note.held_on > uow.today():
        raise ValidationError("held_on", "A note records what happened; its date cannot be in the future.")
    _check_complete(note)
    note.status, note.signed_at, note.updated_at = NoteStatus.SIGNED, uow.now(), uow.now()
    uow.flush()
    uow.audit.record(actor, note, "signed", changes=audit_safe({
        "kind": [None, note.kind], "held_on": [None, note.held_on], "billable": [None, note.billable]}))
    return _row(uow, note), Changes(notes=True)


def add_addendum(uow, actor: Actor, note_id: uuid.UUID, *, body: str) -> tuple[NoteRow, Changes]:
    """Correct a signed note: a new signed note, dated today, pointing at the one it corrects."""
    original = queries.note(uow.session, note_id)
    access.require(uow, actor, Action.EDIT_PERSON, original.person_id)
    if original.status is not NoteStatus.SIGNED:
        raise ValidationError("note", f"Note {original.ref} is still a draft: change it instead of adding an "
                                      "addendum.")
    body = required_text("body", "The addendum", body, max_length=20000)
    addendum = CaseNote(ref=uow.references.next("case_note"), person_id=original.person_id, kind=original.kind,
                        held_on=uow.today(), body=body, author_id=actor.user_id, status=NoteStatus.SIGNED,
                        signed_at=uow.now(), billable=False, zone=original.zone, place="", service="",
                        template="", addendum_to_id=original.id)
    uow.add(addendum)
    uow.flush()
    uow.audit.record(actor, addendum, "addendum signed", changes={"corrects": [None, original.ref]})
    return _row(uow, addendum), Changes(notes=True)


def cosign_note(uow, actor: Actor, note_id: uuid.UUID) -> tuple[NoteRow, Changes]:
    """A supervisor's review, where the agency requires it before a note counts for billing."""
    note = queries.note(uow.session, note_id)
    access.require(uow, actor, Action.APPROVE, note.person_id)
    if note.status is not NoteStatus.SIGNED:
        raise ValidationError("note", f"Note {note.ref} is a draft; its author signs it first.")
    if note.author_id == actor.user_id:
        raise PermissionDenied("A note is co-signed by someone other than its author.")
    if note.cosigned_at is not None:
        raise ValidationError("note", f"Note {note.ref} is already co-signed.")
    note.cosigned_by_id, note.cosigned_at = actor.user_id, uow.now()
    uow.flush()
    uow.audit.record(actor, note, "co-signed")
    return _row(uow, note), Changes(notes=True)


def discard_draft(uow, actor: Actor, note_id: uuid.UUID, *, version: int | None = None) -> tuple[NoteRow, Changes]:
    note = _own_draft(uow, actor, note_id, version)
    note.archived_at = uow.now()
    uow.flush()
    uow.audit.record(actor, note, "draft discarded")
    return _row(uow, note), Changes(notes=True)


def counts_for_billing(row: NoteRow, *, cosign_required: bool) -> bool:
    """Signed, billable, and co-signed when the agency's setting asks for it."""
    return row.status is NoteStatus.SIGNED and row.billable and (row.cosigned_at is not None or not cosign_required)


def list_notes(uow, actor: Actor, person_id: uuid.UUID, *, kinds: tuple[ContactKind, ...] = ()) -> list[NoteRow]:
    """The person's signed notes and the reader's own drafts, newest first; addenda follow what they correct."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    return [_row(uow, n) for n in queries.notes_of(uow.session, person_id, reader_id=actor.user_id, kinds=kinds)]


def get_note(uow, actor: Actor, note_id: uuid.UUID) -> NoteRow:
    note = queries.note(uow.session, note_id)
    access.require(uow, actor, Action.VIEW_PERSON, note.person_id)
    need_to_know.require_category(uow, actor, note.person_id, InformationCategory.PLAN)
    if note.status is NoteStatus.DRAFT and note.author_id != actor.user_id:
        raise PermissionDenied(f"Note {note.ref} is another author's unsigned draft.")
    return _row(uow, note)
