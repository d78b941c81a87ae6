"""The command line behind ``build_pages.py``: generate, check, export the schema."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .coverage import coverage_report, translation_coverage
from .dossier import load_dossier
from .errors import DataErrors
from .formatting import format_tree
from .semantic_diff import dossier_at, semantic_diff
from .generate import generate, iter_files
from .output import stale_files, write_files
from .release import prepare_release
from .schema import export_schemas
from .settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_pages.py", description="Validate data/ and generate the dossier's pages into docs/.")
    parser.add_argument("--check", action="store_true", help="validate only; fail if the generated pages are stale")
    parser.add_argument("--validate", action="store_true",
                        help="validate the data and its translation coverage, whatever the state of docs/ (pre-commit)")
    parser.add_argument("--schema", metavar="DIR", type=Path, help="export the JSON Schema of each data folder into DIR")
    parser.add_argument("--diff", metavar="REVISION", help="list what changed in the dossier since a git revision (Markdown)")
    parser.add_argument("--format", action="store_true", help="rewrite data files in the canonical layout (comments kept)")
    parser.add_argument("--format-check", action="store_true", help="fail if a data file is not in the canonical layout")
    parser.add_argument("--release", action="store_true",
                        help="number a release of the data: record what changed since the last one and update CITATION.cff "
                             "(needs --summary-en and --summary-fr)")
    parser.add_argument("--summary-en", metavar="TEXT", help="the release's summary in English (with --release)")
    parser.add_argument("--summary-fr", metavar="TEXT", help="the release's summary in French (with --release)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project folder (default: this checkout)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for unexpected failures")
    args = parser.parse_args(argv)
    settings = load_settings(args.root.resolve())
    try:
        if args.format or args.format_check:
            changed = format_tree(settings.data_path, write=args.format)
            for path in changed:
                print(f"{'formatted' if args.format else 'not canonical'}: {path.relative_to(settings.root)}")
            if args.format_check and changed:
                print("run: python build_pages.py --format", file=sys.stderr)
                return 1
            return 0
        if args.diff:
            try:
                old = dossier_at(settings.root, args.diff, settings.data_dir)
            except subprocess.CalledProcessError as error:
                print(f"build_pages.py: cannot read data/ at {args.diff!r}: {error.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                return 1
            print(semantic_diff(old, load_dossier(settings.data_path, settings.root), args.diff), end="")
            return 0
        if args.release:
            if not (args.summary_en and args.summary_fr):
                print("build_pages.py: --release needs --summary-en and --summary-fr (what the release brings, in both languages)",
                      file=sys.stderr)
                return 1
            try:
                record = prepare_release(settings, {"en": args.summary_en, "fr": args.summary_fr})
            except ValueError as error:
                print(f"build_pages.py: {error}", file=sys.stderr)
                return 1
            changes = record.get("changes")
            summary = ("the first release" if changes is None else
                       f"{len(changes.get('added', []))} added, {len(changes.get('changed', []))} changed, "
                       f"{len(changes.get('removed', []))} removed since the previous release")
            print(f"release {record['version']} of {record['date']}: {summary}; CITATION.cff updated. "
                  "Run build_pages.py, then commit data/releases and CITATION.cff together.")
            return 0
        if args.schema:
            for path in export_schemas(args.schema):
                print(f"wrote {path}")
            return 0
        dossier = load_dossier(settings.data_path, settings.root)
        if args.check or args.validate:
            report, complete = coverage_report(translation_coverage(dossier, "fr"), "fr", settings.translation_threshold)
            print(report)
            if not complete:
                print("French translation is below the threshold set in pyproject.toml [tool.aes-dossier]", file=sys.stderr)
                return 1
            if args.validate:
                print(f"data valid; {sum(1 for _ in iter_files(settings, dossier))} pages would be generated")
                return 0
            files = generate(settings, dossier)
            stale = stale_files(settings.docs_path, files)
            if stale:
                shown = "\n".join(f"  {settings.docs_dir}/{name}" for name in stale[:20])
                more = f"\n  ... and {len(stale) - 20} more" if len(stale) > 20 else ""
                print(f"the data is valid, but {len(stale)} generated file(s) are stale:\n{shown}{more}\n"
                      "run: python build_pages.py", file=sys.stderr)
                return 1
            print(f"data valid; {len(files)} generated files up to date")
            return 0
        report = write_files(settings.docs_path, iter_files(settings, dossier))
        total = len(report.written) + report.unchanged
        print(f"{total} files: {len(report.written)} written, {len(report.removed)} removed, {report.unchanged} unchanged")
        return 0
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the user gets one line, not a traceback
        if args.debug:
            raise
        print(f"build_pages.py: unexpected failure: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return 2
