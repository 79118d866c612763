"""Shared rules for editing a stored record: stale-copy check, field-by-field change, required text."""

from __future__ import annotations

from typing import Any, Iterable

from caseteam.errors import AmbiguousName, Conflict, NotFound, ValidationError


def check_version(entity, version: int | None, noun: str) -> None:
    """The caller loaded `version`; if the row moved on since, refuse rather than overwrite."""
    if version is not None and entity.version != version:
        raise Conflict(f"Someone else changed {noun} after you opened it (your copy is version {version}, "
                       f"the saved one is version {entity.version}). Your input is kept: reload, "
                       "then apply it again.")


def apply_fields(entity, values: dict[str, Any], allowed: Iterable[str]) -> dict[str, list]:
    """Set the allowed fields that differ; return {field: [before, after]} for the audit log."""
    allowed = set(allowed)
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(sorted(unknown)[0], f"{sorted(unknown)[0]} cannot be changed here.")
    changed: dict[str, list] = {}
    for name, value in values.items():
        before = getattr(entity, name)
        if isinstance(value, str):
            value = value.strip()
        if before != value:
            setattr(entity, name, value)
            changed[name] = [before, value]
    return changed


def required_text(field: str, label: str, value: str | None, *, max_length: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(field, f"{label} is required.")
    if len(value) > max_length:
        raise ValidationError(field, f"{label} is too long ({len(value)} characters; at most {max_length}).")
    return value


def audit_safe(changed: dict[str, list]) -> dict[str, Any]:
    from caseteam.storage.audit_log import plain_value

    return {k: [plain_value(a), plain_value(b)] for k, (a, b) in changed.items()}


def the_one_match(matches: list, text: str, noun: str, plural: str, describe) -> Any:
    """Command-line name arguments: exactly one record, else a message listing what matched."""
    if not matches:
        raise NotFound(f'No {noun} matches "{text}".')
    if len(matches) > 1:
        raise AmbiguousName(plural, text, [describe(m) for m in matches])
    return matches[0]
