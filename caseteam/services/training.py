"""The staff training log: courses, sessions (a course taught, or a partner briefing in which one partner
teaches the others its services, populations and eligibility) with who attended, and credentials with their
expiry. Completing a course that earns a credential records the credential, valid from the day of the
session for the course's number of months. Changing the log needs the partner-directory permission
(it is about staff, not about a person); every account may read it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta

from caseteam.domain.organizations import Organization
from caseteam.domain.partnerships import Partnership
from caseteam.domain.training import Course, CourseTopic, Credential, SessionKind, TrainingAttendance, TrainingSession
from caseteam.errors import ValidationError
from caseteam.storage.queries import training as queries

from . import access, attachments
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text
from .training_rows import AttendeeRow, CourseRow, CredentialRow, SessionRow

CHANGED = Changes(training=True)
RENEWAL_DAYS = 60  # a credential ending within this many days is due for renewal
COURSE_FIELDS = ("name", "topic", "provider", "hours", "credential_name", "valid_months", "description")

__all__ = ["AttendeeRow", "CourseRow", "CredentialRow", "SessionRow", "add_course", "update_course",
           "archive_course", "restore_course", "list_courses", "record_session", "add_attendee", "remove_attendee",
           "archive_session", "restore_session", "list_sessions", "get_session", "record_credential",
           "archive_credential", "restore_credential", "list_credentials", "due_for_renewal", "expired_credentials",
           "staff_may_bill", "expires_after", "TrainingChoices", "choices"]


@dataclass(frozen=True)
class TrainingChoices:
    """What the training dialogs offer: staff ("Name — Organization"), presenters and funders."""

    staff: tuple[tuple[uuid.UUID, str], ...]
    organizations: tuple[tuple[uuid.UUID, str], ...]
    funders: tuple[tuple[uuid.UUID, str], ...]
    courses: tuple[CourseRow, ...]


def choices(uow, actor: Actor) -> TrainingChoices:
    staff, orgs, funders = queries.choices(uow.session)
    return TrainingChoices(tuple((i, f"{name} — {org}") for i, name, org in staff), tuple(orgs), tuple(funders),
                           tuple(list_courses(uow, actor)))


def _may_change(actor: Actor) -> None:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)


def expires_after(held_on: date, valid_months: int | None) -> date | None:
    """The last day a credential earned on `held_on` is valid (None: it does not expire)."""
    return None if not valid_months else held_on + relativedelta(months=valid_months)


# Courses ----------------------------------------------------------------------------------------------

def _course_values(values: dict) -> dict:
    if "name" in values:
        values["name"] = required_text("name", "The course name", values["name"])
    if "topic" in values:
        try:
            values["topic"] = CourseTopic(values["topic"])
        except ValueError:
            raise ValidationError("topic", f'"{values["topic"]}" is not a course topic.') from None
    for text in ("provider", "credential_name"):
        if text in values:
            values[text] = (values[text] or "").strip()
            if len(values[text]) > 200:
                raise ValidationError(text, f"The {text.replace('_', ' ')} is at most 200 characters.")
    if "description" in values:
        values["description"] = (values["description"] or "").strip()
    if values.get("hours") not in (None, ""):
        try:
            hours = Decimal(str(values["hours"]))
        except InvalidOperation:
            raise ValidationError("hours", f'"{values["hours"]}" is not a number of hours.') from None
        if not Decimal("0") < hours <= Decimal("1000"):
            raise ValidationError("hours", "A course lasts more than 0 and at most 1,000 hours.")
        values["hours"] = hours.quantize(Decimal("0.01"))
    elif "hours" in values:
        values["hours"] = None
    if values.get("valid_months") not in (None, "", 0):
        months = values["valid_months"]
        if not isinstance(months, int) or not 1 <= months <= 240:
            raise ValidationError("valid_months", "A credential is valid for 1 to 240 months (or leave it empty "
                                                  "when it does not expire).")
    elif "valid_months" in values:
        values["valid_months"] = None
    return values


def add_course(uow, actor: Actor, *, name: str, topic: CourseTopic, provider: str = "", hours=None,
               credential_name: str = "", valid_months: int | None = None,
               description: str = "") -> tuple[CourseRow, Changes]:
    _may_change(actor)
    values = _course_values(dict(name=name, topic=topic, provider=provider, hours=hours,
                                 credential_name=credential_name, valid_months=valid_months,
                                 description=description))
    if values["valid_months"] and not values["credential_name"]:
        raise ValidationError("credential_name", "Name the credential the course earns, or leave the months empty.")
    course = uow.add(Course(**values))
    uow.flush()
    uow.audit.record(actor, course, "course added", changes=audit_safe({k: [None, v] for k, v in values.items()}))
    return CourseRow.of(course), CHANGED


def update_course(uow, actor: Actor, course_id: uuid.UUID, *, version: int | None = None,
                  **values) -> tuple[CourseRow, Changes]:
    _may_change(actor)
    course = queries.course(uow.session, course_id)
    check_version(course, version, f"the course {course.name}")
    changed = apply_fields(course, _course_values(values), COURSE_FIELDS)
    if changed:
        course.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, course, "course changed", changes=audit_safe(changed))
    return CourseRow.of(course), CHANGED


def _archive(uow, actor: Actor, entity, action: str, *, archived: bool) -> None:
    entity.archived_at = uow.now() if archived else None
    entity.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, entity, action)


def _set_archived(uow, actor: Actor, find, row_of, what: str, archived: bool):
    """Archive (or restore) one record of the log; `find(include_archived)` loads it."""
    _may_change(actor)
    entity = find(not archived)
    _archive(uow, actor, entity, f"{what} {'archived' if archived else 'restored'}", archived=archived)
    return row_of(entity), CHANGED


def archive_course(uow, actor: Actor, course_id: uuid.UUID) -> tuple[CourseRow, Changes]:
    return _set_archived(uow, actor, lambda gone: queries.course(uow.session, course_id, include_archived=gone),
                         CourseRow.of, "course", True)


def restore_course(uow, actor: Actor, course_id: uuid.UUID) -> tuple[CourseRow, Changes]:
    return _set_archived(uow, actor, lambda gone: queries.course(uow.session, course_id, include_archived=gone),
                         CourseRow.of, "course", False)


def list_courses(uow, actor: Actor) -> list[CourseRow]:
    return [CourseRow.of(c) for c in queries.courses(uow.session)]


# Sessions and attendance ------------------------------------------------------------------------------

def _session_row(uow, s: TrainingSession) -> SessionRow:
    names = {**queries.names_of(uow.session, Course, {s.course_id}),
             **queries.names_of(uow.session, Organization, {s.presenting_organization_id})}
    return SessionRow.of(s, names, queries.staff_named(uow.session, {a.staff_id for a in s.attendance}))


def _earn(uow, actor: Actor, s: TrainingSession, staff_id: uuid.UUID) -> None:
    """The credential a completed course earns (none for a briefing or a course that earns nothing)."""
    if s.course_id is None:
        return
    course = queries.course(uow.session, s.course_id, include_archived=True)
    if not course.credential_name or queries.credentials_from_session(uow.session, s.id, staff_id):
        return
    cred = uow.add(Credential(staff_id=staff_id, name=course.credential_name, issuer=course.provider,
                              issued_on=s.held_on, expires_on=expires_after(s.held_on, course.valid_months),
                              course_id=course.id, session_id=s.id))
    uow.flush()
    uow.audit.record(actor, cred, "credential earned", changes=audit_safe(
        {"name": [None, cred.name], "issued_on": [None, cred.issued_on], "expires_on": [None, cred.expires_on]}))


def _attend(uow, actor: Actor, s: TrainingSession, staff_id: uuid.UUID, completed: bool) -> None:
    staff = uow.staff.get(staff_id)
    found = queries.attendance(uow.session, s.id, staff.id)
    if found is not None and found.archived_at is None:
        raise ValidationError("attendees", f"{staff.name} is already on the list for {s.title}.")
    if found is None:
        found = uow.add(TrainingAttendance(session_id=s.id, staff_id=staff.id, completed=completed))
    else:  # taken off earlier and put back
        found.archived_at, found.completed, found.updated_at = None, completed, uow.now()
    uow.flush()
    uow.audit.record(actor, found, "attendance recorded", changes={"staff": [None, staff.ref],
                                                                  "completed": [None, completed]})
    if completed:
        _earn(uow, actor, s, staff.id)


def record_session(uow, actor: Actor, *, kind: SessionKind, title: str, held_on: date,
                   course_id: uuid.UUID | None = None, presenting_organization_id: uuid.UUID | None = None,
                   partnership_id: uuid.UUID | None = None, place: str = "", topics: str = "",
                   attendees=(), completed: bool = True) -> tuple[SessionRow, Changes]:
    """A course taught or a partner briefing held, with the staff who attended (each completing it unless
    `completed` is False). A course that earns a credential records it for each who completed it."""
    _may_change(actor)
    kind = SessionKind(kind)
    title = required_text("title", "The session's title", title)
    if not isinstance(held_on, date):
        raise ValidationError("held_on", "Give the day the session was held.")
    if held_on > uow.today() + timedelta(days=366):
        raise ValidationError("held_on", "The session is more than a year ahead; check the date.")
    if held_on > uow.today() and completed and attendees:
        raise ValidationError("completed", "The session is still ahead: nobody has completed it yet. Record it "
                                           "without completion, or once it has been held.")
    if kind is SessionKind.COURSE and course_id is None:
        raise ValidationError("course_id", "Choose the course that was taught.")
    if kind is SessionKind.PARTNER_BRIEFING and presenting_organization_id is None:
        raise ValidationError("presenting_organization_id", "Choose the partner that presented the briefing.")
    if course_id is not None:
        queries.course(uow.session, course_id)
    if presenting_organization_id is not None:
        uow.organizations.get(presenting_organization_id)
    if partnership_id is not None and uow.session.get(Partnership, partnership_id) is None:
        raise ValidationError("partnership_id", "That partnership was not found.")
    s = uow.add(TrainingSession(kind=kind, course_id=course_id, title=title, held_on=held_on,
                                presenting_organization_id=presenting_organization_id, partnership_id=partnership_id,
                                place=(place or "").strip()[:300], topics=(topics or "").strip()))
    uow.flush()
    uow.audit.record(actor, s, "training session recorded", changes=audit_safe(
        {"kind": [None, kind], "title": [None, title], "held_on": [None, held_on]}))
    for staff_id in dict.fromkeys(attendees):
        _attend(uow, actor, s, staff_id, completed)
    uow.session.refresh(s, ["attendance"])
    return _session_row(uow, s), CHANGED


def add_attendee(uow, actor: Actor, session_id: uuid.UUID, staff_id: uuid.UUID, *,
                 completed: bool = True) -> tuple[SessionRow, Changes]:
    _may_change(actor)
    s = queries.training_session(uow.session, session_id)
    _attend(uow, actor, s, staff_id, completed)
    uow.session.refresh(s, ["attendance"])
    return _session_row(uow, s), CHANGED


def remove_attendee(uow, actor: Actor, session_id: uuid.UUID, staff_id: uuid.UUID) -> tuple[SessionRow, Changes]:
    """Take someone off the list (and archive the credential the session earned them): add_attendee's inverse."""
    _may_change(actor)
    s = queries.training_session(uow.session, session_id)
    found = queries.attendance(uow.session, s.id, staff_id)
    if found is None or found.archived_at is not None:
        raise ValidationError("attendees", "That staff member is not on the list for this session.")
    _archive(uow, actor, found, "attendance removed", archived=True)
    for cred in queries.credentials_from_session(uow.session, s.id, staff_id):
        _archive(uow, actor, cred, "credential archived", archived=True)
    uow.session.refresh(s, ["attendance"])
    return _session_row(uow, s), CHANGED


