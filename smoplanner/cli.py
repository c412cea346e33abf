"""The command line: `smoplanner new|check|report|print|import|export …` (exit 0 ok, 1 bad input, 2 usage)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from smoplanner import __version__

if TYPE_CHECKING:
    from smoplanner.store.planfile import SaveResult

COMMANDS = ("new", "check", "report", "print", "import", "export")


IMPORT_KINDS = ("posts", "engagement", "spend", "metrics")
METRICS_FORMATS = ("x-analytics", "meta-content", "meta-insights")
EXPORT_KINDS = ("posts", "engagement", "budget")


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

    prt = sub.add_parser("print", help="write a month's plan as a PDF to print (cover, calendar, posts, budget…)")
    prt.add_argument("plan", type=Path, metavar="PLAN")
    prt.add_argument("--month", required=True, help="YYYY-MM")
    prt.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write")
    prt.add_argument(
        "--sections",
        metavar="LIST",
        help="the sections to include, comma-separated (default: all): "
        "cover,calendar,posts,profiles,engagement,budget,results,notes",
    )
    prt.add_argument("--paper", choices=("a4", "letter"), help="the paper size (default: from the plan's locale)")

    imp = sub.add_parser(
        "import",
        help="add the posts, engagement items (--kind engagement), ad spend (--kind spend) or results (--kind metrics) "
        "of a file to a "
        "plan (all or nothing; rows already in the plan are skipped, and a post whose date, time, text, link or "
        "platforms changed is a new post)",
    )
    imp.add_argument("plan", type=Path, metavar="PLAN")
    imp.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    imp.add_argument("--kind", choices=IMPORT_KINDS, default="posts", help="what the file holds (default: posts)")
    imp.add_argument(
        "--format",
        choices=("auto", "hootsuite", "generic", "meta-ads", *METRICS_FORMATS),
        default="auto",
        help="auto (default) reads a file with smoplanner's posts header as generic, else as Hootsuite; "
        "spend files are Meta Ads Manager exports (meta-ads) or smoplanner's spend CSV (generic); results files "
        "are X post analytics (x-analytics), Meta Business Suite content (meta-content) or insights "
        "(meta-insights) exports, or smoplanner's results CSV (generic)",
    )
    imp.add_argument(
        "--platform",
        metavar="CODE[,CODE]",
        help="the platforms a Hootsuite file's posts are for, e.g. instagram,facebook; for a results file whose "
        "title names no platform (Meta's per-metric files), its one platform",
    )
    imp.add_argument(
        "--date-order",
        choices=("auto", "dmy", "mdy", "ymd"),
        default="auto",
        help="day-first, month-first or ISO dates (default: read from the file)",
    )
    imp.add_argument(
        "--rate",
        metavar="R",
        help="for a spend file in another currency than the plan's: how much one unit of the file's currency "
        "is in the plan's (e.g. 0.92)",
    )

    exp = sub.add_parser("export", help="write a plan's posts, engagement items or a month's budget to a file")
    exp.add_argument("plan", type=Path, metavar="PLAN")
    exp.add_argument("kind", choices=EXPORT_KINDS, metavar="KIND", help="what to export: posts, engagement or budget")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="the file to write")
    exp.add_argument(
        "--format",
        choices=("csv", "hootsuite", "ics"),
        help="csv (smoplanner's posts CSV, or the budget's lines), hootsuite (bulk-schedule CSV) or ics (calendar); "
        "default: ics for a .ics file, else csv",
    )
    exp.add_argument(
        "--month", help="YYYY-MM: only that month's posts or budget (required for hootsuite; budget: every month)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    if args.command == "export" and args.kind == "engagement" and args.format not in (None, "csv"):
        parser.error(f"engagement is exported as CSV only, not {args.format} (use --format csv)")
    if args.command == "export" and args.format == "hootsuite" and not args.month:
        parser.error("export --format hootsuite needs --month YYYY-MM (the period to export)")
    if args.command == "export" and args.kind == "budget" and args.format not in (None, "csv"):
        parser.error("export budget writes CSV only (--format csv)")
    if args.command == "import":
        spend = args.kind == "spend"
        if spend and args.format == "hootsuite":
            parser.error("--format hootsuite is for posts; a spend file is meta-ads or generic (or auto)")
        if not spend and args.format == "meta-ads":
            parser.error("--format meta-ads is for spend files: add --kind spend")
        if args.kind != "metrics" and args.format in METRICS_FORMATS:
            parser.error(f"--format {args.format} is for results files: add --kind metrics")
        if args.kind == "metrics" and args.format == "hootsuite":
            parser.error("--format hootsuite is for posts; a results file is " + ", ".join(METRICS_FORMATS)
                         + " or generic (or auto)")  # fmt: skip
        if args.rate is not None and not spend:
            parser.error("--rate is for spend files (--kind spend)")
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    from smoplanner.store.errors import PlanError

    try:
        return int(_COMMANDS[args.command](args) or 0)
    except (UserError, PlanError) as exc:
        print(f"smoplanner {args.command}: {exc}", file=sys.stderr)
        return 1
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        # Opening checks a plan thoroughly; should a damaged page still slip through and fail a read later,
        # the user gets one line, not a traceback.
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        plan = getattr(args, "plan", None)
        name = plan.name if isinstance(plan, Path) else "the plan"
        print(f"smoplanner {args.command}: {name} could not be read ({reason}); it may be damaged.", file=sys.stderr)
        return 1


def _new(args: argparse.Namespace) -> int:
    from smoplanner.core.plan_settings import SettingsError, default_settings, validate
    from smoplanner.store.demo import demo_settings, fill_demo
    from smoplanner.store.fileformat import EXTENSION
    from smoplanner.store.planfile import PlanFile

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
    from smoplanner.store.contents import content_problems
    from smoplanner.store.planfile import FORMAT_VERSION, PlanFile, integrity_report, schema_report
    from smoplanner.store.settings import describe_holdings, get_settings, table_counts

    plan = PlanFile.open(args.plan, lock="none")
    try:
        problems = integrity_report(plan)
        problems += schema_report(plan)
        if not problems:  # the values themselves, before anything reads them
            raw = plan.engine.raw_connection()
            try:
                problems = content_problems(raw.driver_connection)  # type: ignore[arg-type]
            finally:
                raw.close()
        if problems:
            raise UserError(f"{args.plan.name} has problems: " + "; ".join(problems))
        with plan.session() as s:
            settings = get_settings(s)
            counts = table_counts(s)
    finally:
        plan.close(save=False)
    upgraded = f", upgraded in memory from format {plan.upgraded_from}" if plan.upgraded_from else ""
    held = ", ".join(describe_holdings(counts))
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


def _print(args: argparse.Namespace) -> int:
    """`print PLAN --month YYYY-MM -o OUT.pdf`: the month's plan as a PDF, with no window."""
    from smoplanner.core.dates import Month
    from smoplanner.report.month_plan import build_month_plan, default_paper, parse_sections
    from smoplanner.store.fileformat import holds_a_plan
    from smoplanner.store.planfile import PlanFile

    try:
        month = Month.parse(args.month)
        sections = parse_sections(args.sections)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    out: Path = args.output
    if not out.parent.is_dir():
        raise UserError(f"the folder {out.parent} does not exist")
    if out.is_dir():
        raise UserError(f"{out} is a folder; give the PDF's file name")
    if holds_a_plan(out) or _same_file(out, args.plan):
        raise UserError(f"{out} is a plan file; printing never writes over a plan, so give the PDF another name")
    plan = PlanFile.open(args.plan, lock="none")
    try:
        with plan.session() as s:
            data = build_month_plan(s, month, sections)
    finally:
        plan.close(save=False)
    paper = args.paper or default_paper(data.locale)
    _headless_qt()
    from smoplanner.printing import write_pdf

    try:
        pages = write_pdf(data, out, paper)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"Wrote {out} ({pages} page{'' if pages == 1 else 's'}, {paper.upper() if paper == 'a4' else 'Letter'})")
    return 0


