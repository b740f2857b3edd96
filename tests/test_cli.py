"""The `greenlight` command: help, demo idempotency, one-line errors, deploy checks."""

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from greenlight.accounts.models import Membership
from greenlight.budget import charts, jsonformat
from greenlight.budget import services as budgets
from greenlight.budget.costs_report import Period, cost_report
from greenlight.budget.models import Budget
from greenlight.cli import cli
from greenlight.projects.models import Department, Person, Project
from greenlight.scheduling import services as scheduling
from greenlight.scheduling.dood_data import dood_for
from greenlight.settings import DEV_SECRET_KEY
from tests import factories

PROD_SECRET = "x" * 20 + "a-production-secret-for-the-deploy-check-only-0123456789"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GREENLIGHT_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "greenlight", *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
        check=False,
    )


def test_help_lists_every_command_and_works_without_configuration():
    result = _run("--help")
    assert result.returncode == 0
    for command in ("serve", "worker", "demo", "createuser", "migrate", "check", "token", "people"):
        assert command in result.stdout


def test_missing_secret_outside_debug_is_one_clear_line_not_a_traceback():
    result = _run("check")
    assert result.returncode == 1
    assert "GREENLIGHT_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_development_secret_is_refused_when_debug_is_off():
    result = _run("check", GREENLIGHT_SECRET_KEY=DEV_SECRET_KEY)
    assert result.returncode == 1
    assert "development secret key is refused" in result.stderr


def test_malformed_boolean_setting_names_the_variable():
    result = _run("check", GREENLIGHT_DEBUG="maybe")
    assert result.returncode == 1
    assert "GREENLIGHT_DEBUG='maybe' is not a boolean" in result.stderr


def test_deploy_check_is_clean_with_a_secret_allowed_hosts_and_https(tmp_path):
    result = _run(
        "check",
        "--deploy",
        GREENLIGHT_SECRET_KEY=PROD_SECRET,
        GREENLIGHT_ALLOWED_HOSTS="greenlight.example.com",
        GREENLIGHT_HTTPS="1",
        GREENLIGHT_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_https(tmp_path):
    result = _run(
        "check",
        "--deploy",
        GREENLIGHT_SECRET_KEY=PROD_SECRET,
        GREENLIGHT_ALLOWED_HOSTS="greenlight.example.com",
        GREENLIGHT_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 1
    assert "SECURE_SSL_REDIRECT" in result.stderr or "SECURE_SSL_REDIRECT" in result.stdout


@pytest.mark.django_db
def test_demo_loads_once_and_running_it_again_duplicates_nothing():
    runner = CliRunner()
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    counts = (
        Project.objects.count(),
        Person.objects.count(),
        Department.objects.count(),
        Membership.objects.count(),
        get_user_model().objects.count(),
    )
    assert counts[0] == 3 and counts[1] > 0
    second = runner.invoke(cli, ["demo"])
    assert second.exit_code == 0, second.output
    assert counts == (
        Project.objects.count(),
        Person.objects.count(),
        Department.objects.count(),
        Membership.objects.count(),
        get_user_model().objects.count(),
    )
    assert "ep" in second.output and "greenlight-demo" in second.output
    assert "/ical/glf_" in first.output
    _the_demo_production_is_scheduled_and_budgeted()


def _the_demo_production_is_scheduled_and_budgeted() -> None:
    """Night Owl: an optimised, rule-keeping locked schedule with its day out of days, call
    sheet and feeds; a locked budget bound to it with deals, costs and a cost report."""
    ep = get_user_model().objects.get(username="ep")
    project = Project.objects.get(code="NIGHTOWL")
    schedule = scheduling.current_schedule(project)
    assert schedule is not None and schedule.status == "locked"
    board = scheduling.board(ep, schedule)
    assert len(board.days) >= 5 and board.violations == [] and not board.boneyard
    assert dood_for(schedule).dood.row(next(iter(dood_for(schedule).cast))).totals.work > 0
    assert schedule.call_sheets.exists() and project.calendar_feeds.count() == 2
    budget = budgets.current_budget(project)
    assert budget is not None and budget.status == "locked"
    sheet = budgets.sheet(ep, budget)
    assert sheet.computed.globals["SHOOT_DAYS"] == len(board.days)
    assert project.deal_memos.filter(status="approved").count() == 3
    report = cost_report(ep, project, Period(date(2026, 1, 1), date(2026, 12, 31))).report
    assert report.total.to_date == Decimal("199250.00")
    # Open POs: camera 30,000 - 15,000 invoiced, permits 8,500 - 4,250, props 6,000.
    assert report.total.committed == Decimal("25250.00")
    assert report.total.efc == report.total.to_date + report.total.committed + report.total.etc


@pytest.mark.django_db
def test_createuser_then_token_then_export(tmp_path: Path):
    runner = CliRunner()
    made = runner.invoke(
        cli,
        [
            "createuser",
            "pat",
            "--email",
            "pat@example.com",
            "--producer",
            "--password",
            "a-long-unusual-passphrase-42",
        ],
    )
    assert made.exit_code == 0, made.output
    user = get_user_model().objects.get(username="pat")
    assert user.password.startswith("argon2") and user.has_perm("projects.add_project")
    token = runner.invoke(cli, ["token", "pat", "laptop"])
    assert token.output.startswith("glt_")
    runner.invoke(cli, ["demo"])
    exported = runner.invoke(
        cli, ["people", "export", "NIGHTOWL", "--user", "ep", "-o", str(tmp_path)]
    )
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "nightowl-people.xlsx").stat().st_size > 1000


@pytest.mark.django_db
def test_createuser_with_a_weak_password_is_refused_and_creates_nobody():
    result = CliRunner().invoke(
        cli, ["createuser", "sam", "--email", "s@example.com", "--password", "123"]
    )
    assert result.exit_code != 0
    assert "password" in str(result.exception) or "password" in result.output
    assert not get_user_model().objects.filter(username="sam").exists()


@pytest.mark.django_db
def test_budget_import_and_export_round_trip_through_the_command(tmp_path):
    ep = factories.user("cli_ep", producer=True)
    factories.project(ep, "CLIBUD")
    source = tmp_path / "feature.json"
    source.write_text(jsonformat.dump(charts.load("feature")))
    runner = CliRunner()
    args = ["budget", "import", "CLIBUD", str(source), "--user", "cli_ep", "--name", "v1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    out.mkdir()
    args = [
        "budget",
        "export",
        "CLIBUD",
        "v1",
        "--user",
        "cli_ep",
        "--format",
        "xlsx",
        "-o",
        str(out),
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    [written] = out.glob("*.xlsx")
    assert written.read_bytes()[:2] == b"PK"
    assert Budget.objects.get(name="v1").project.code == "CLIBUD"
