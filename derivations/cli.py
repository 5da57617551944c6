"""The command line: `python -m derivations build | check [--claims FILE]`, and every exit code.

Owns argument parsing, what is printed, and the exit codes; delegates the work to
`verify`, `pages` and `files`, and for an author's own claims file to `authors` and
`claims`. `main(argv) -> int` is the only place an exit code is chosen.
"""
import argparse
import gc
import json
import os
import sys
import traceback
from pathlib import Path

from derivations import authors, figures, files, lines, report
from derivations.claims import judge
from derivations.pages import build_pages, figure_specs, navigation
from derivations.parts import all_parts
from derivations.prose import LANGUAGES, catalogue
from derivations.steps import StepFailure
from derivations.fields import DataError
from derivations.verify import FORMULAS_FILE, verify_site

OK, STALE, USAGE, STEP_FAILS, VERDICT_CHANGED, DATA_INVALID = 0, 1, 2, 3, 4, 5
INTERNAL_ERROR = 70  # a bug in this program (EX_SOFTWARE): never confused with a finding
CANNOT_WRITE = 73  # build: a file cannot be written (EX_CANTCREAT); nothing was changed
EXIT_CODES = f"""exit codes:
  {OK}  everything holds and every page is up to date (check --claims: every claim is as expected)
  {STALE}  a generated page is stale (check prints the diff; fix: python -m derivations build)
  {USAGE}  the command line is wrong
  {STEP_FAILS}  a step of a derivation chain does not hold (nothing is written)
  {VERDICT_CHANGED}  a claim's verdict differs from its reviewed expectation in the data file
     (check --claims: from its expect, or from "agrees" where it has none)
  {DATA_INVALID}  the data file (or the --claims file) is malformed or invalid (nothing is written)
  {INTERNAL_ERROR} an internal error (a bug: please report it with the traceback)
  {CANNOT_WRITE} build: a file cannot be written (the message names it and why; nothing is changed)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m derivations", epilog=EXIT_CODES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Verified derivation of the cross-entropy: build or check the site's pages.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "regenerate the pages whose content changed"),
                            ("check", "verify everything and compare the pages; write nothing")):
        command = commands.add_parser(name, help=help_text, epilog=EXIT_CODES,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_argument("--data", type=Path, default=files.DATA_FILE,
                             help="the worked example's data file (part 5, TOML)")
        command.add_argument("--docs", type=Path, default=files.DOCS_DIR, help="the folder of generated pages")
        command.add_argument("--jobs", type=_positive, metavar="N",
                             help="processes that share the checks (default: one per processor core)")
    check = commands.choices["check"]
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--claims", type=Path, metavar="FILE",
                       help="an author's own claims file (TOML, see docs/claims-file.md): judge its claims "
                            "only; no page is built or compared")
    check.add_argument("--language", choices=sorted(LANGUAGES), default="en",
                       help="the language of the diagnoses printed for --claims (default: en)")
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def run() -> None:
    """The program's entry point (`python -m derivations`, the `derivations` script): main(), then exit."""
    # SymPy allocates objects by the hundred thousand and frees few: the collector's default
    # thresholds would make it scan them again and again. (Only here: not for library users.)
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit skips Python's teardown, which frees SymPy's cached objects one by one: about a
    # tenth of `check`'s time. Nothing needs it: no atexit handler, no file open but these two.
    os._exit(code)


def main(argv: list | None = None) -> int:
    try:
        return _run(argv)
    except Exception:  # noqa: BLE001 - a crash must not exit 1, which means "stale page"
        traceback.print_exc()
        return INTERNAL_ERROR


def _run(argv: list | None) -> int:
    try:
        arguments = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as leaving:
        return USAGE if leaving.code else OK
    as_json = getattr(arguments, "format", "text") == "json"
    if getattr(arguments, "claims", None) is not None:
        return _check_claims(arguments.claims, arguments.language, as_json)
    try:
        verified = verify_site(_data_texts(arguments.data), arguments.jobs)
    except DataError as error:
        return _fail("data", str(error), DATA_INVALID, as_json, lines.place(error))
    except StepFailure as failure:
        return _fail("step", str(failure), STEP_FAILS, as_json)
    pages = build_pages(verified)
    navigation_file = {files.NAVIGATION.name: navigation(verified)}
    specs = figure_specs(verified)
    current = files.read_optional(arguments.docs, [*specs, figures.MANIFEST])
    manifest = figures.read_manifest(current.pop(figures.MANIFEST) or "")
    stale = figures.stale_figures(specs, manifest, current, files.drawing_code())
    if arguments.command == "build":
        pages.update(figures.redraw(specs, stale, manifest, files.drawing_code()))
        return _build(pages, arguments.docs, verified, navigation_file)
    redraw = {path: f"{files.display_path(arguments.docs / path)}: its numbers, words or drawing code changed\n"
              for path in stale}
    diffs = {**files.stale_pages(pages, arguments.docs), **redraw,
             **files.stale_pages(navigation_file, files.NAVIGATION.parent)}
    return _check(diffs, len(pages) + len(specs) + len(navigation_file), verified, as_json, arguments.docs)


