"""The demo's sign-in accounts, one per role, all with the documented demo password."""

from __future__ import annotations

from sqlalchemy import select

from caseteam.domain.store_info import DEMO_KEY, StoreProperty
from caseteam.domain.users import Role, User
from caseteam.services import users
from caseteam.services.actors import Actor

from . import catalog

DEMO_PASSWORD = "caseteam-demo"

# username, full name, role, staff key (None: not tied to a partner's staff)
ACCOUNTS = (
    ("admin", "Demo Administrator", Role.ADMINISTRATOR, None),
    ("supervisor", None, Role.SUPERVISOR, catalog.SUPERVISOR),
    ("jobdev", None, Role.JOB_DEVELOPER, catalog.JOB_DEVELOPERS[0]),
    ("partner", None, Role.PARTNER_STAFF, "cm_kevin"),
    ("onestop", None, Role.JOB_DEVELOPER, "ajc_tiffany"),  # the One-Stop's side of referrals
    ("auditor", "Demo Auditor", Role.AUDITOR, None),
)


def add_demo_accounts(uow, partnership) -> None:
    for username, *_ in ACCOUNTS:
        add_demo_account(uow, partnership, username)
    uow.session.merge(StoreProperty(key=DEMO_KEY, value="true"))


def add_demo_account(uow, partnership, username: str) -> Actor | None:
    """One of the demo's accounts, created on first use (the demo's referrals are answered by the partner
    account while the timeline runs). None when the name was already taken by an account of the store's own:
    the administrator who loaded the demo keeps theirs."""
    _, name, role, staff_key = next(a for a in ACCOUNTS if a[0] == username)
    staff_id = partnership.staff_id(staff_key) if staff_key else None
    found = uow.session.scalars(select(User).where(User.username == username)).one_or_none()
    if found is not None:
        return Actor.of(found) if found.staff_id == staff_id and found.role is role else None
    setup = users.ensure_user(uow, username="caseteam-demo-setup", display_name="Demo data setup",
                              role=Role.ADMINISTRATOR)
    display = name or f"{partnership.staff_name(staff_key)} (demo {role.label.lower()})"
    return users.set_demo_password(uow, setup, username=username, display_name=display, role=role,
                                   password=DEMO_PASSWORD, staff_id=staff_id)
