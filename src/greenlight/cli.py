"""The `greenlight` command: serve, worker, demo, createuser and each package's commands.

Errors print as one line (``error: …``) with exit status 1, never a traceback.
"""

import dataclasses
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command, execute_from_command_line
from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError
from waitress import serve as waitress_serve

from greenlight.budget import cli as budget_cli
from greenlight.core.eighths import format_eighths
from greenlight.core.errors import GreenlightError, InvalidInput
from greenlight.scheduling import talent, talent_formats
from greenlight.screenplay import analysis, lint


def _setup() -> ModuleType:
    """Configure Django once, then load the operations module (it imports models)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenlight.settings")
    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    from greenlight import operations  # noqa: PLC0415 - models load only after django.setup()

    return operations


def _django(*args: str) -> None:
    _setup()
    call_command(*args)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="greenlight")
def cli() -> None:
    """Greenlight: production management for film, TV and games.

    Configuration comes from GREENLIGHT_* environment variables (see docs/admin.md).
    """


@cli.command()
def migrate() -> None:
    """Create or upgrade the database tables."""
    _django("migrate", "--no-input", "-v", "0")
    click.echo("Database is up to date.")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--with-worker", is_flag=True, help="Also start a background worker process.")
def serve(host: str, port: int, threads: int, with_worker: bool) -> None:
    """Serve the web app and API with waitress (a production WSGI server)."""
    _setup()
    application = get_wsgi_application()

    worker = None
    if with_worker:
        worker = subprocess.Popen([sys.executable, "-m", "greenlight", "worker"])
    # A service manager stops us with SIGTERM: exit normally so the worker is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"Greenlight on http://{host}:{port}/ (Ctrl-C stops)")
    try:
        waitress_serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="greenlight",
            max_request_body_size=settings.MAX_REQUEST_BYTES,
            **_proxy(),
        )
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)


def _proxy() -> dict[str, Any]:
    """Trust X-Forwarded-* only from the configured reverse proxy (GREENLIGHT_TRUSTED_PROXY)."""
    if not settings.BEHIND_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
        "clear_untrusted_proxy_headers": True,
    }


@cli.command()
@click.option("--batch", is_flag=True, help="Run the jobs waiting now, then exit.")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.1, 60))
def worker(batch: bool, interval: float) -> None:
    """Run background jobs (exports, imports, optimisation). Run several for more throughput."""
    args = ["db_worker", "--interval", str(interval), "--no-reload", "--queue-name", "*"]
    if batch:
        args.append("--batch")
    _django(*args)


@cli.command()
def demo() -> None:
    """Load the demo production company (safe to run again: nothing is duplicated)."""
    ops = _setup()
    steps = 1 + len(ops.demo.PROJECTS)
    with click.progressbar(length=steps, label="Loading demo data") as bar:
        result = ops.load_demo(lambda _step: bar.update(1))
    click.echo(f"Demo logins (password: {ops.demo.DEMO_PASSWORD}):")
    for user in result.users:
        click.echo(f"  {user.username:<8} {user.full_name:<12} {user.role.label}")
    for note in result.notes:
        click.echo(note)


@cli.command()
@click.argument("username")
@click.option("--email", required=True)
@click.option("--name", default="", help="Full name.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option(
    "--producer", is_flag=True, help="May create projects (and so become their executive producer)."
)
@click.option("--superuser", is_flag=True, help="May also use the Django admin at /admin/.")
def createuser(
    username: str, email: str, name: str, password: str, producer: bool, superuser: bool
) -> None:
    """Create a user account."""
    ops = _setup()
    ops.create_user(username, email, password, producer, superuser, name)
    click.echo(f"Created {username}.")


@cli.command()
@click.argument("username")
@click.argument("name")
def token(username: str, name: str) -> None:
    """Create a personal API token for USERNAME (printed once)."""
    click.echo(_setup().create_token(username, name))


@cli.group()
def people() -> None:
    """A project's cast and crew."""


