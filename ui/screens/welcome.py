"""The first page on an empty store: load the demo partnership, or start empty."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

INTRO = ("This store has no people in it yet. You can explore caseteam with a demo partnership: "
         "60 made-up job seekers with their customized-support teams, Discovery notes, plans and tasks "
         "shared out across partner agencies. Or start empty and add the people you serve.")
CAUTION = ("The demo people are invented. Load them into a store for practice or training, not into "
           "the store that will hold your real caseload.")

CARD_WIDTH = 720


def _big_button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.setAccessibleDescription(description)
    button.setToolTip(description)
    font = QFont(button.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    button.setFont(font)
    button.setMinimumSize(260, 64)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button.setAutoDefault(True)
    return button


class WelcomePage(QWidget):
    load_demo_requested = Signal()
    start_empty_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        heading = QLabel("Welcome to caseteam")
        heading.setAccessibleName("Welcome to caseteam")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel()
        body = QFont(intro.font())
        body.setPointSizeF(body.pointSizeF() * 1.15)
        intro.setFont(body)
        intro.setText(INTRO)
        caution = QLabel(CAUTION)
        caution.setStyleSheet("color: #444444;")
        for label in (intro, caution):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMinimumHeight(label.heightForWidth(CARD_WIDTH))

        self.load_demo_button = _big_button("Load demo partnership",
                                            "Fill this store with 60 made-up people to explore caseteam")
        self.start_empty_button = _big_button("Start empty", "Go to the empty caseload and add your own people")
        self.load_demo_button.clicked.connect(self.load_demo_requested)
        self.start_empty_button.clicked.connect(self.start_empty_requested)
        self.status = QLabel("")
        self.status.setAccessibleName("Progress")

        buttons = QHBoxLayout()
        buttons.addWidget(self.load_demo_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.start_empty_button)
        buttons.addStretch(1)

        card = QWidget()
        card.setFixedWidth(CARD_WIDTH)  # wrapped text gets the height it needs at this exact width
        column = QVBoxLayout(card)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        column.addSpacing(8)
        column.addWidget(intro)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(8)
        column.addWidget(self.status)
        column.addSpacing(16)
        column.addWidget(caution)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setTabOrder(self.load_demo_button, self.start_empty_button)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.load_demo_button.setEnabled(not busy)
        self.start_empty_button.setEnabled(not busy)
        self.status.setText(text)

    def focus_first(self) -> None:
        self.load_demo_button.setFocus(Qt.FocusReason.OtherFocusReason)
