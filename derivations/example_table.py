"""The worked example's table as a page shows it: one row per sample, its true class, then its
labels t and predictions y, one column per class (class names in the page's language).

Owns that table's Markdown, on the data page (with what the data file says beside it: its
classes, settings, source and name) and on a part's page. On a part's page the columns
are named by the one-sample notation of (5.2) (t_1 … t_K, y_1 … y_K, printed from SymPy) with
their class, and each true class's cells are set in bold with a mark beside them, so that the
highlight is not carried by colour alone. Must not compute a loss, read a file or hold words of
its own (they are prose).
"""
from collections.abc import Mapping

from derivations import render
from derivations.symbols import t, y
from derivations.table import Table
from derivations.verify import Verified


def data_table(table: Table, prose: Mapping) -> str:
    """The data page's table: columns named in words, nothing marked; in the part page's box
    (its cells keep a class name on one line, and it scrolls on a phone)."""
    classes = [render.class_name(name, prose) for name in table.classes]
    header = [prose["data.col.sample"], prose["data.col.true-class"]]
    header += [f"{prose['data.labels']} ({name})" for name in classes]
    header += [f"{prose['data.predictions']} ({name})" for name in classes]
    return _boxed(render.table(header, _rows(table, classes, "")))


def worked_table(table: Table, prose: Mapping) -> str:
    """A part page's table: columns t_k and y_k with their class, the true class's cells marked;
    in a box of its own class (stylesheets/extra.css keeps a cell's words on one line)."""
    classes = [render.class_name(name, prose) for name in table.classes]
    header = [prose["example.col.sample"], prose["example.col.true-class"]]
    for base in (t, y):
        header += [render.say(prose, "example.col.class", symbol=render.inline(base[m]), name=name)
                   for m, name in enumerate(classes, 1)]
    return _boxed(render.table(header, _rows(table, classes, prose["example.true-mark"])))


def _boxed(markdown: str) -> str:
    return f'<div class="example-table" markdown>\n\n{markdown}\n\n</div>'


def _rows(table: Table, classes: list, mark: str) -> list:
    return [_row(table, n, classes, mark) for n in range(1, table.samples + 1)]


def _row(table: Table, sample: int, classes: list, mark: str) -> tuple:
    labels, predictions = table.labels[sample - 1], table.predictions[sample - 1]
    # A soft label (a distribution over the classes) has no single true class to mark.
    if not table.row_one_hot(sample):
        return (sample, "—", *labels, *predictions)
    true = table.true_class(sample)
    cells = [_cell(value, mark if column == true else "") for column, value in enumerate(labels, 1)]
    cells += [_cell(value, mark if column == true else "") for column, value in enumerate(predictions, 1)]
    return (sample, classes[true - 1], *cells)


def _cell(value: object, mark: str) -> str:
    return f"**{value}** {mark}" if mark else str(value)


def data_section(verified: Verified, prose: Mapping) -> list:
    """A part's section of the data page: its table, then its classes, settings, source and file."""
    table, source = verified.table, verified.source
    names = prose["list.separator"].join(render.class_name(name, prose, True) for name in table.classes)
    facts = [f"- {prose['data.classes']}{prose['colon']}{names}",
             f"- {prose['data.source']}{prose['colon']}[{render.plain(source.title)}]({source.url}), {render.plain(source.section)}",
             f"- {prose['data.file']}{prose['colon']}`{verified.data_file}`"]
    if verified.settings:
        facts.insert(1, f"- {prose['data.settings']}{prose['colon']}\n" + _settings(verified.settings, prose))
    return [data_table(table, prose), "\n".join(facts)]


def _settings(settings: Mapping, prose: Mapping) -> str:
    """The data file's [settings] as it gives them, one per line: `class_weights` = 2, 1, 1."""
    shown = {name: prose["list.separator"].join(value) if isinstance(value, tuple) else value
             for name, value in settings.items()}
    return "\n".join(f"    - `{name}` = {render.plain(value)}" for name, value in shown.items())