@people.command("export")
@click.argument("project_code")
@click.option(
    "--user",
    "username",
    required=True,
    help="Export as this user (their role decides the columns).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=Path("."), show_default=True
)
def people_export(project_code: str, username: str, output: Path) -> None:
    """Export PROJECT_CODE's people list to XLSX."""
    ops = _setup()
    with click.progressbar(length=1, label="Exporting people") as bar:

        def progress(done: int, total: int, _message: str) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        target = ops.export_people(username, project_code, output, progress)
    click.echo(f"Wrote {target}")


@cli.group()
def script() -> None:
    """Screenplays: inspect and lint Fountain or Final Draft files (no database needed)."""


def _read_script(path: Path) -> bytes:
    if not path.is_file():
        raise click.ClickException(f"{path}: no such file")
    return path.read_bytes()


@script.command("inspect")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON document.")
@click.option(
    "--paginate",
    is_flag=True,
    help="Recompute page and eighths even for FDX files that carry Final Draft's own values.",
)
def script_inspect(file: Path, as_json: bool, paginate: bool) -> None:
    """Scenes with page and eighths, and the speaking cast, of FILE."""
    result = analysis.analyse(_read_script(file), file.name, recompute=paginate)
    document = analysis.inspect_document(result)
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False))
        return
    click.echo(
        f"{document['title'] or file.name}: {document['page_count']} pages, "
        f"{len(document['scenes'])} scenes, {len(document['characters'])} speaking "
        f"characters (lengths from {result.lengths_from.replace('_', ' ')})"
    )
    for number, scene in enumerate(document["scenes"], start=1):
        length = format_eighths(scene["eighths"])
        click.echo(
            f"{scene['number'] or number:>5}  p{scene['page']:<4} {length:>7}  "
            f"{scene['heading']}  [{', '.join(scene['characters'])}]"
        )


@script.command("lint")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--pages", default=None, metavar="MIN-MAX", help="Target page range, e.g. 90-120.")
@click.option(
    "--restricted",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A file of restricted words, one per line.",
)
@click.option("--locked", is_flag=True, help="Check scene numbering as for a locked script.")
def script_lint(
    file: Path, as_json: bool, pages: str | None, restricted: Path | None, locked: bool
) -> None:
    """Check FILE against script standards; exit status 1 when there are errors."""
    result = analysis.analyse(_read_script(file), file.name)
    rules = lint.LintRules(
        page_range=_page_range(pages),
        locked=locked,
        restricted_words=frozenset(
            w.strip()
            for w in (restricted.read_text().splitlines() if restricted else [])
            if w.strip()
        ),
    )
    findings = lint.lint(result.screenplay, result.page_count, rules)
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(f) for f in findings], ensure_ascii=False))
    for f in [] if as_json else findings:
        where = f"line {f.line}" if f.line else "script"
        scene = (
            f" scene {f.scene_number or (f.scene_index or 0) + 1}"
            if f.scene_index is not None
            else ""
        )
        click.echo(f"{file.name}:{where}{scene}: {f.severity}: [{f.rule}] {f.message}")
    if not as_json:
        click.echo(f"{len(findings)} finding(s).")
    if any(f.severity == lint.Severity.ERROR for f in findings):
        sys.exit(1)