def _headless_qt() -> None:
    """A Qt application for drawing (fonts, PDF) with no window: the offscreen platform when there is no
    display, and Qt's messages go to the log, not to the user's terminal."""
    import logging
    import os

    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler

    if QCoreApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    qt_log = logging.getLogger("smoplanner.qt")
    qInstallMessageHandler(lambda _kind, _context, message: qt_log.info("%s", message))
    from PySide6.QtGui import QGuiApplication

    global _app
    _app = QGuiApplication(["smoplanner"])


_app: object = None  # the command line's QGuiApplication, kept alive while it draws


def _platform_codes(text: str | None, known: set[str]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(code.strip().lower() for code in (text or "").split(",") if code.strip()))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise UserError(
            f"unknown platform {', '.join(repr(code) for code in unknown)} in --platform "
            f"(use {', '.join(sorted(known))})"
        )
    return codes


def _looks_generic(data: bytes, name: str) -> bool:
    """Whether a file has smoplanner's posts header (a Hootsuite file has no header, or date/message/link)."""
    from smoplanner.formats.csvread import TableError, read_table
    from smoplanner.formats.posts_csv import COLUMNS

    try:
        table = read_table(data, header_names=COLUMNS)
    except TableError as exc:  # unreadable as any CSV: say why, not that it lacks platforms
        raise UserError(f"{name}: {exc}; nothing was imported") from None
    if table.header is None:
        return False
    return "message" not in {cell.strip().lower() for cell in table.header}


