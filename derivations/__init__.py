"""A checked derivation of the categorical cross-entropy, rebuilt from SymPy objects.

The package owns the symbolic model, the checked derivation chains, the verdicts on the
article's printed numbers and the pages that show them. Only `files` touches the disk and
only `cli.main` decides an exit code.
"""