def _page_range(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    low, _, high = text.partition("-")
    if not (low.isdigit() and high.isdigit()) or int(low) > int(high):
        raise click.BadParameter(f"{text!r} is not a range like 90-120", param_hint="--pages")
    return int(low), int(high)


@cli.group()
def schedule() -> None:
    """Shooting schedules: cast-order optimisation (no database needed)."""


@schedule.command("talent")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Stop after SECONDS with the best order found (default: until proven optimal).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON document.")
def schedule_talent(file: Path, time_limit: float | None, as_json: bool) -> None:
    """The cheapest order to shoot the scenes of a talent scheduling FILE.

    FILE is MiniZinc talent_scheduling data, CSPLib rehearsal data (.dzn) or the
    Stuckey/ddo text format. Cost is what the actors are paid, waiting days included.
    """
    if not file.is_file():
        raise click.ClickException(f"{file}: no such file")
    instance = talent_formats.read_talent(file)
    solution = talent.solve(instance, time_limit=time_limit)
    if as_json:
        result = {
            "total_cost": solution.total_cost,
            "holding_cost": solution.holding_cost,
            "order": solution.order,
            "optimal": solution.optimal,
            "seconds": round(solution.seconds, 6),
        }
        click.echo(json.dumps(result))
        return
    state = "optimal" if solution.optimal else "best found, not proven optimal"
    click.echo(
        f"{instance.name}: {instance.scene_count} scenes, {instance.actor_count} actors\n"
        f"total cost {solution.total_cost}, holding cost {solution.holding_cost} "
        f"({state}; {solution.seconds:.2f} s, {solution.nodes} search states)\n"
        f"order (scene numbers from 1, as in the file): "
        + " ".join(str(scene + 1) for scene in solution.order)
    )
    for stay in talent.actor_days(instance, solution.order):
        click.echo(
            f"  actor {stay.actor + 1:>3}  {instance.costs[stay.actor]:>5}/day  "
            f"days {stay.first_day:>3}-{stay.last_day:<3}  waiting {stay.waiting_days} days"
        )


@cli.group()
def jobs() -> None:
    """Background jobs."""


@jobs.command("prune")
@click.option("--days", default=30, show_default=True, type=click.IntRange(0, 3650))
def jobs_prune(days: int) -> None:
    """Delete finished jobs, and the files they produced, older than DAYS."""
    count = _setup().prune_jobs(days)
    click.echo(f"Deleted {count} finished job(s) older than {days} days.")


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--deploy", is_flag=True, help="Also check the production security settings.")
def check(deploy: bool) -> None:
    """Check the configuration (with --deploy: for production)."""
    _django("check", *(["--deploy", "--fail-level", "WARNING"] if deploy else []))


@cli.command("django", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def django_command(args: tuple[str, ...]) -> None:
    """Run a Django management command (e.g. `greenlight django dbshell`)."""
    _setup()
    execute_from_command_line(["greenlight django", *args])


@budget_cli.budget.command("import")
@click.argument("project_code")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--user", "username", required=True, help="Import as this user (needs edit_budget).")
@click.option("--name", default="", help="Name of the new version (default: the file's title).")
def budget_import(project_code: str, file: Path, username: str, name: str) -> None:
    """Import FILE (.json, .xlsx or .csv) as a new draft budget of PROJECT_CODE."""
    made = _setup().import_budget(username, project_code, file, name)
    click.echo(f"Imported {made.name} into {made.project}.")


@budget_cli.budget.command("export")
@click.argument("project_code")
@click.argument("name")
@click.option("--user", "username", required=True, help="Export as this user (needs view_budget).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "xlsx", "csv", "pdf", "topsheet"]),
    default="json",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=Path("."), show_default=True
)
def budget_export(project_code: str, name: str, username: str, fmt: str, output: Path) -> None:
    """Export PROJECT_CODE's budget NAME (JSON, XLSX, CSV, full PDF or topsheet PDF)."""
    target = _setup().export_budget(username, project_code, name, fmt, output)
    click.echo(f"Wrote {target}")


cli.add_command(budget_cli.budget)


def main(argv: list[str] | None = None) -> Any:
    try:
        return cli.main(args=argv, prog_name="greenlight", standalone_mode=True)
    except InvalidInput as error:
        click.echo(f"error: {error.summary() or error}", err=True)
        sys.exit(1)
    except GreenlightError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    except (ImproperlyConfigured, CommandError, DatabaseError) as error:
        click.echo(f"error: {error}".rstrip(), err=True)
        sys.exit(1)
