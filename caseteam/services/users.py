"""User accounts: the first administrator, sign-in with a growing lockout, and account management."""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from caseteam.domain.users import Role, User
from caseteam.errors import PermissionDenied, ValidationError

from . import passwords
from .access import Action, require
from .actors import Actor
from .changes import Changes
from .editing import check_version, required_text

SYSTEM_USERNAME = "caseteam-local"
LOCK_AFTER_FAILURES = 3
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)
WRONG = "The user name or password is not right."


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    staff_id: uuid.UUID | None
    staff_name: str
    organization_name: str
    active: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None
    must_change_password: bool
    version: int

    @classmethod
    def of(cls, u: User) -> UserRow:
        staff = u.staff
        return cls(u.id, u.username, u.display_name, u.role, u.staff_id, staff.name if staff else "",
                   staff.organization.name if staff else "", u.active, u.locked_until, u.last_sign_in_at,
                   u.must_change_password, u.version)


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt: an actor, or a message saying why not (already plain language)."""

    actor: Actor | None
    message: str = ""
    must_change_password: bool = False


def _by_username(uow, username: str) -> User | None:
    return uow.session.scalars(select(User).where(User.username == username.strip().lower())).one_or_none()


def _people_accounts(uow):
    return select(User).where(User.password_hash.is_not(None), User.archived_at.is_(None))


def has_accounts(uow) -> bool:
    """False on a new store: the first start creates the administrator."""
    return uow.session.scalars(_people_accounts(uow).limit(1)).first() is not None


def _clean_username(username: str) -> str:
    name = required_text("username", "User name", username, max_length=80).lower()
    if not all(ch.isalnum() or ch in "._-" for ch in name):
        raise ValidationError("username", "A user name may hold letters, digits, dots, dashes and underscores.")
    return name


def _new_user(uow, *, username: str, display_name: str, role: Role, password: str | None,
              staff_id: uuid.UUID | None, check: bool = True, salt: bytes | None = None) -> User:
    username = _clean_username(username)
    display_name = required_text("display_name", "Full name", display_name)
    if _by_username(uow, username) is not None:
        raise ValidationError("username", f'The user name "{username}" is taken.')
    if staff_id is not None:
        uow.staff.get(staff_id)
    if role in (Role.JOB_DEVELOPER, Role.PARTNER_STAFF, Role.SUPERVISOR) and staff_id is None:
        raise ValidationError("staff", f"A {role.label.lower()} account must be linked to a staff member, so "
                                       "caseteam knows which organization and teams it works for.")
    if password is not None and check:
        passwords.check_strength(password, user_inputs=(username, *display_name.split()))
    user = User(username=username, display_name=display_name, role=role, staff_id=staff_id,
                password_hash=passwords.hash_password(password, salt=salt) if password is not None else None,
                active=True,
                failed_sign_ins=0, must_change_password=False)
    uow.add(user)
    uow.flush()
    return user


def create_first_administrator(uow, *, username: str, display_name: str, password: str) -> Actor:
    """Only on a store with no accounts yet; the new administrator is the actor of its own creation."""
    if has_accounts(uow):
        raise PermissionDenied("This store already has an administrator; sign in instead.")
    user = _new_user(uow, username=username, display_name=display_name, role=Role.ADMINISTRATOR,
                     password=password, staff_id=None)
    actor = Actor.of(user)
    uow.audit.record(actor, user, "created", changes={"username": [None, user.username],
                                                      "role": [None, user.role.value]})
    return actor


def create_user(uow, actor: Actor, *, username: str, display_name: str, role: Role, password: str,
                staff_id: uuid.UUID | None = None) -> tuple[UserRow, Changes]:
    require(uow, actor, Action.MANAGE_USERS)
    user = _new_user(uow, username=username, display_name=display_name, role=role, password=password,
                     staff_id=staff_id)
    user.must_change_password = True  # the administrator chose it; the user picks their own
    uow.audit.record(actor, user, "created", changes={"username": [None, user.username],
                                                      "role": [None, user.role.value]})
    return UserRow.of(user), Changes(users=True)


def list_users(uow, actor: Actor, *, include_disabled: bool = True) -> list[UserRow]:
    require(uow, actor, Action.MANAGE_USERS)
    stmt = _people_accounts(uow).order_by(User.display_name)
    if not include_disabled:
        stmt = stmt.where(User.active.is_(True))
    return [UserRow.of(u) for u in uow.session.scalars(stmt)]


def update_user(uow, actor: Actor, user_id: uuid.UUID, *, version: int | None, display_name: str | None = None,
                role: Role | None = None, staff_id: uuid.UUID | None | type = ...) -> tuple[UserRow, Changes]:
    require(uow, actor, Action.MANAGE_USERS)
    user = uow.users.get(user_id)
    check_version(user, version, f"the account {user.username}")
    changed = {}
    if display_name is not None and display_name.strip() != user.display_name:
        changed["display_name"] = [user.display_name, required_text("display_name", "Full name", display_name)]
        user.display_name = changed["display_name"][1]
    if role is not None and role != user.role:
        if user.role is Role.ADMINISTRATOR:
            _keep_an_administrator(uow, user)
        changed["role"] = [user.role.value, role.value]
        user.role = role
    if staff_id is not ... and staff_id != user.staff_id:
        if staff_id is not None:
            uow.staff.get(staff_id)
        changed["staff_id"] = [str(user.staff_id) if user.staff_id else None, str(staff_id) if staff_id else None]
        user.staff_id = staff_id
    if user.role in (Role.JOB_DEVELOPER, Role.PARTNER_STAFF, Role.SUPERVISOR) and user.staff_id is None:
        raise ValidationError("staff", f"A {user.role.label.lower()} account must be linked to a staff member.")
    if changed:
        uow.flush()
        uow.audit.record(actor, user, "updated", changes=changed)
    return UserRow.of(user), Changes(users=True)


def _keep_an_administrator(uow, leaving: User) -> None:
    others = uow.session.scalars(_people_accounts(uow).where(
        User.role == Role.ADMINISTRATOR, User.active.is_(True), User.id != leaving.id).limit(1)).first()
    if others is None:
        raise ValidationError("role", f"{leaving.display_name} is the only active administrator; make another "
                                      "account an administrator first.")


def set_user_active(uow, actor: Actor, user_id: uuid.UUID, active: bool, *, version: int | None = None
                    ) -> tuple[UserRow, Changes]:
    require(uow, actor, Action.MANAGE_USERS)
    user = uow.users.get(user_id)
    check_version(user, version, f"the account {user.username}")
    if not active and user.id == actor.user_id:
        raise ValidationError("active", "You cannot disable the account you are signed in with.")
    if not active and user.role is Role.ADMINISTRATOR:
        _keep_an_administrator(uow, user)
    if user.active != active:
        user.active = active
        if active:
            user.failed_sign_ins, user.locked_until = 0, None
        uow.flush()
        uow.audit.record(actor, user, "enabled" if active else "disabled")
    return UserRow.of(user), Changes(users=True)


def reset_password(uow, actor: Actor, user_id: uuid.UUID, new_password: str) -> tuple[UserRow, Changes]:
    """An administrator sets a temporary password; the user must choose a new one at next sign-in."""
    require(uow, actor, Action.MANAGE_USERS)
    user = uow.users.get(user_id)
    passwords.check_strength(new_password, user_inputs=(user.username, *user.display_name.split()))
    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = True
    user.failed_sign_ins, user.locked_until = 0, None
    uow.flush()
    uow.audit.record(actor, user, "password_reset")
    return UserRow.of(user), Changes(users=True)


def change_own_password(uow, actor: Actor, *, current: str, new: str) -> Changes:
    user = uow.users.get(actor.user_id)
    if not passwords.verify_password(user.password_hash, current):
        raise ValidationError("current_password", "The current password is not right.")
    if current == new:
        raise ValidationError("password", "Choose a password different from the current one.")
    passwords.check_strength(new, user_inputs=(user.username, *user.display_name.split()))
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = False
    uow.flush()
    uow.audit.record(actor, user, "password_changed")
    return Changes(users=True)


def lock_delay(failures: int) -> timedelta | None:
    """No delay for the first slips; then 30 s, doubling each time, at most 15 minutes."""
    if failures < LOCK_AFTER_FAILURES:
        return None
    return min(LONGEST_LOCK, FIRST_LOCK * (2 ** (failures - LOCK_AFTER_FAILURES)))


def attempt_sign_in(uow, username: str, password: str) -> SignIn:
    """Check a user name and password. Failures are counted and audited, so the caller must commit
    this unit of work whatever the outcome (the answer is a value, not an exception)."""
    now = uow.now()
    user = _by_username(uow, username or "")
    if user is None or user.password_hash is None or user.archived_at is not None:
        # Nothing typed is stored: a mistyped user name may be someone's password.
        uow.audit.record(_system(uow), ("sign_in", "unknown"), "sign_in_failed")
        return SignIn(None, WRONG)
    actor = Actor.of(user)
    if user.locked_until is not None and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        return SignIn(None, f"Too many wrong passwords: this account is locked for {_duration(wait)}. "
                            "Wait, or ask an administrator to reset the password.")
    if not passwords.verify_password(user.password_hash, password):
        user.failed_sign_ins += 1
        delay = lock_delay(user.failed_sign_ins)
        user.locked_until = now + delay if delay else None
        uow.audit.record(actor, user, "sign_in_failed", changes={"failures": [None, user.failed_sign_ins]})
        if delay:
            return SignIn(None, f"{WRONG} After {user.failed_sign_ins} tries the account is locked for "
                                f"{_duration(int(delay.total_seconds()))}.")
        return SignIn(None, WRONG)
    if not user.active:
        uow.audit.record(actor, user, "sign_in_refused", reason="account disabled")
        return SignIn(None, "This account is disabled. Ask your administrator.")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.failed_sign_ins, user.locked_until, user.last_sign_in_at = 0, None, now
    uow.audit.record(actor, user, "signed_in")
    return SignIn(actor, "", user.must_change_password)


def confirm_password(uow, actor: Actor, password: str) -> SignIn:
    """Unlocking an idle-locked window: the same checks and counting as signing in."""
    return attempt_sign_in(uow, actor.username, password)


def sign_in(store, username: str, password: str) -> Actor:
    """Sign in in a unit of work of its own, committed whatever the outcome; raise on refusal."""
    with store.unit_of_work() as uow:
        result = attempt_sign_in(uow, username, password)
    if result.actor is None:
        raise PermissionDenied(result.message)
    return result.actor


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{(seconds + 59) // 60} minutes"


def _system(uow) -> Actor:
    return ensure_user(uow, username=SYSTEM_USERNAME, display_name="caseteam", role=Role.AUDITOR)


def ensure_user(uow, *, username: str, display_name: str, role: Role = Role.JOB_DEVELOPER,
                staff_id: uuid.UUID | None = None) -> Actor:
    """An account without a password (system or set-up accounts), created on first use and audited."""
    user = uow.session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        user = User(username=username, display_name=display_name, role=role, staff_id=staff_id,
                    failed_sign_ins=0, must_change_password=False)
        uow.add(user)
        uow.flush()
        actor = Actor.of(user)
        uow.audit.record(actor, user, "created", changes={"username": [None, username], "role": [None, role.value]})
    return Actor.of(user)


def local_actor(uow) -> Actor:
    """The operating-system account as an administrator with no password: for tests and scratch stores
    only (self-test). Signed-in work always has a real account."""
    try:
        login = getpass.getuser()
    except Exception:  # no login name in some service accounts and containers
        login = "local"
    return ensure_user(uow, username=f"{SYSTEM_USERNAME}:{login}", display_name=f"{login} (this computer)",
                       role=Role.ADMINISTRATOR)


def set_demo_password(uow, actor: Actor, *, username: str, display_name: str, role: Role, password: str,
                      staff_id: uuid.UUID | None = None) -> Actor:
    """Demo accounts get the documented demo password, which skips the strength rule on purpose."""
    salt = uow.new_id().bytes  # from the unit's id source: deterministic in the demo
    user = _new_user(uow, username=username, display_name=display_name, role=role, password=password,
                     staff_id=staff_id, check=False, salt=salt)
    uow.audit.record(actor, user, "created", changes={"username": [None, user.username],
                                                      "role": [None, user.role.value]})
    return Actor.of(user)
