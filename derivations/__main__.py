"""`python -m derivations`: the command line."""
from derivations.cli import run

run()