def _import(args: argparse.Namespace) -> int:
    if args.kind == "engagement":
        return _import_engagement(args)
    if args.kind == "spend":
        return _import_spend(args)
    if args.kind == "metrics":
        return _import_metrics(args)
    from zoneinfo import ZoneInfo

    from smoplanner.core.money import currency
    from smoplanner.core.plan_settings import KNOWN_PLATFORMS
    from smoplanner.formats.errors import FileImportError
    from smoplanner.formats.hootsuite import read_hootsuite
    from smoplanner.formats.posts_csv import read_posts_csv
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.posts import import_records
    from smoplanner.store.settings import get_settings

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    kind = args.format
    if kind == "auto":
        kind = "generic" if _looks_generic(data, args.file.name) else "hootsuite"
    plan = PlanFile.open(args.plan)
    try:
        with plan.session() as s:
            settings = get_settings(s)
            known = set(KNOWN_PLATFORMS) | {p.code for p in settings.platforms}
            tz = ZoneInfo(settings.timezone)
            if kind == "hootsuite":
                platforms = _platform_codes(args.platform, known)
                if not platforms:
                    raise UserError(
                        f"{args.file.name} is a Hootsuite file, which names no platforms; "
                        "give them with --platform CODE[,CODE]"
                    )
                preview = read_hootsuite(data, platforms=platforms, tz=tz, date_order=args.date_order)
            else:
                if args.platform:
                    raise UserError("--platform is only for Hootsuite files; a posts CSV has a platforms column")
                preview = read_posts_csv(
                    data,
                    tz=tz,
                    currency=currency(settings.currency),
                    date_order=args.date_order,
                    known_platforms=known,
                )
            try:
                records = preview.require()
            except FileImportError as exc:
                first = exc.problems[0]
                # The file as a whole has dates that read both ways: say which option settles it.
                hint = " with --date-order dmy or mdy" if first.row == 0 and first.field == "date" else ""
                raise UserError(f"{args.file.name}: {exc}{hint}; nothing was imported") from None
            result = import_records(s, records)
        saved = plan.save() if result.added else None
    finally:
        plan.close(save=False)
    noun = "post" if result.added == 1 else "posts"
    if _landed_in_a_conflict_copy(args.plan, saved, f"{result.added} imported {noun}"):
        return 1
    print(f"Imported {result.added} {noun} ({result.skipped} already in the plan)")
    return 0


