"""caseteam: case management for customized-employment support teams (Qt-free core)."""

__version__ = "0.1.0"
