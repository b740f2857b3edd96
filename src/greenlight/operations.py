"""What the CLI does once Django is set up: thin calls into services."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from greenlight import demo
from greenlight.accounts import services as accounts
from greenlight.budget import exchange
from greenlight.budget import models as budget_models
from greenlight.budget import services as budget_services
from greenlight.core.errors import NotFound
from greenlight.jobs.services import prune_jobs as prune
from greenlight.projects import services as projects
from greenlight.projects.models import Project


def user_named(username: str) -> Any:
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(f"No active user {username!r}.")
    return user


def create_user(
    username: str, email: str, password: str, producer: bool, superuser: bool, name: str
) -> Any:
    user = accounts.create_user(username, email, password, producer=producer, full_name=name)
    if superuser:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def create_token(username: str, name: str) -> str:
    return accounts.create_token(user_named(username), name, at=timezone.now()).plaintext


def load_demo(progress: Callable[[str], None]) -> demo.DemoResult:
    return demo.load(progress)


def export_people(
    username: str, code: str, output: Path, progress: Callable[[int, int, str], None]
) -> Path:
    project = Project.objects.filter(code=code.upper()).first()
    if project is None:
        raise NotFound(f"No project with code {code!r}.")
    name, data = projects.export_people(user_named(username), project, progress)
    target = output / name if output.is_dir() else output
    target.write_bytes(data)
    return target


def _project(code: str) -> Project:
    project = Project.objects.filter(code=code.upper()).first()
    if project is None:
        raise NotFound(f"No project with code {code!r}.")
    return project


def import_budget(username: str, code: str, path: Path, name: str) -> budget_models.Budget:
    return exchange.import_budget(
        user_named(username),
        _project(code),
        name=name,
        filename=path.name,
        data=path.read_bytes(),
        at=timezone.now(),
    )


def export_budget(username: str, code: str, name: str, fmt: str, output: Path) -> Path:
    user, project = user_named(username), _project(code)
    found = budget_services.budgets(user, project).filter(name=name).first()
    if found is None:
        raise NotFound(f"{project} has no budget called {name!r}.")
    filename, _content_type, data = exchange.export_budget(user, found, fmt)
    target = output / filename if output.is_dir() else output
    target.write_bytes(data)
    return target


def prune_jobs(days: int) -> int:
    return prune(timezone.now() - timedelta(days=days))