def _rate(text: str | None) -> Decimal | None:
    from decimal import InvalidOperation

    if text is None:
        return None
    try:
        rate = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise UserError(f"--rate {text!r} is not a number (write it like 0.92)") from None
    if not rate.is_finite() or rate <= 0:
        raise UserError(f"--rate {text!r} is not an exchange rate (give a number above zero)")
    return rate


def _import_spend(args: argparse.Namespace) -> int:
    from smoplanner.core.money import currency
    from smoplanner.formats.csvread import TableError, read_table
    from smoplanner.formats.errors import FileImportError
    from smoplanner.formats.meta_ads import detect, header_hints, read_meta_ads_table
    from smoplanner.formats.spend_csv import looks_like_spend_csv, read_spend_table
    from smoplanner.store.budget import import_paid_results
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.settings import get_settings

    rate = _rate(args.rate)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    try:
        table = read_table(data, header_names=header_hints())
    except TableError as exc:
        raise UserError(f"{args.file.name}: {exc}; nothing was imported") from None
    fmt = args.format
    if fmt == "auto":
        if detect(table):
            fmt = "meta-ads"
        else:
            try:
                generic = read_table(data, header_names=("spend", "campaign"))
            except TableError:
                generic = None
            if generic is None or not looks_like_spend_csv(generic):
                raise UserError(
                    f"{args.file.name} is neither a Meta Ads Manager export (an “Amount spent” column beside a "
                    "campaign name or a reporting period) nor a spend CSV (date, campaign and spend columns); "
                    "nothing was imported"
                )
            fmt, table = "generic", generic
    elif fmt == "generic":
        try:
            table = read_table(data, header_names=("spend", "campaign"))
        except TableError as exc:
            raise UserError(f"{args.file.name}: {exc}; nothing was imported") from None
    plan = PlanFile.open(args.plan)
    try:
        with plan.session() as s:
            cur = currency(get_settings(s).currency)
            if fmt == "generic":
                if rate is not None:
                    raise UserError("--rate is for Meta Ads exports; a spend CSV is in the plan's currency")
                preview = read_spend_table(table, plan_currency=cur, date_order=args.date_order)
            else:
                preview = read_meta_ads_table(table, plan_currency=cur, rate=rate, date_order=args.date_order)
            try:
                records = preview.require()
            except FileImportError as exc:
                first = exc.problems[0]
                hint = " with --date-order dmy or mdy" if first.row == 0 and "date" in first.field.lower() else ""
                if "exchange rate" in first.message:
                    hint = " with --rate R"
                raise UserError(f"{args.file.name}: {exc}{hint}; nothing was imported") from None
            result = import_paid_results(s, records)
        saved = plan.save() if result.added else None
    finally:
        plan.close(save=False)
    noun = "row" if result.added == 1 else "rows"
    if _landed_in_a_conflict_copy(args.plan, saved, f"{result.added} imported {noun}"):
        return 1
    names = ", ".join(f"“{name}”" for name in result.new_campaigns)
    created = f"; new campaigns: {names}" if result.new_campaigns else ""
    print(f"Imported {result.added} spend {noun} ({result.skipped} already in the plan){created}")
    return 0


