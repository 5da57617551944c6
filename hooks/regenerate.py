"""MkDocs hook: under `mkdocs serve`, regenerate the docs pages before every (re)build.

Owns the link between the live preview and the page generator: `mkdocs.yml` watches
derivations/ and data/, and on each rebuild this hook runs `python -m derivations build`
(which rewrites changed pages only) so an edit there shows up in the browser. Plain
`mkdocs build` does not regenerate: `./dev build` runs the generator itself first, so a
build never changes docs/ behind the caller's back.

The generator runs in a fresh process each time, not imported into this one: Python keeps
an imported module for the life of the process, so an edited derivation module or prose
catalogue would otherwise go on producing the old pages until `mkdocs serve` restarts.
"""
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("regenerate")

_command: str | None = None


def on_startup(command, dirty):
    # on_startup runs once per mkdocs invocation; the module (and so this value) lives
    # on across the rebuilds of one `mkdocs serve`.
    global _command
    _command = command


def on_pre_build(config):
    if _command == "serve":
        _regenerate(Path(config.config_file_path).parent)


def _regenerate(project: Path) -> None:
    log.info("regenerating the pages: python -m derivations build")
    # The interpreter that runs mkdocs (.venv's) and the project's own package (cwd first on sys.path).
    done = subprocess.run([sys.executable, "-m", "derivations", "build"], cwd=project,
                          capture_output=True, text=True)
    for line in done.stdout.splitlines():
        log.info(line)
    if done.returncode:
        raise PluginError(f"regenerating the pages failed: derivations build exited with {done.returncode}:\n"
                          f"{done.stderr.strip()}")
    for line in done.stderr.splitlines():  # warnings, e.g. a verdict that changed
        log.warning(line)
