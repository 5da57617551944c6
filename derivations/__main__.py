"""`python -m derivations`: the command line."""
import sys

from derivations.cli import main

sys.exit(main(sys.argv[1:]))
