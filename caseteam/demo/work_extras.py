"""The demo's one self-employment venture, its critical-incident reports and visual résumés.

Chosen from the drawn cases by rule (not by chance), so they exist at every demo size that has such
cases, and write nothing else: the rest of the demo stays as drawn.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from caseteam.domain.incidents import IncidentKind
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.domain.ventures import VentureStatus
from caseteam.services import incidents, portfolio, ventures

ZONE = "America/Chicago"
VENTURE_STEPS = (("Price what three local bakeries charge for a dozen cookies", 10, True),
                 ("Ask the county about a cottage-food licence", 18, True),
                 ("Sell at the Millbrook farmers' market twice as a try-out", 30, False),
                 ("Benefits planner: how business income counts for SSI", 35, False))
VENTURE_COSTS = (("Stand mixer and baking sheets", "640.00", "vr"), ("Cottage-food licence and food-handler "
                 "course", "185.00", "PASS plan"), ("Market stall fees, first season", "300.00", "Own savings"),
                 ("Labels and boxes", "120.00", "PASS plan"))
PORTFOLIO_ITEMS = (("What I am good at", "{strengths}."), ("What I like doing", "{interests}."),
                   ("What I bring to a workplace", "{contributions}"))


def schedule_extras(cases, p, timeline) -> None:
    looking = [c for c in cases if c.stage is Stage.JOB_DEVELOPMENT]
    entrepreneur = next((c for c in looking if any(t.name == "food and cooking" for t in c.themes)), None) or (
        looking[0] if looking else None)
    if entrepreneur is not None:
        _schedule_venture(entrepreneur, p, timeline)
    on_waiver = [c for c in cases if any(role is TeamRole.SUPPORT_COORDINATOR for _, role, _ in c.partners)
                 and c.reached(Stage.DISCOVERY)]
    for number, case in enumerate(on_waiver[:2]):
        _schedule_incident(case, p, timeline, number)
    for case in [c for c in cases if c.reached(Stage.JOB_DEVELOPMENT)][:6]:
        _schedule_portfolio(case, p, timeline)


def _lead(p, case):
    return p.actors[case.lead]


def _schedule_venture(case, p, timeline) -> None:
    start = case.entered(Stage.JOB_DEVELOPMENT) + timedelta(days=10)
    if start > p.today:
        return
    state = {}

    def begin():
        row, _ = ventures.start_venture(
            p.uow, _lead(p, case), case.person_id, business_name=f"{case.first}'s Kitchen",
            idea=f"Cookies and bars baked to order for offices and the Saturday market; {case.first} bakes, "
                 "a cousin delivers.")
        ventures.update_venture(
            p.uow, _lead(p, case), row.id, status=VentureStatus.PLANNING,
            plan_description="A home bakery under the cottage-food law: cookies, bars and seasonal breads.",
            plan_market="Offices near Main St that order for meetings; the Millbrook farmers' market (May-Oct).",
            plan_operations="Bakes Tuesday and Friday mornings at home; orders by text two days ahead.",
            plan_marketing="Samples at the Chamber breakfast; a card with the menu; the market stall.",
            plan_finances="Sales of $300-$450 a month expected in the first season; costs about 40% of sales.",
            benefits_notes="Net earnings from self-employment count for SSI after expenses; the benefits planner "
                           "reviews the first quarter.",
            pass_notes="PASS plan drafted with the WIPA planner for the licence, labels and boxes.")
        state["id"] = row.id
        p.counts["ventures"] += 1
    timeline.at(start, begin)
    for n, (text, days, done) in enumerate(VENTURE_STEPS):
        due = start + timedelta(days=days)

        def step(n=n, text=text, due=due):
            row, _ = ventures.add_step(p.uow, _lead(p, case), state["id"], description=text, due=due)
            state[n] = row.steps[-1].id
        timeline.at(start, step)
        if done and due <= p.today:
            timeline.at(due, lambda n=n, due=due: ventures.set_step_done(p.uow, _lead(p, case), state[n],
                                                                          done_on=due))
    for item, amount, funder in VENTURE_COSTS:
        def cost(item=item, amount=amount, funder=funder):
            org = p.org_id(funder) if funder in p.orgs else None
            ventures.add_cost(p.uow, _lead(p, case), state["id"], item=item, amount=amount,
                              funder_organization_id=org, funder_name="" if org else funder)
        timeline.at(start, cost)


def _schedule_incident(case, p, timeline, number: int) -> None:
    day = min(p.today - timedelta(days=3 + 40 * number), (case.left(Stage.DISCOVERY) or p.today))
    if day < case.entered(Stage.DISCOVERY):
        return
    occurred = datetime.combine(day, time(13, 10), tzinfo=timezone.utc)  # 7:10 in Iowa; the clock reads 14:00
    kind, text, action = ((IncidentKind.INJURY, "Slipped on the wet floor by the loading dock during a try-out "
                           "and hurt a wrist.", "First aid on site; urgent care X-ray (sprain); family called.")
                          if number == 0 else
                          (IncidentKind.MISSING_PERSON, "Did not arrive at the community site after the bus "
                           "ride; found two hours later at the transit center.",
                           "Called the family and the police non-emergency line; travel training to restart."))

    state = {}

    def report():
        row, _ = incidents.report_incident(
            p.uow, _lead(p, case), case.person_id, kind=kind, occurred_at=occurred,
            discovered_at=occurred + timedelta(minutes=20), zone=ZONE, place="Community Discovery site",
            people_involved=f"{case.first}; {p.staff_name(case.lead)} (job developer)", description=text,
            actions_taken=action)
        state["id"] = row.id
        p.counts["incidents"] += 1
    timeline.at(day, report)
    notified_at = occurred + timedelta(hours=2 if number == 0 else 30)  # the second one late
    coordinator = next(key for key, role, _ in case.partners if role is TeamRole.SUPPORT_COORDINATOR)
    # Written up the morning after the call (the demo's clock reads 14:00 UTC each day).
    timeline.at(notified_at.date() + timedelta(days=1), lambda: incidents.add_notification(
        p.uow, _lead(p, case), state["id"], notified=f"{p.staff_name(coordinator)} (support coordinator)",
        organization_id=p.org_id("dd"), how="phone", notified_at=notified_at))


def _schedule_portfolio(case, p, timeline) -> None:
    day = case.entered(Stage.JOB_DEVELOPMENT) + timedelta(days=4)
    if day > p.today:
        return
    theme = case.themes[0]

    def make():
        values = {"strengths": theme.strengths, "interests": theme.interests,
                  "contributions": f"{theme.contributions}."}
        for n, (title, body) in enumerate(PORTFOLIO_ITEMS):
            row, _ = portfolio.add_item(p.uow, _lead(p, case), case.person_id, title=title,
                                        body=body.format(**values))
            if n < 2:  # the last item waits for the person's say-so
                portfolio.record_agreement(p.uow, _lead(p, case), row.id, agreed_on=day,
                                           how=f"{case.first} read it and said yes")
        p.counts["portfolio_items"] += len(PORTFOLIO_ITEMS)
    timeline.at(day, make)
