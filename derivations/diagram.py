"""The overview's diagram: which equation comes from which, read off the derivations.

Owns the graph: a node per equation number that some part's definition or chain carries
(the earliest part that shows it owns it), an edge for every equation number a definition
or chain says it `uses`, and a left-to-right layering (each node one column right of its
furthest source). Pure: a verified site in, a `Graph` value out; drawing is `plot`'s job.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Graph:
    nodes: tuple  # (tag, part number, page slug), in layer order
    edges: tuple  # (from tag, to tag)
    layers: tuple  # tuples of tags, one per column, left to right


def graph(site) -> Graph:
    """The equations of every part and what each is derived from; an unknown use is an error."""
    owners, edges = {}, []
    for verified in site.parts:
        for item in verified.derivation.definitions() + verified.derivation.chains():
            if item.tag:
                owners.setdefault(item.tag, (verified.part.number, verified.part.slug))
                edges += [(source, item.tag) for source in item.uses]
    unknown = sorted({source for source, _ in edges if source not in owners})
    if unknown:
        raise ValueError(f"equations used but shown by no part: {unknown}")
    edges = sorted(set(edges), key=lambda edge: (_order(edge[0], owners), _order(edge[1], owners)))
    layers = _layers(owners, edges)
    nodes = tuple((tag, *owners[tag]) for layer in layers for tag in layer)
    return Graph(nodes, tuple(edges), layers)


def _order(tag: str, owners: dict) -> tuple:
    """By part, then by equation number: "6.10" after "6.2"; a tag that is not a dotted number
    ("KL") is free text, after the numbers, in text order."""
    pieces = tag.split(".")
    number = tuple(int(piece) for piece in pieces) if all(piece.isdigit() for piece in pieces) else ()
    return owners[tag][0], not number, number, tag


def _layers(owners: dict, edges: list) -> tuple:
    depth = {}

    def column(tag: str, visiting: frozenset = frozenset()) -> int:
        if tag in visiting:
            raise ValueError(f"the equations derive from each other in a cycle through ({tag})")
        if tag not in depth:
            sources = [s for s, target in edges if target == tag]
            depth[tag] = 1 + max((column(s, visiting | {tag}) for s in sources), default=-1)
        return depth[tag]

    for tag in owners:
        column(tag)
    width = max(depth.values(), default=-1) + 1
    return tuple(tuple(sorted((t for t in owners if depth[t] == n), key=lambda t: _order(t, owners)))
                 for n in range(width))
