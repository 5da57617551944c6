"""MkDocs hook: under `mkdocs serve`, regenerate the docs pages before every (re)build.

Owns the link between the live preview and the page generator: `mkdocs.yml` watches
derivations/ and data/, and on each rebuild this hook runs `derivations.cli.main(["build"])`
(which rewrites changed pages only) so an edit there shows up in the browser. Plain
`mkdocs build` does not regenerate: `./dev build` runs the generator itself first, so a
build never changes docs/ behind the caller's back.
"""
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
        _regenerate()


def _regenerate() -> None:
    try:
        from derivations.cli import main
    except ImportError as error:
        raise PluginError(f"cannot import the page generator derivations.cli ({error}); "
                          "run './dev setup' to install the project into .venv") from error
    log.info("regenerating the pages: derivations build")
    status = main(["build"])
    if status:
        raise PluginError(f"regenerating the pages failed: derivations build exited with {status}")