def _data_texts(worked_example: Path) -> dict:
    """Every part's data file and the printed formulas; --data replaces part 5's file."""
    names = [part.data_file for part in all_parts() if part.data_file] + [FORMULAS_FILE]
    return files.data_texts(names, worked_example)


def _check_claims(path: Path, language: str, as_json: bool) -> int:
    """`check --claims FILE`: an author's claims judged on their own; no page is built or compared."""
    shown = files.display_path(path)
    try:
        author = authors.load(files.read_data(path), shown)
    except DataError as error:
        return _fail("data", str(error), DATA_INVALID, as_json, lines.place(error))
    verdicts = tuple(judge(claim, author.table) for claim in author.claims)
    code = OK if all(v.as_expected for v in verdicts) else VERDICT_CHANGED
    if as_json:
        print(json.dumps(report.author_report(shown, verdicts, code), ensure_ascii=False, indent=2))
        return code
    prose = catalogue(language)
    print("\n".join([*(report.claim_line(v, prose) for v in verdicts), report.summary_line(shown, verdicts, prose)]))
    for verdict in verdicts:
        if not verdict.as_expected:
            print(f"claim {verdict.claim.id} ({verdict.claim.location}): verdict {verdict.status}, "
                  f"expected {verdict.claim.expect}", file=sys.stderr)
    return code


def _fail(kind: str, message: str, code: int, as_json: bool, where: dict | None = None) -> int:
    if as_json:
        print(json.dumps(report.error_report(kind, message, code, where), ensure_ascii=False, indent=2))
    else:
        print(f"error: {message}", file=sys.stderr)
    return code


def _build(pages: dict, docs: Path, verified, navigation_file: dict) -> int:
    # Pages, pictures and the navigation file in one transaction: all are written, or none.
    try:
        done, failure = files.write_site(pages, docs, navigation_file), None
    except files.CannotWrite as error:
        done, failure = files.Written(error.written, ()), error
    for path in done.written:
        print(f"wrote {files.display_path(path)}")
    if failure:
        print(f"error: {failure}", file=sys.stderr)
        return CANNOT_WRITE
    for path in done.removed:
        print(f"removed stale temporary file {files.display_path(path)}", file=sys.stderr)
    for name, _, status, expect in verified.surprises():
        print(f"warning: {name} is now {status}, expected {expect}", file=sys.stderr)
    return VERDICT_CHANGED if verified.surprises() else OK


def _check(stale: dict, generated: int, verified, as_json: bool, docs: Path) -> int:
    leftovers = [files.display_path(path) for path in files.stale_temporaries(docs)]
    code = VERDICT_CHANGED if verified.surprises() else STALE if stale or leftovers else OK
    if as_json:  # a left temporary is listed by its path, as shown, among the stale files
        print(json.dumps(report.full_report(verified, sorted(stale) + leftovers, code), ensure_ascii=False, indent=2))
        return code
    for diff in stale.values():
        print(diff, end="")
    if stale:
        print(f"{len(stale)} page(s) stale; fix with: python -m derivations build", file=sys.stderr)
    for path in leftovers:
        print(f"{path}: a temporary file left by an interrupted build; fix with: python -m derivations build "
              "(which removes it)", file=sys.stderr)
    for name, location, status, expect in verified.surprises():
        print(f"{name} ({location}): verdict {status}, expected {expect}", file=sys.stderr)
    steps = sum(len(c.evidence) for c in verified.checked())
    print(f"{len(verified.checked())} chains, {steps} steps hold; {len(verified.verdicts())} claims and "
          f"{len(verified.formulas)} printed formulas judged; "
          f"{generated - len(stale)}/{generated} pages and pictures up to date")
    return code