def archive_session(uow, actor: Actor, session_id: uuid.UUID) -> tuple[SessionRow, Changes]:
    """Archive a session entered by mistake, with the credentials it earned."""
    _may_change(actor)
    s = queries.training_session(uow.session, session_id)
    _archive(uow, actor, s, "training session archived", archived=True)
    for cred in queries.credentials_from_session(uow.session, s.id):
        _archive(uow, actor, cred, "credential archived", archived=True)
    return _session_row(uow, s), CHANGED


def restore_session(uow, actor: Actor, session_id: uuid.UUID) -> tuple[SessionRow, Changes]:
    _may_change(actor)
    s = queries.training_session(uow.session, session_id, include_archived=True)
    _archive(uow, actor, s, "training session restored", archived=False)
    attending = {a.staff_id for a in s.attendance if a.archived_at is None and a.completed}
    for cred in queries.credentials_from_session(uow.session, s.id, archived=True):
        if cred.staff_id in attending:  # not the credential of someone taken off the list
            _archive(uow, actor, cred, "credential restored", archived=False)
    return _session_row(uow, s), CHANGED


def list_sessions(uow, actor: Actor, *, since: date | None = None) -> list[SessionRow]:
    found = queries.sessions(uow.session, since=since)
    ids = {s.course_id for s in found} | {s.presenting_organization_id for s in found}
    names = {**queries.names_of(uow.session, Course, ids), **queries.names_of(uow.session, Organization, ids)}
    staff = queries.staff_named(uow.session, {a.staff_id for s in found for a in s.attendance})
    return [SessionRow.of(s, names, staff) for s in found]


