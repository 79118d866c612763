"""Command-line values that name an enumeration member by its value or by its words ("in progress",
"partner workgroup"), for argparse's `type=`. The enumeration is imported on use, so `caseteam --help`
stays quick."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def by_words(load_enum: Callable[[], type], noun: str) -> Callable[[str], object]:
    def parse(text: str):
        members = load_enum()
        wanted = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
        for member in members:
            if wanted in {member.value.replace("_", " "), member.label.lower()}:
                return member
        raise argparse.ArgumentTypeError(f"unknown {noun} {text!r}; choose one of: "
                                         + ", ".join(m.value for m in members))

    parse.__name__ = noun  # argparse names the type in its own messages
    return parse
