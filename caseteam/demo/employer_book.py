"""The demo employers as job developers know them: the pipeline profile, the unmet need found, the job
title a carved position there goes by and its occupation (SOC) code, as VR's IPE writes it."""

from __future__ import annotations

from caseteam.domain.employers import EmployerStage
from caseteam.services import employers

from . import catalog

# key: (industry, size, bus lines, accessibility, pipeline stage)
PROFILES = {
    "grocery": ("Grocery retail", "120 staff", "Route 3 (Brady St), every 20 minutes",
                "Step-free entrance; the back room has narrow aisles between pallets.", EmployerStage.HIRING_PARTNER),
    "vet": ("Veterinary care and boarding", "18 staff", "None; the county dial-a-ride serves Cedar Bend on weekdays",
            "Ground floor throughout; kennels are loud (ear defenders on loan).", EmployerStage.HIRING_PARTNER),
    "auto": ("Automotive repair", "7 staff", "Route 7 (Washington St)",
             "Shop floor is noisy with air tools; office and restroom are step-free.", EmployerStage.ENGAGED),
    "hospital": ("Hospital", "1,400 staff", "Routes 3 and 9 stop at the main entrance",
                 "Fully accessible; badge-in staff entrance at Loading Dock B.", EmployerStage.HIRING_PARTNER),
    "library": ("Public library", "35 staff", "Route 7 (Main St)", "Elevator to the stacks; quiet setting.",
                EmployerStage.HIRING_PARTNER),
    "warehouse": ("Distribution and logistics", "300 staff", "Not on a bus route (car-pool or county van)",
                  "Step-free; hearing protection in the returns area.", EmployerStage.CONTACTED),
    "bakery": ("Bakery and cafe", "6 staff", "Millbrook shuttle, mornings only",
               "Two steps at the back door; the front entrance is step-free.", EmployerStage.ENGAGED),
    "hotel": ("Hotel", "60 staff", "Route 1 (River Dr)", "Service elevator to the laundry; staff room in the "
              "basement.", EmployerStage.HIRING_PARTNER),
    "print": ("Printing and copying", "9 staff", "Route 7 (Harrison St)", "Step-free; machines are loud at peak "
              "times.", EmployerStage.ENGAGED),
    "credit_union": ("Financial services", "45 staff", "Route 3 (Brady St)", "Fully accessible; quiet back office.",
                     EmployerStage.CONTACTED),
    "nursery": ("Garden center and greenhouses", "12 staff (30 in spring)", "None; Cedar Bend dial-a-ride",
                "Gravel paths outdoors; the greenhouse is warm and humid.", EmployerStage.HIRING_PARTNER),
    "recycling": ("County recycling", "40 staff", "Route 12, two runs a day",
                  "Step-free; standing work on the sort line with anti-fatigue mats.", EmployerStage.PROSPECT),
}

# key: (job title of the carved position, SOC code)
JOB_TITLES = {
    "grocery": ("Back-room stocker", "53-7065"),
    "vet": ("Kennel attendant", "39-2021"),
    "auto": ("Shop assistant", "49-3093"),
    "hospital": ("Environmental services aide", "37-2011"),
    "library": ("Library shelver", "43-4121"),
    "warehouse": ("Returns processor", "53-7064"),
    "bakery": ("Bakery assistant", "35-9021"),
    "hotel": ("Laundry attendant", "51-6011"),
    "print": ("Bindery assistant", "51-5113"),
    "credit_union": ("Document scanning clerk", "43-4071"),
    "nursery": ("Greenhouse worker", "45-2092"),
    "recycling": ("Recycling sorter", "53-7062"),
}


def need_of(key: str) -> str:
    """The unmet need the catalog's notes describe (its first sentence)."""
    return catalog.ORG_BY_KEY[key].notes.split(". ")[0].rstrip(".") + "."


def set_up_pipeline(p) -> None:
    """The program manager fills in each employer's profile and the need found at the first visit."""
    for key in catalog.EMPLOYER_KEYS:
        industry, size, bus, access, stage = PROFILES[key]
        employers.save_profile(p.uow, p.supervisor, p.org_id(key), industry=industry, size=size, bus_lines=bus,
                               accessibility=access, stage=stage)
        employers.add_need(p.uow, p.supervisor, p.org_id(key), description=need_of(key), found_on=p.uow.today())
