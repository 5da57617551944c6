"""`python -m derivations`: the command line."""
import gc

# The cycle collector is off for the whole command, SymPy's import included: almost every
# object is freed by its reference count (peak memory 62.6 MB with the collector, 63.2 MB
# without), while the collector's passes cost `check --jobs 1` about 0.04 s of processor
# time, 0.03 s of it during SymPy's import. `cli.run` turns it off for the installed script.
gc.disable()

from derivations.cli import run  # noqa: E402 - imported once the collector is off

run()