def get_session(uow, actor: Actor, session_id: uuid.UUID) -> SessionRow:
    return _session_row(uow, queries.training_session(uow.session, session_id))


# Credentials ------------------------------------------------------------------------------------------

def _credential_rows(found, today: date) -> list[CredentialRow]:
    return [CredentialRow.of(c, staff.name, org, funder, today) for c, staff, org, funder in found]


def _credential_row(uow, cred: Credential) -> CredentialRow:
    [row] = _credential_rows(queries.credentials(uow.session, staff_id=cred.staff_id, credential_id=cred.id,
                                                 include_archived=True), uow.today())
    return row


def record_credential(uow, actor: Actor, staff_id: uuid.UUID, *, name: str, issuer: str = "",
                      issued_on: date | None = None, expires_on: date | None = None,
                      required_by_funder_id: uuid.UUID | None = None, scan: bytes | None = None,
                      filename: str = "", media_type: str = "application/pdf") -> tuple[CredentialRow, Changes]:
    """A certificate or credential entered directly (not earned through a session in the log), optionally
    with the certificate's scan kept in the store."""
    _may_change(actor)
    staff = uow.staff.get(staff_id)
    name = required_text("name", "The credential's name", name)
    issuer = (issuer or "").strip()[:200]
    if issued_on is not None and issued_on > uow.today():
        raise ValidationError("issued_on", "The issue date is in the future.")
    if issued_on and expires_on and expires_on < issued_on:
        raise ValidationError("expires_on", "The credential expires before it was issued.")
    if required_by_funder_id is not None and not queries.funder_exists(uow.session, required_by_funder_id):
        raise ValidationError("required_by_funder_id", "That funder was not found.")
    cred = uow.add(Credential(staff_id=staff.id, name=name, issuer=issuer, issued_on=issued_on,
                              expires_on=expires_on, required_by_funder_id=required_by_funder_id))
    uow.flush()
    if scan is not None:
        file_name = attachments.checked_scan(scan, filename or "certificate.pdf", field="scan",
                                             name_label="The certificate's file name", again="scan it again")
        cred.attachment_id = attachments.store_file(uow, actor, "credentials", cred.id, data=scan,
                                                    filename=file_name, media_type=media_type).id
        uow.flush()
    uow.audit.record(actor, cred, "credential recorded", changes=audit_safe(
        {"staff": [None, staff.ref], "name": [None, name], "issued_on": [None, issued_on],
         "expires_on": [None, expires_on]}))
    return _credential_row(uow, cred), CHANGED