def _export_budget(args: argparse.Namespace, month: object) -> int:
    from smoplanner.core.dates import Month
    from smoplanner.core.money import currency
    from smoplanner.formats.budget_csv import BudgetCsvLine, write_budget_csv
    from smoplanner.store.budget import month_overview, months_with_budget
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.settings import get_settings

    out: Path = args.output
    plan = PlanFile.open(args.plan, lock="none")
    try:
        with plan.session() as s:
            cur = currency(get_settings(s).currency)
            months = [month] if isinstance(month, Month) else months_with_budget(s)
            lines = [
                BudgetCsvLine(str(m), status.line, status.compared)
                for m in months
                for status in month_overview(s, m).lines
            ]
    finally:
        plan.close(save=False)
    try:
        write_budget_csv(out, lines, cur)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"Exported {len(lines)} budget line{'' if len(lines) == 1 else 's'} to {out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from smoplanner.core.dates import Month
    from smoplanner.core.money import currency
    from smoplanner.formats.errors import ExportError
    from smoplanner.formats.hootsuite import write_hootsuite
    from smoplanner.formats.ics import write_ics
    from smoplanner.formats.posts_csv import write_posts_csv
    from smoplanner.store.fileformat import holds_a_plan
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.posts import export_records
    from smoplanner.store.settings import get_settings

    month = None
    if args.month:
        try:
            month = Month.parse(args.month)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    out: Path = args.output
    fmt = args.format or ("ics" if out.suffix.lower() == ".ics" else "csv")
    if not out.parent.is_dir():
        raise UserError(f"the folder {out.parent} does not exist")
    if holds_a_plan(out) or _same_file(out, args.plan):
        raise UserError(f"{out} is a plan file; an export never writes over a plan, so give the export another name")
    if args.kind == "engagement":
        return _export_engagement(args)
    if args.kind == "budget":
        return _export_budget(args, month)
    plan = PlanFile.open(args.plan, lock="none")
    try:
        with plan.session() as s:
            settings = get_settings(s)
            tz = ZoneInfo(settings.timezone)
            span = month.utc_span(tz) if month else (None, None)
            pairs = export_records(s, *span)
    finally:
        plan.close(save=False)
    records = [record for _, record in pairs]
    notes: list[str] = []
    try:
        if fmt == "csv":
            write_posts_csv(out, records, tz=tz, currency=currency(settings.currency))
            written = len(records)
        elif fmt == "ics":
            write_ics(
                out,
                records,
                tz=tz,
                calendar_name=f"{settings.business_name}: posts",
                ids=[post_id for post_id, _ in pairs],  # parallel: equal posts keep their own UIDs
            )
            written = sum(1 for record in records if record.scheduled_at is not None)
        else:
            assert month is not None
            result = write_hootsuite(out, records, tz=tz, start=month.first_day, end=month.last_day)
            written, notes = result.rows_written, result.adjustments
    except ExportError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"Exported {written} post{'' if written == 1 else 's'} to {out}")
    for note in notes:
        print(f"  {note}")
    return 0


def _import_metrics(args: argparse.Namespace) -> int:
    """`import PLAN FILE --kind metrics`: organic days or post-level results, all or nothing, nothing twice."""
    from zoneinfo import ZoneInfo

    from smoplanner.core.money import currency
    from smoplanner.core.plan_settings import KNOWN_PLATFORMS
    from smoplanner.formats.csvread import TableError, read_table
    from smoplanner.formats.errors import FileImportError
    from smoplanner.formats.metrics import header_hints, read_metrics_table
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.results import import_organic, import_post_results
    from smoplanner.store.settings import get_settings

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    try:
        table = read_table(data, header_names=header_hints())
    except TableError as exc:
        raise UserError(f"{args.file.name}: {exc}; nothing was imported") from None
    plan = PlanFile.open(args.plan)
    try:
        with plan.session() as s:
            settings = get_settings(s)
            known = set(KNOWN_PLATFORMS) | {p.code for p in settings.platforms}
            codes = _platform_codes(args.platform, known)
            if len(codes) > 1:
                raise UserError("a results file is for one platform: give one code in --platform")
            preview = read_metrics_table(
                table,
                fmt=args.format,
                tz=ZoneInfo(settings.timezone),
                plan_currency=currency(settings.currency),
                platforms=known,
                platform=codes[0] if codes else None,
                date_order=args.date_order,
            )
            try:
                preview.require()
            except FileImportError as exc:
                hint = ""
                if "date_order" in preview.needs:
                    hint = " with --date-order dmy or mdy"
                elif "platform" in preview.needs:
                    hint = " with --platform CODE"
                raise UserError(f"{args.file.name}: {exc}{hint}; nothing was imported") from None
            if preview.posts:
                result = import_post_results(s, preview.posts)
            else:
                result = import_organic(s, preview.organic, preview.given)
        changed = result.added + result.updated
        saved = plan.save() if changed else None
    finally:
        plan.close(save=False)
    what = "post results" if preview.posts else "days of results"
    if _landed_in_a_conflict_copy(args.plan, saved, f"imported {what}"):
        return 1
    unmatched = f"; {result.unmatched} match no post in the calendar" if result.unmatched else ""
    print(f"Imported {result.added} {what}, updated {result.updated} ({result.skipped} already in the plan){unmatched}")
    return 0


