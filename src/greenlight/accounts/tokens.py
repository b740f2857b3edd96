"""Personal API tokens: generated once, shown once, stored only as a SHA-256 digest."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

PREFIX = "glt"  # API tokens
INVITATION_PREFIX = "gli"  # invitation links: a different prefix, never accepted as a token
_KEY_BYTES = 32


@dataclass(frozen=True)
class NewToken:
    plaintext: str  # shown to the user once
    lookup: str  # public part, indexed, lets us find the row without scanning
    digest: str  # what the database keeps


def generate(prefix: str = PREFIX) -> NewToken:
    lookup = secrets.token_hex(6)
    secret = secrets.token_urlsafe(_KEY_BYTES)
    plaintext = f"{prefix}_{lookup}_{secret}"
    return NewToken(plaintext=plaintext, lookup=lookup, digest=digest_of(plaintext))


def digest_of(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def split(plaintext: str) -> str | None:
    """The lookup part of a well-formed token, or None."""
    parts = plaintext.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 12:
        return None
    return parts[1]


def matches(plaintext: str, digest: str) -> bool:
    return hmac.compare_digest(digest_of(plaintext), digest)
