"""Two revisions side by side, word by word: removed words struck through and marked [-like this-] on
the left, added words underlined and marked [+like this+] on the right. The markers are text, so the
change is there without colour (for screen readers, printouts and colour-blind readers alike)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from html import escape
from typing import Iterable, Sequence

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from caseteam.services.plans import Difference

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# Dark text on pale backgrounds: readable in the light and the dark palette alike.
REMOVED_STYLE = "background-color:#ffd7d5; color:#5c0000; text-decoration:line-through;"
ADDED_STYLE = "background-color:#d2f5d6; color:#003d00; text-decoration:underline;"
KIND_WORDS = {"added": "added", "removed": "removed", "changed": "changed"}


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "same", "removed" or "added", in reading order (removals first).
    Changes separated only by a space read as one ("[-Karen Mitchell-]", not "[-Karen-] [-Mitchell-]")."""
    a, b = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    chunks: list[list] = []  # [same?, old text, new text]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op != "equal" and len(chunks) >= 2 and not chunks[-2][0] and chunks[-1][0] and not chunks[-1][1].strip():
            space = chunks.pop()[1]
            chunks[-1][1] += space + old
            chunks[-1][2] += space + new
        else:
            chunks.append([op == "equal", old, new])
    out: list[tuple[str, str]] = []
    for same, old, new in chunks:
        if same:
            out.append(("same", old))
            continue
        if old:
            out.append(("removed", old))
        if new:
            out.append(("added", new))
    return out


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _marked(op: str, text: str) -> str:
    """Markers hug the words; surrounding spaces stay outside so the line reads naturally."""
    lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", text, re.S).groups()
    if not core:
        return _html(text)
    style, sign = (REMOVED_STYLE, "-") if op == "removed" else (ADDED_STYLE, "+")
    return f'{_html(lead)}<span style="{style}">[{sign}{_html(core)}{sign}]</span>{_html(trail)}'


def side_by_side(before: str, after: str) -> tuple[str, str]:
    """HTML for the left (before) and right (after) cells."""
    left, right = [], []
    for op, text in word_diff(before, after):
        if op == "same":
            left.append(_html(text))
            right.append(_html(text))
        elif op == "removed":
            left.append(_marked(op, text))
        else:
            right.append(_marked(op, text))
    return "".join(left), "".join(right)


def change_summary(differences: Sequence[Difference]) -> str:
    """"3 changes: 1 added, 1 removed, 1 changed": what a screen reader says first."""
    if not differences:
        return "No changes: the two revisions read the same."
    counts = Counter(d.kind for d in differences)
    parts = [f"{counts[k]} {KIND_WORDS[k]}" for k in ("added", "removed", "changed") if counts[k]]
    n = len(differences)
    return f"{n} change{'s' if n != 1 else ''}: {', '.join(parts)}"


def compare_html(differences: Iterable[Difference], left_title: str, right_title: str) -> str:
    """One table: a heading row per section, then the label and both sides of each difference."""
    rows = [f'<tr><th width="50%" align="left">{escape(left_title)}</th>'
            f'<th width="50%" align="left">{escape(right_title)}</th></tr>']
    section = None
    for d in differences:
        if d.section != section:
            section = d.section
            rows.append(f'<tr><td colspan="2"><span style="font-size:large; font-weight:bold;">'
                        f'{escape(section)}</span></td></tr>')
        if d.kind == "added":
            left, right = "<i>(not in this revision)</i>", _marked("added", d.after)
        elif d.kind == "removed":
            left, right = _marked("removed", d.before), "<i>(no longer in the plan)</i>"
        else:
            left, right = side_by_side(d.before, d.after)
        rows.append(f'<tr><td colspan="2"><b>{escape(d.label)}</b>: {KIND_WORDS[d.kind]}</td></tr>')
        rows.append(f'<tr><td valign="top">{left}</td><td valign="top">{right}</td></tr>')
    return ('<table width="100%" border="1" cellspacing="0" cellpadding="4" '
            'style="border-collapse:collapse;">' + "".join(rows) + "</table>")


LEGEND = ('Removed words are struck through and marked <span style="' + REMOVED_STYLE + '">[-like this-]</span>; '
          'added words are underlined and marked <span style="' + ADDED_STYLE + '">[+like this+]</span>.')


class SideBySideDiff(QWidget):
    """The summary line, a legend, and the comparison itself (a read-only, keyboard-scrollable text)."""

    def __init__(self, what: str = "revisions", parent=None) -> None:
        super().__init__(parent)
        self.what = what
        self.summary = QLabel("Choose two revisions to compare.")
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Comparison summary")
        self.legend = QLabel(LEGEND)
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("How changes are marked")
        self.legend.setAccessibleDescription("Removed words are struck through and marked with [- and -]; "
                                             "added words are underlined and marked with [+ and +].")
        self.view = QTextBrowser()
        self.view.setObjectName("compareView")
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(f"Comparison of two {what}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        self.differences: list[Difference] = []

    def show_differences(self, differences: Sequence[Difference], left_title: str, right_title: str) -> None:
        self.differences = list(differences)
        text = f"{left_title} compared with {right_title}: {change_summary(self.differences)}"
        self.summary.setText(text)
        self.view.setAccessibleDescription(text)
        if self.differences:
            self.view.setHtml(compare_html(self.differences, left_title, right_title))
        else:
            self.view.setHtml(f"<p>{escape(change_summary(self.differences))}</p>")

    def show_message(self, text: str) -> None:
        self.differences = []
        self.summary.setText(text)
        self.view.setAccessibleDescription(text)
        self.view.clear()
