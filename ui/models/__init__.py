"""Qt models: thin adapters over the frozen rows services return."""
