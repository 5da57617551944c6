"""The overview's diagram: which equation comes from which, read off the derivations.

Owns the graph: a node per equation number that some part's definition or chain carries
(the earliest part that shows it owns it), an edge for every equation number a definition
or chain says it `uses`, and a layering (each node one layer after its furthest source);
and the graph as drawn, where a part past the series is a single box. Pure: a
verified site in, a `Graph` value out; drawing is `plot`'s job.
"""
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Graph:
    nodes: tuple  # (tag, part number, page slug), in layer order
    edges: tuple  # (from tag, to tag)
    layers: tuple  # tuples of tags, one per column, left to right
    whole_parts: tuple = ()  # slugs of the parts drawn as one box each (their node's tag is "first–last")


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
    return _graph(owners, edges)


def picture(site) -> Graph:
    """The graph as the overview draws it: each part past the series (`Part.past_the_series`:
    more equations than a phone's picture can hold) is one box, tagged with its
    first and last equation ("L1–L5"); arrows inside such a part are dropped. The list in
    words beside the picture keeps every equation."""
    full = graph(site)
    whole = {v.part.slug for v in site.parts if v.part.past_the_series}
    owners = {tag: (part, slug) for tag, part, slug in full.nodes}
    box = {}
    for slug in sorted(whole):
        tags = sorted((tag for tag, (_, owner) in owners.items() if owner == slug), key=lambda t: _order(t, owners))
        box.update({tag: tags[0] if len(tags) == 1 else f"{tags[0]}–{tags[-1]}" for tag in tags})
    drawn = {box.get(tag, tag): owner for tag, owner in owners.items()}
    edges = [(box.get(s, s), box.get(t, t)) for s, t in full.edges if box.get(s, s) != box.get(t, t)]
    return _graph(drawn, edges, tuple(slug for slug in dict.fromkeys(s for _, s in owners.values()) if slug in whole))


def _graph(owners: dict, edges: list, whole_parts: tuple = ()) -> Graph:
    edges = sorted(set(edges), key=lambda edge: (_order(edge[0], owners), _order(edge[1], owners)))
    layers = _layers(owners, edges)
    nodes = tuple((tag, *owners[tag]) for layer in layers for tag in layer)
    return Graph(nodes, tuple(edges), layers, whole_parts)


def _order(tag: str, owners: dict) -> tuple:
    """By part, then by equation number: "6.10" after "6.2"; a tag that is not a dotted number
    ("KL", "L10") is free text, after the numbers, its digits read as numbers ("L10" after "L2")."""
    pieces = tag.split(".")
    number = tuple(int(piece) for piece in pieces) if all(piece.isdigit() for piece in pieces) else ()
    # re.split puts text at even places and digits at odd ones, so two keys never compare str with int.
    text = tuple(int(piece) if n % 2 else piece for n, piece in enumerate(re.split(r"(\d+)", tag)))
    return owners[tag][0], not number, number, text


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
