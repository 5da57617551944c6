"""The derivations of the series, one module each, found by looking in this package.

Owns discovery and order: every module here that declares `PART` (an `outline.Part`) joins
the site, ordered by part number, with no edit anywhere else. Adding a derivation means
adding a module (and, if it has numbers, a data file under data/).
"""
import importlib
import pkgutil

from derivations.datafiles import SETTINGS
from derivations.outline import Part


def all_parts() -> tuple:
    """Every declared part, in the series' order; an error if two share a number, a page or a
    data file, if more than one is the worked example, or if one declares settings without a
    data file or that `datafiles.SETTINGS` does not know."""
    parts = []
    for module in pkgutil.iter_modules(__path__):
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "PART", None)
        if isinstance(declared, Part):
            parts.append(declared)
    parts.sort(key=lambda part: part.number)
    for attribute in ("number", "slug", "data_file"):
        values = [getattr(part, attribute) for part in parts if getattr(part, attribute)]
        if len(set(values)) != len(values):
            raise ValueError(f"two derivation modules declare the same {attribute}: {sorted(values)}")
    if sum(part.worked_example for part in parts) > 1:
        raise ValueError("more than one derivation module declares worked_example=True")
    for part in parts:
        if part.settings and not part.data_file:  # settings are read from the data file's [settings]
            raise ValueError(f"part {part.number} declares settings but no data file to give them")
        unknown = set(part.settings) - {setting.name for setting in SETTINGS}
        if unknown:
            raise ValueError(f"part {part.number} declares settings datafiles.SETTINGS does not know: {sorted(unknown)}")
    return tuple(parts)