def _import_engagement(args: argparse.Namespace) -> int:
    """`import PLAN FILE --kind engagement`: the engagement CSV, all or nothing, nothing added twice."""
    from zoneinfo import ZoneInfo

    from smoplanner.core.plan_settings import KNOWN_PLATFORMS
    from smoplanner.formats.engagement_csv import read_engagement_csv
    from smoplanner.formats.errors import FileImportError
    from smoplanner.store.engagement import import_items
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.settings import get_settings

    if args.format not in ("auto", "generic") or args.platform:
        raise UserError("an engagement file is smoplanner's engagement CSV; --format and --platform do not apply")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    plan = PlanFile.open(args.plan)
    try:
        with plan.session() as s:
            settings = get_settings(s)
            known = set(KNOWN_PLATFORMS) | {p.code for p in settings.platforms}
            preview = read_engagement_csv(
                data, tz=ZoneInfo(settings.timezone), known_platforms=known, date_order=args.date_order
            )
            try:
                records = preview.require()
            except FileImportError as exc:
                hint = " with --date-order dmy or mdy" if preview.needs_date_order else ""
                raise UserError(f"{args.file.name}: {exc}{hint}; nothing was imported") from None
            result = import_items(s, records)
        saved = plan.save() if result.added else None
    finally:
        plan.close(save=False)
    noun = "item" if result.added == 1 else "items"
    if _landed_in_a_conflict_copy(args.plan, saved, f"{result.added} imported {noun}"):
        return 1
    print(f"Imported {result.added} {noun} ({result.skipped} already in the plan)")
    return 0


def _export_engagement(args: argparse.Namespace) -> int:
    """`export PLAN engagement -o OUT [--month YYYY-MM]`: the engagement CSV, formula-safe."""
    from zoneinfo import ZoneInfo

    from smoplanner.core.dates import Month
    from smoplanner.formats.engagement_csv import write_engagement_csv
    from smoplanner.store.engagement import export_items
    from smoplanner.store.fileformat import holds_a_plan
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.settings import get_settings

    try:
        month = Month.parse(args.month) if args.month else None
    except ValueError as exc:
        raise UserError(str(exc)) from None
    out: Path = args.output
    if not out.parent.is_dir():
        raise UserError(f"the folder {out.parent} does not exist")
    if holds_a_plan(out) or _same_file(out, args.plan):
        raise UserError(f"{out} is a plan file; an export never writes over a plan, so give the export another name")
    plan = PlanFile.open(args.plan, lock="none")
    try:
        with plan.session() as s:
            tz = ZoneInfo(get_settings(s).timezone)
            records = export_items(s, *(month.utc_span(tz) if month else (None, None)))
    finally:
        plan.close(save=False)
    try:
        write_engagement_csv(out, records, tz=tz)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"Exported {len(records)} item{'' if len(records) == 1 else 's'} to {out}")
    return 0


def _landed_in_a_conflict_copy(plan: Path, saved: SaveResult | None, what: str) -> bool:
    """Says so when an import's save went to a conflict copy: the plan changed on disk meanwhile (a sync
    client, another computer), so it was kept as it is and did not take the rows."""
    if saved is None or saved.conflict_of is None:
        return False
    print(
        f"smoplanner import: {plan.name} changed on disk while importing, so it was left as it is; "
        f"the plan with the {what} was saved as {saved.path}",
        file=sys.stderr,
    )
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # one of them does not exist (yet)
        return False


_COMMANDS = {"new": _new, "check": _check, "report": _report, "print": _print, "import": _import, "export": _export}
