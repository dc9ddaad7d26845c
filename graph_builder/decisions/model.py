"""The decision record: what an analyst decided, by whom, when and why; JSONL files."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from graph_builder.errors import InputError

Action = Literal[
    "reject_edge", "reject_statement", "merge", "split", "rename", "set_kind", "set_affiliation"
]
ACTIONS: tuple[str, ...] = get_args(Action)

# The target fields each action needs (required) and may have (optional).
REQUIRED: dict[str, tuple[str, ...]] = {
    "reject_edge": ("source", "relation", "target"),
    "reject_statement": ("statement",),
    "merge": ("actor", "into"),
    "split": ("actor", "alias"),
    "rename": ("actor", "name"),
    "set_kind": ("actor", "kind"),
    "set_affiliation": ("actor",),
}
OPTIONAL: dict[str, tuple[str, ...]] = {
    "split": ("new_id", "name"),
    "set_affiliation": ("affiliation",),  # absent or null: no affiliation
}
TARGETS = ("source", "relation", "target", "statement", "actor", "into", "alias", "new_id",
           "name", "kind", "affiliation")  # fmt: skip

# Blank text is refused after stripping; the pattern says so in the schema (a space-only
# string has a length of 1 or more but no character that is not a space).
_NOT_BLANK = r"\S"
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_NOT_BLANK)
]
Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=_NOT_BLANK)
]


class DecisionIn(BaseModel):
    """A decision as an analyst states it (actors by id, name or alias)."""

    model_config = ConfigDict(extra="forbid")

    action: Action = Field(description="What is decided.", examples=["reject_edge"])
    by: Text = Field(description="Who decides.", examples=["a.analyst"])
    reason: Reason = Field(description="Why.", examples=["the SLM fought alongside the army"])
    source: Text | None = Field(None, description="reject_edge: the edge's source actor.")
    relation: Literal["supports", "opposes", "met_with", "seized"] | None = Field(
        None, description="reject_edge: the edge's relation."
    )
    target: Text | None = Field(None, description="reject_edge: the edge's target actor.")
    statement: Text | None = Field(None, description="reject_statement: the statement's id.")
    actor: Text | None = Field(
        None, description="merge: the actor merged away; split, rename, set_*: the actor."
    )
    into: Text | None = Field(None, description="merge: the actor that stays.")
    alias: Text | None = Field(None, description="split: the alias that becomes its own actor.")
    new_id: Text | None = Field(
        None, description="split: the new actor's id (default: from alias)."
    )
    name: Text | None = Field(None, description="rename: the new name; split: the new actor's.")
    kind: (
        Literal["country", "government", "person", "armed_group", "organisation", "group", "place"]
        | None
    ) = Field(None, description="set_kind: the actor's kind.")
    affiliation: Text | None = Field(
        None, description="set_affiliation: the actor it belongs to (null: none)."
    )

    @model_validator(mode="after")
    def _targets(self) -> DecisionIn:
        needed = REQUIRED[self.action]
        missing = [f for f in needed if getattr(self, f) is None]
        if missing:
            raise ValueError(f"{self.action} needs {', '.join(repr(f) for f in missing)}")
        allowed = set(needed) | set(OPTIONAL.get(self.action, ()))
        extra = [f for f in TARGETS if f not in allowed and getattr(self, f) is not None]
        if extra:
            raise ValueError(f"{self.action} takes no {', '.join(repr(f) for f in extra)}")
        return self

    def targets(self) -> dict[str, Any]:
        """The target fields this decision sets."""
        return {f: getattr(self, f) for f in TARGETS if getattr(self, f) is not None}


class Decision(DecisionIn):
    """A stored decision: the analyst's statement with actors resolved to ids, an id,
    a time, and a snapshot of what it changed (to undo it and to apply it to a fresh
    graph); once undone, who undid it, when and why."""

    id: Text = Field(description="Decision id.", examples=["dec-3f2a9c0d1e"])
    at: dt.datetime = Field(description="When it was decided (UTC).")
    snapshot: dict[str, Any] = Field(
        default_factory=dict, description="The actors it concerns as they were before it."
    )
    undone_at: dt.datetime | None = None
    undone_by: Text | None = None
    undo_reason: Reason | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def to_node(self) -> dict[str, Any]:
        """Properties of its (:Decision) node (the snapshot as JSON text)."""
        props = self.model_dump(exclude={"snapshot"}, exclude_none=True)
        props["snapshot"] = json.dumps(self.snapshot, sort_keys=True, ensure_ascii=False)
        return props

    @classmethod
    def from_node(cls, props: dict[str, Any]) -> Decision:
        """The decision stored as these node properties."""
        data = {k: _native(v) for k, v in props.items()}
        data["snapshot"] = json.loads(data.get("snapshot") or "{}")
        return cls.model_validate(data)


def new_decision(
    decided: DecisionIn, targets: dict[str, Any], snapshot: dict[str, Any]
) -> Decision:
    """A decision with a fresh id and the current time; `targets` replace the stated ones."""
    return Decision(
        action=decided.action,
        by=decided.by,
        reason=decided.reason,
        id=f"dec-{uuid.uuid4().hex[:10]}",
        at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        snapshot=snapshot,
        **targets,
    )


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else value


def describe(error: ValidationError) -> str:
    """A pydantic error as one line naming each bad field."""
    parts = []
    for e in error.errors():
        where = ".".join(str(p) for p in e.get("loc", ())) or "record"
        parts.append(f"{where}: {str(e.get('msg', '')).removeprefix('Value error, ')}")
    return "; ".join(parts)


def parse_decision(data: Any, where: str) -> Decision:
    """A stored decision from a JSON value; InputError names `where` and the problem."""
    if not isinstance(data, dict):
        raise InputError(f"{where}: not a JSON object")
    try:
        return Decision.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{where}: {describe(exc)}") from None


def read_jsonl(path: Path) -> Iterator[Decision]:
    """Decisions from a JSONL file, one per line (blank lines skipped)."""
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except (ValueError, RecursionError) as exc:
                    raise InputError(f"{path}:{number}: not JSON ({exc})") from None
                yield parse_decision(data, f"{path}:{number}")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def to_jsonl(decisions: Iterable[Decision]) -> str:
    """JSONL text: one decision per line, oldest first."""
    return "".join(d.model_dump_json(exclude_none=True) + "\n" for d in decisions)
