"""The command line: `python -m derivations build | check [--claims FILE]`.

Owns argument parsing and what is printed; delegates the work to `verify`, `pages` and
`files`, and for an author's own claims file to `datafiles` and `claims`. Each command ends
in an `outcomes.Outcome`; a `Failure` raised anywhere below is caught once, in `main`, which
returns its outcome's code; anything else is a bug (70).
"""
import argparse
import gc
import json
import os
import sys
import traceback
from pathlib import Path

from derivations import calculator, datafiles, figures, files, outcomes, report
from derivations.claims import judge
from derivations.pages import build_pages, computed_files, figure_specs, navigation
from derivations.parts import all_parts
from derivations.prose import LANGUAGES
from derivations.verify import FORMULAS_FILE, verify_site

EXIT_CODES = outcomes.help_text()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m derivations", epilog=EXIT_CODES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Verified derivation of the cross-entropy: build or check the site's pages.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "regenerate the pages whose content changed"),
                            ("check", "verify everything and compare the pages; write nothing")):
        command = commands.add_parser(name, help=help_text, epilog=EXIT_CODES,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_argument("--data", type=Path, action="append", default=[], metavar="FILE",
                             help="use FILE instead of the data file of the same name under data/ (--data "
                                  "elsewhere/NAME.toml replaces data/NAME.toml); may be given more than once; "
                                  "a name no part reads exits 5")
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
    # No cycle collection (see __main__.py): it frees next to nothing here and costs about 0.01 s
    # of `check`'s processor time after the imports (gc.freeze with a higher threshold measured
    # no gain). The forked copies (workers.py) inherit it, and so do not touch, and copy, every
    # object's header at each collection.
    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit skips Python's teardown, which frees SymPy's cached objects one by one: about a
    # tenth of `check`'s time. Nothing needs it: no atexit handler, no file open but these two.
    os._exit(code)


def main(argv: list | None = None) -> int:
    try:
        arguments = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as leaving:
        return outcomes.USAGE.code if leaving.code else outcomes.OK.code
    as_json = getattr(arguments, "format", "text") == "json"
    try:
        return _command(arguments, as_json).code
    except outcomes.Failure as failure:
        return _fail(failure, as_json).code
    except Exception:  # noqa: BLE001 - a crash must not exit 1, which means "stale page"
        traceback.print_exc()
        return outcomes.INTERNAL_ERROR.code


def _command(arguments: argparse.Namespace, as_json: bool) -> outcomes.Outcome:
    if getattr(arguments, "claims", None) is not None:
        return _check_claims(arguments.claims, arguments.language, as_json)
    verified = verify_site(_data_texts(arguments.data), arguments.jobs, _committed(arguments.docs))
    # The calculator's generated module and the files parts compute beside their pages too.
    pages = {**build_pages(verified), **calculator.scripts(verified), **computed_files(verified)}
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


def _data_texts(replacements: list) -> dict:
    """Every part's data file and the printed formulas; each --data FILE replaces the one of its name."""
    names = [part.data_file for part in all_parts() if part.data_file] + [FORMULAS_FILE]
    return files.data_texts(names, replacements)


def _committed(docs: Path) -> dict:
    """The files the parts compute and read back, as committed in the --docs folder."""
    declared = [computed for part in all_parts() for computed in part.computed]
    return files.read_computed(docs, declared)


def _check_claims(path: Path, language: str, as_json: bool) -> outcomes.Outcome:
    """`check --claims FILE`: an author's claims judged on their own; no page is built or compared."""
    shown = files.display_path(path)
    author = datafiles.read_claims_file(files.read_data(path), shown)
    verdicts = tuple(judge(claim, author.table) for claim in author.claims)
    outcome = outcomes.OK if all(v.as_expected for v in verdicts) else outcomes.VERDICT_CHANGED
    if as_json:
        print(json.dumps(report.author_report(shown, verdicts, outcome.code), ensure_ascii=False, indent=2))
        return outcome
    print("\n".join([*(report.claim_line(v, language) for v in verdicts),
                     report.summary_line(shown, verdicts, language)]))
    for verdict in verdicts:
        if not verdict.as_expected:
            print(report.mismatch_line(verdict, language), file=sys.stderr)
    return outcome


def _fail(failure: outcomes.Failure, as_json: bool) -> outcomes.Outcome:
    if as_json:
        entry = report.error_report(failure.kind, str(failure), failure.outcome.code, failure.location())
        print(json.dumps(entry, ensure_ascii=False, indent=2))
    else:
        print(f"error: {failure}", file=sys.stderr)
    return failure.outcome


def _build(pages: dict, docs: Path, verified, navigation_file: dict) -> outcomes.Outcome:
    # Pages, pictures and the navigation file in one transaction: all are written, or none.
    try:
        done = files.write_site(pages, docs, navigation_file)
    except files.CannotWrite as failure:
        for path in failure.written:  # only after a concurrent change: say what is in place
            print(f"wrote {files.display_path(path)}")
        raise
    for path in done.written:
        print(f"wrote {files.display_path(path)}")
    for path in done.removed:
        print(f"removed stale temporary file {files.display_path(path)}", file=sys.stderr)
    for name, _, status, expect in verified.surprises():
        print(f"warning: {name} is now {status}, expected {expect}", file=sys.stderr)
    return outcomes.VERDICT_CHANGED if verified.surprises() else outcomes.OK


def _check(stale: dict, generated: int, verified, as_json: bool, docs: Path) -> outcomes.Outcome:
    leftovers = [files.display_path(path) for path in files.stale_temporaries(docs)]
    outcome = (outcomes.VERDICT_CHANGED if verified.surprises() else
               outcomes.STALE if stale or leftovers else outcomes.OK)
    if as_json:  # a left temporary is listed by its path, as shown, among the stale files
        entry = report.full_report(verified, sorted(stale) + leftovers, outcome.code)
        print(json.dumps(entry, ensure_ascii=False, indent=2))
        return outcome
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
    return outcome
