"""Password hashing (Argon2id) and the strength rule every new password must pass."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from caseteam.errors import ValidationError

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: 0 too guessable ... 4 very unguessable; 3 resists an offline attack for years

_hasher = PasswordHasher()  # argon2-cffi's defaults are the RFC 9106 low-memory profile (Argon2id)


def use_fast_parameters() -> None:
    """Tests only: cheap hashes. Stored hashes carry their own parameters, so verifying still works."""
    global _hasher
    _hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """`salt` only for the demo accounts, whose password is public anyway: the same seed gives the
    same store byte for byte. Real accounts always get a fresh random salt."""
    return _hasher.hash(password, salt=salt)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def check_strength(password: str, *, user_inputs: tuple[str, ...] = ()) -> None:
    """Refuse short, common and guessable passwords (names of the user count as guessable)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError("password", f"The password needs at least {MIN_LENGTH} characters "
                                          f"(this one has {len(password)}). A few unrelated words work well.")
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:100], user_inputs=[u for u in user_inputs if u])
    if result["score"] < MIN_SCORE:
        feedback = result.get("feedback") or {}
        hint = feedback.get("warning") or "It is too easy to guess."
        tips = " ".join(feedback.get("suggestions") or [])
        raise ValidationError("password", f"Choose a harder password. {hint} {tips}".strip())
