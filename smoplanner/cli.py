"""The command line: `smoplanner new|check|report …` (exit 0 ok, 1 bad input, 2 usage)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from smoplanner import __version__

COMMANDS = ("new", "check", "report")


class UserError(Exception):
    """Bad input: one line on stderr, exit code 1, nothing written."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smoplanner",
        description="Plan a small business's social media offline, in one portable .smoplan file. "
        "Without a command, `smoplanner [PLAN]` opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"smoplanner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create a new plan file")
    new.add_argument("plan", type=Path, metavar="PLAN", help="the .smoplan file to create")
    new.add_argument("--demo", action="store_true", help="fill it with the sample café's data")
    new.add_argument("--name", help="the business name (default: the file name)")
    new.add_argument("--currency", help="ISO 4217 code, e.g. EUR (default: from this computer's locale)")
    new.add_argument("--timezone", help="IANA time zone, e.g. Europe/Berlin (default: this computer's)")
    new.add_argument("--website", default="", help="the business's website")

    check = sub.add_parser("check", help="check a plan file's integrity and schema")
    check.add_argument("plan", type=Path, metavar="PLAN")

    report = sub.add_parser("report", help="print a month's numbers")
    report.add_argument("plan", type=Path, metavar="PLAN")
    report.add_argument("--month", required=True, help="YYYY-MM")
    report.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    from smoplanner.store.errors import PlanError

    try:
        return int(_COMMANDS[args.command](args) or 0)
    except (UserError, PlanError) as exc:
        print(f"smoplanner {args.command}: {exc}", file=sys.stderr)
        return 1


def _new(args: argparse.Namespace) -> int:
    from smoplanner.core.plan_settings import SettingsError, default_settings, validate
    from smoplanner.store.demo import demo_settings, fill_demo
    from smoplanner.store.planfile import EXTENSION, PlanFile

    path: Path = args.plan
    if path.suffix != EXTENSION:
        raise UserError(f"a plan file's name ends in {EXTENSION} (got “{path.name}”)")
    if args.demo:
        settings = demo_settings()
    else:
        settings = default_settings(path.stem)
        if args.website:
            settings = settings.with_changes(website=args.website)
    if args.name:
        settings = settings.with_changes(business_name=args.name)
    if args.currency:
        settings = settings.with_changes(currency=args.currency.upper())
    if args.timezone:
        settings = settings.with_changes(timezone=args.timezone)
    try:
        settings = validate(settings)
    except SettingsError as exc:
        raise UserError(exc.message) from None
    plan = PlanFile.create(path, settings, fill=fill_demo if args.demo else None)
    plan.close()
    print(f"Created {path} for {settings.business_name}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    from smoplanner.store.planfile import FORMAT_VERSION, PlanFile, integrity_report
    from smoplanner.store.schema import schema_differences
    from smoplanner.store.settings import get_settings, table_counts

    plan = PlanFile.open(args.plan, lock="none")
    try:
        problems = integrity_report(plan)
        problems += schema_differences(plan.engine)
        with plan.session() as s:
            settings = get_settings(s)
            counts = table_counts(s)
    finally:
        plan.close(save=False)
    if problems:
        raise UserError(f"{args.plan.name} has problems: " + "; ".join(problems))
    upgraded = f", upgraded in memory from format {plan.upgraded_from}" if plan.upgraded_from else ""
    held = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()) if n)
    print(f"{args.plan.name}: OK. {settings.business_name}, file format {FORMAT_VERSION}{upgraded}; holds {held}.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from smoplanner.core.dates import Month
    from smoplanner.report.summary import format_text, month_report
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.settings import get_settings

    try:
        month = Month.parse(args.month)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    plan = PlanFile.open(args.plan, lock="none")
    try:
        with plan.session() as s:
            report = month_report(s, month)
            name = get_settings(s).business_name
    finally:
        plan.close(save=False)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_text(report, name))
    return 0


_COMMANDS = {"new": _new, "check": _check, "report": _report}
