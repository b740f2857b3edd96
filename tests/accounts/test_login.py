"""Signing in: Argon2 hashes, rate limiting, and the login page as the only open door."""

import pytest
from django.test import Client

from tests import factories

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def client_ip():
    return Client(REMOTE_ADDR="203.0.113.9")


@pytest.mark.django_db
def test_right_password_signs_in_and_lands_on_the_portfolio(client_ip):
    factories.user("nora")
    response = client_ip.post("/login/", {"username": "nora", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client_ip.get("/").status_code == 200


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_for_the_right_password(client_ip):
    factories.user("nora")
    for _ in range(5):
        response = client_ip.post("/login/", {"username": "nora", "password": "wrong"})
    assert response.status_code in {403, 429}
    locked = client_ip.post("/login/", {"username": "nora", "password": PASSWORD})
    assert locked.status_code in {403, 429}
    assert b"Too many failed sign-ins" in locked.content
    assert client_ip.get("/").status_code == 302  # still signed out


@pytest.mark.django_db
def test_lockout_is_per_username_so_others_can_still_sign_in(client_ip):
    factories.user("nora")
    factories.user("omar")
    for _ in range(5):
        client_ip.post("/login/", {"username": "nora", "password": "wrong"})
    response = client_ip.post("/login/", {"username": "omar", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_failed_sign_in_says_so_without_saying_which_part_was_wrong(client_ip):
    factories.user("nora")
    response = client_ip.post("/login/", {"username": "nora", "password": "wrong"})
    assert response.status_code == 200
    assert b"correct username and password" in response.content


@pytest.mark.django_db
def test_passwords_are_stored_as_argon2_hashes():
    assert factories.user("nora").password.startswith("argon2$")


@pytest.mark.django_db
def test_login_page_is_open_but_everything_else_redirects_anonymous_visitors(client):
    assert client.get("/login/").status_code == 200
    for path in ("/", "/projects/new/", "/account/", "/jobs/", "/projects/1/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), path