def archive_credential(uow, actor: Actor, credential_id: uuid.UUID) -> tuple[CredentialRow, Changes]:
    return _set_archived(uow, actor, lambda gone: queries.credential(uow.session, credential_id,
                                                                     include_archived=gone),
                         lambda cred: _credential_row(uow, cred), "credential", True)


def restore_credential(uow, actor: Actor, credential_id: uuid.UUID) -> tuple[CredentialRow, Changes]:
    return _set_archived(uow, actor, lambda gone: queries.credential(uow.session, credential_id,
                                                                     include_archived=gone),
                         lambda cred: _credential_row(uow, cred), "credential", False)


def list_credentials(uow, actor: Actor, *, staff_id: uuid.UUID | None = None) -> list[CredentialRow]:
    """Every live credential (or one staff member's), soonest expiry first, those with none last."""
    return _credential_rows(queries.credentials(uow.session, staff_id=staff_id), uow.today())


def due_for_renewal(uow, actor: Actor, within_days: int = RENEWAL_DAYS, *,
                    organization_id: uuid.UUID | None = None) -> list[CredentialRow]:
    """Credentials that end from today to `within_days` ahead and that no later credential of the same
    name for the same staff member renews."""
    today = uow.today()
    return _credential_rows(queries.credentials(uow.session, organization_id=organization_id, expiring_from=today,
                                                expiring_to=today + timedelta(days=within_days)), today)


def expired_credentials(uow, actor: Actor, *, organization_id: uuid.UUID | None = None) -> list[CredentialRow]:
    """Credentials that ended before today and were not renewed."""
    today = uow.today()
    return _credential_rows(queries.credentials(uow.session, organization_id=organization_id,
                                                expired_before=today), today)


def staff_may_bill(uow, staff_id: uuid.UUID, funder_id: uuid.UUID, on: date) -> bool:
    """True when the staff member holds, on the day, a credential of every name recorded as required by the
    funder (True when the funder requires none). Not yet used by billing: service entries still check the
    funder service's `required_credential` against StaffCredential (caseteam.services.service_rules)."""
    required = queries.required_names(uow.session, funder_id)
    return not required or required <= queries.current_names(uow.session, staff_id, on)
