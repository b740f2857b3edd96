"""API authentication (personal tokens or the session) and the token endpoints."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import HttpBearer, SessionAuth

from . import services


class TokenAuth(HttpBearer):
    """``Authorization: Bearer glt_…`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.user_for_token(token, at=timezone.now())
        if user is not None:
            request.user = user
        return user


class SessionOrAnonymous(SessionAuth):
    """The signed-in session (CSRF-checked for writes, as Django does for forms)."""


API_AUTH = [TokenAuth(), SessionOrAnonymous()]

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str


class TokenIn(Schema):
    name: str


@router.get("/tokens", response=list[TokenOut], summary="List my API tokens")
def list_tokens(request: HttpRequest) -> Any:
    return request.user.api_tokens.all()  # type: ignore[union-attr]


@router.post("/tokens", response={201: TokenCreated}, summary="Create an API token (shown once)")
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    issued = services.create_token(request.user, payload.name, at=timezone.now())
    out = TokenOut.from_orm(issued.token).dict()
    return Status(201, {**out, "token": issued.plaintext})


@router.delete("/tokens/{int:token_id}", response=TokenOut, summary="Revoke an API token")
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    return services.revoke_token(request.user, token_id, at=timezone.now())
