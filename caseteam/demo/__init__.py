"""The demo partnership: a realistic, deterministic caseload written through the services.

    load_demo(store, people=60, seed=2026, today=None) -> DemoSummary
"""

from .builder import DemoSummary, load_demo

__all__ = ["DemoSummary", "load_demo"]
