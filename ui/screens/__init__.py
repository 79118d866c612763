"""One module per screen. Screens ask ui.operations for work; they never open sessions or threads."""
