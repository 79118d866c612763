"""A person's workspace (one tab per open person): header, Profile, Team and Discovery tabs, and the
parts the window adds (Plan, Revisions, Tasks)."""
