"""Personal API tokens: shown once, stored only as a SHA-256 digest, revocable."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from greenlight.accounts import services, tokens
from greenlight.accounts.models import ApiToken
from greenlight.core.errors import InvalidInput, NotFound
from tests import factories

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_a_generated_token_has_the_prefix_lookup_and_a_long_secret():
    new = tokens.generate()
    prefix, lookup, secret = new.plaintext.split("_", 2)
    assert (prefix, lookup) == ("glt", new.lookup)
    assert len(lookup) == 12 and len(secret) >= 40


def test_the_digest_is_the_sha256_of_the_whole_token():
    new = tokens.generate()
    assert new.digest == hashlib.sha256(new.plaintext.encode()).hexdigest()
    assert tokens.matches(new.plaintext, new.digest)
    assert not tokens.matches(new.plaintext + "x", new.digest)


def test_two_tokens_never_share_a_lookup_or_a_secret():
    made = [tokens.generate() for _ in range(50)]
    assert len({t.lookup for t in made}) == 50
    assert len({t.plaintext for t in made}) == 50


@pytest.mark.parametrize(
    "text",
    ["", "glt", "glt_", "glt_short_secret", "xyz_0123456789ab_secret", "Bearer glt_", "glt__x"],
)
def test_malformed_tokens_have_no_lookup(text):
    assert tokens.split(text) is None


def test_a_well_formed_token_splits_to_its_lookup():
    assert tokens.split("glt_0123456789ab_any_secret_with_underscores") == "0123456789ab"


def test_the_database_keeps_only_the_digest_never_the_plaintext(db):
    owner = factories.user("tokenowner")
    issued = services.create_token(owner, "budget sync", at=NOW)
    row = ApiToken.objects.values().get(pk=issued.token.pk)
    assert row["digest"] == hashlib.sha256(issued.plaintext.encode()).hexdigest()
    secret = issued.plaintext.split("_", 2)[2]
    assert not any(secret in str(value) for value in row.values())
    assert issued.plaintext.startswith(f"glt_{row['lookup']}_")


def test_a_token_finds_its_user_and_records_when_it_was_used(db):
    owner = factories.user("tokenowner")
    issued = services.create_token(owner, "script", at=NOW)
    assert services.user_for_token(issued.plaintext, at=NOW + timedelta(hours=1)) == owner
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == NOW + timedelta(hours=1)


def test_last_use_is_written_at_most_once_a_minute(db):
    owner = factories.user("tokenowner")
    issued = services.create_token(owner, "script", at=NOW)
    services.user_for_token(issued.plaintext, at=NOW)
    services.user_for_token(issued.plaintext, at=NOW + timedelta(seconds=30))
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == NOW


def test_a_token_with_the_right_lookup_but_a_wrong_secret_finds_nobody(db):
    owner = factories.user("tokenowner")
    issued = services.create_token(owner, "script", at=NOW)
    forged = f"glt_{issued.token.lookup}_{'A' * 43}"
    assert services.user_for_token(forged, at=NOW) is None
    assert services.user_for_token("glt_nonsense", at=NOW) is None


def test_a_revoked_token_finds_nobody_and_revoking_twice_keeps_the_first_time(db):
    owner = factories.user("tokenowner")
    issued = services.create_token(owner, "script", at=NOW)
    services.revoke_token(owner, issued.token.pk, at=NOW + timedelta(days=1))
    again = services.revoke_token(owner, issued.token.pk, at=NOW + timedelta(days=2))
    assert again.revoked_at == NOW + timedelta(days=1)
    assert services.user_for_token(issued.plaintext, at=NOW + timedelta(days=3)) is None


def test_a_deactivated_users_token_finds_nobody(db):
    owner = factories.user("tokenowner")
    issued = services.create_token(owner, "script", at=NOW)
    owner.is_active = False
    owner.save()
    assert services.user_for_token(issued.plaintext, at=NOW) is None


def test_nobody_can_revoke_someone_elses_token(db):
    owner, other = factories.user("tokenowner"), factories.user("someoneelse")
    issued = services.create_token(owner, "script", at=NOW)
    with pytest.raises(NotFound):
        services.revoke_token(other, issued.token.pk, at=NOW)
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None


def test_a_token_needs_a_name(db):
    owner = factories.user("tokenowner")
    with pytest.raises(InvalidInput, match="name"):
        services.create_token(owner, "   ", at=NOW)
    assert not ApiToken.objects.exists()
