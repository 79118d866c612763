"""The demo's sign-in accounts, one per role, all with the documented demo password."""

from __future__ import annotations

from sqlalchemy import select

from caseteam.domain.store_info import DEMO_KEY, StoreProperty
from caseteam.domain.users import Role, User
from caseteam.services import users

from . import catalog

DEMO_PASSWORD = "caseteam-demo"

# username, full name, role, staff key (None: not tied to a partner's staff)
ACCOUNTS = (
    ("admin", "Demo Administrator", Role.ADMINISTRATOR, None),
    ("supervisor", None, Role.SUPERVISOR, catalog.SUPERVISOR),
    ("jobdev", None, Role.JOB_DEVELOPER, catalog.JOB_DEVELOPERS[0]),
    ("partner", None, Role.PARTNER_STAFF, "cm_kevin"),
    ("auditor", "Demo Auditor", Role.AUDITOR, None),
)


def add_demo_accounts(uow, partnership) -> None:
    setup = users.ensure_user(uow, username="caseteam-demo-setup", display_name="Demo data setup",
                              role=Role.ADMINISTRATOR)
    taken = set(uow.session.scalars(select(User.username)))
    for username, name, role, staff_key in ACCOUNTS:
        if username in taken:  # the administrator who loaded the demo keeps their own account
            continue
        staff_id = partnership.staff_id(staff_key) if staff_key else None
        display = name or f"{partnership.staff_name(staff_key)} (demo {role.label.lower()})"
        users.set_demo_password(uow, setup, username=username, display_name=display, role=role,
                                password=DEMO_PASSWORD, staff_id=staff_id)
    uow.session.merge(StoreProperty(key=DEMO_KEY, value="true"))
