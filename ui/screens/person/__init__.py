"""A person's workspace: one tab per open person, with their record's editors."""
