"""Exports of the graph for Gephi, spreadsheets and scripts: GraphML, GEXF, CSV, JSON.

The graph (whole, or a subgraph cut as the views and `/graph` cut it) becomes a
networkx `MultiDiGraph` (one edge per relation between two actors, keyed by the
relation), which networkx's own writers serialise. Node attributes: label (name),
kind, aliases, affiliation (the state a person or government speaks for, when known);
edge attributes: relation, evidence_count, doc_count, first_seen, last_seen,
confidence, and weight (= evidence_count, the attribute Gephi sizes edges by).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any, Literal

import neo4j
import networkx as nx

from graph_builder.errors import InputError
from graph_builder.reads import fetch_subgraph, read_query
from graph_builder.subgraph import GraphFilter

Format = Literal["graphml", "gexf", "csv", "json"]
FORMATS: tuple[Format, ...] = ("graphml", "gexf", "csv", "json")
MEDIA_TYPES: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
ALIAS_SEPARATOR = "; "  # GraphML, GEXF and CSV hold no lists: aliases are joined
NODE_COLUMNS = ("id", "label", "kind", "aliases", "affiliation", "affiliation_name")
EDGE_COLUMNS = (
    "source", "target", "source_label", "target_label", "relation", "directed",
    "evidence_count", "doc_count", "first_seen", "last_seen", "confidence", "weight",
)
SYMMETRIC = frozenset({"met_with"})
if TYPE_CHECKING:
    Graph = nx.MultiDiGraph[str]  # nodes are actor ids


def check_format(fmt: str) -> Format:
    """The format name, lower case; InputError naming the choices otherwise."""
    norm = fmt.strip().lower()
    for known in FORMATS:
        if norm == known:
            return known
    raise InputError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")


def export_graph(
    driver: neo4j.Driver,
    database: str,
    where: GraphFilter = GraphFilter(),  # noqa: B008 (frozen)
) -> Graph:
    """The graph to export.

    Without any filter: every actor and every aggregated edge (the counts of `stats`).
    With `center`: the actors within `depth` hops (at most `max_nodes`, as `/graph`)
    and the edges among them. With only relation/date filters: the edges that pass
    and the actors they join.
    """
    where.check_depth()
    types = where.types()
    ids: list[str] | None = None
    if where.center is not None:
        ids = list(fetch_subgraph(driver, database, where, evidence=False).nodes)
    params = {"ids": ids, "types": types, "since": where.since, "until": where.until}
    edges = read_query(driver, database, "export/edges", params)
    if ids is None and where.filtered:
        ids = sorted({i for r in edges for i in (r["source"], r["target"])})
    actors = read_query(driver, database, "export/actors", {"ids": ids})
    graph: Graph = nx.MultiDiGraph(center=where.center or "")
    for a in actors:
        graph.add_node(a["id"], **_present({
            "label": a["name"],
            "kind": a["kind"],
            "aliases": list(a["aliases"] or []),
            "affiliation": a["affiliation"],
            "affiliation_name": a["affiliation_name"],
        }))
    for r in edges:
        graph.add_edge(r["source"], r["target"], key=r["relation"], **_present({
            "relation": r["relation"],
            "directed": r["relation"] not in SYMMETRIC,
            "evidence_count": int(r["evidence_count"] or 0),
            "doc_count": int(r["doc_count"] or 0),
            "first_seen": _iso(r["first_seen"]),
            "last_seen": _iso(r["last_seen"]),
            "confidence": float(r["confidence"] or 0.0),
            "weight": int(r["evidence_count"] or 0),
        }))
    return graph


def serialise(graph: Graph, fmt: Format, table: str = "edges") -> bytes:
    """The graph in `fmt`. CSV is two tables: `table` chooses `edges` or `nodes`."""
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "csv":
        if table not in ("edges", "nodes"):
            raise InputError(f"table must be 'edges' or 'nodes'; got {table!r}")
        return (edges_csv(graph) if table == "edges" else nodes_csv(graph)).encode("utf-8")
    flat = _flattened(graph, dynamic=fmt == "gexf")
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat, named_key_ids=True)).encode("utf-8")
    return "\n".join(nx.generate_gexf(flat)).encode("utf-8")


def nodes_csv(graph: Graph) -> str:
    """One row per actor: id, label, kind, aliases (joined by '; '), affiliation."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NODE_COLUMNS)
    for node, data in graph.nodes(data=True):
        row = {**data, "id": node, "aliases": ALIAS_SEPARATOR.join(data.get("aliases", []))}
        writer.writerow([row.get(c, "") for c in NODE_COLUMNS])
    return out.getvalue()


def edges_csv(graph: Graph) -> str:
    """One row per aggregated edge, with both actors' labels for reading in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    labels: dict[str, str] = {n: d.get("label", n) for n, d in graph.nodes(data=True)}
    for source, target, data in graph.edges(data=True):
        row = {
            **data,
            "source": source,
            "target": target,
            "source_label": labels.get(source, source),
            "target_label": labels.get(target, target),
        }
        writer.writerow([row.get(c, "") for c in EDGE_COLUMNS])
    return out.getvalue()


def _flattened(graph: Graph, dynamic: bool) -> Graph:
    """A copy whose attributes are all scalars (aliases joined); for GEXF, edges also get
    `start`/`end` (first and last seen), so that Gephi's timeline can filter them."""
    flat: Graph = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{**data, "aliases": ALIAS_SEPARATOR.join(data.get("aliases", []))})
    for source, target, key, data in graph.edges(keys=True, data=True):
        extra: dict[str, Any] = {}
        if dynamic:
            extra = _present({"start": data.get("first_seen"), "end": data.get("last_seen")})
        flat.add_edge(source, target, key=key, **data, **extra)
    return flat


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """The entries that have a value (GraphML and GEXF cannot hold None)."""
    return {k: v for k, v in values.items() if v is not None and v != []}


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return native.isoformat() if isinstance(native, dt.date) else str(native)
