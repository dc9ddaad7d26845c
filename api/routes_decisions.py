"""Analyst decisions: make one, list them, undo one. Making and undoing need the API key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args

from fastapi import APIRouter, Body, Path, Query
from pydantic import BaseModel, ConfigDict, Field, create_model

from api.deps import DatabaseDep, DriverDep, LiveDriverDep, WriteAccess
from api.params import Limit, Offset
from api.responses import errors
from graph_builder.decisions.model import ACTIONS, OPTIONAL, REQUIRED, Decision, DecisionIn
from graph_builder.decisions.store import decide, list_decisions, undo

router = APIRouter(tags=["decisions"])
WRITE_ERRORS = errors(
    401, 404, 422, 503, described={404: "An actor, statement or decision named is unknown."}
)
MAKE_ERRORS = {
    **WRITE_ERRORS,
    **errors(409, described={409: "Already in force (an edge or statement already "
                                  "rejected, an actor already merged)."}),
}
UNDO_ERRORS = {**WRITE_ERRORS, **errors(409, described={409: "Already undone."})}
DecisionId = Annotated[
    str,
    Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$", examples=["dec-3f2a9c0d1e"]),
]


class AppliedOut(BaseModel):
    """What applying (or undoing) the decision changed in the graph."""

    statements: int = Field(description="Statements moved, rejected or restored.")
    edges_set: int
    edges_deleted: int
    actors_written: int
    actors_deleted: int


class DecisionResult(BaseModel):
    decision: Decision
    applied: AppliedOut


class DecisionPage(BaseModel):
    items: list[Decision]
    next_offset: int | None = Field(description="Offset of the next page, if any.")


def _action_body(action: str) -> type[BaseModel]:
    """The request body of one action, its target fields required as the action needs
    them (so the OpenAPI schema says what a valid decision is)."""
    fields: dict[str, Any] = {"action": (Literal[action], ...)}
    for name in ("by", "reason", *REQUIRED[action], *OPTIONAL.get(action, ())):
        info = DecisionIn.model_fields[name]
        annotation: Any = info.annotation
        if info.metadata:  # constraints pydantic keeps apart ("by", "reason")
            annotation = Annotated[(annotation, *info.metadata)]
        if name in REQUIRED[action] and name != "affiliation":
            annotation = next(a for a in get_args(annotation) if a is not type(None)) \
                if type(None) in get_args(annotation) else annotation
            fields[name] = (annotation, Field(..., description=info.description))
        elif name in ("by", "reason"):
            fields[name] = (annotation, Field(..., description=info.description))
        else:
            fields[name] = (annotation, Field(None, description=info.description))
    title = "Decision_" + action
    return create_model(title, __config__=ConfigDict(extra="forbid"), **fields)


if TYPE_CHECKING:  # every variant is a model; which one, pydantic tells by `action`
    DecisionBody = BaseModel
else:
    DecisionBody = Union[tuple(_action_body(a) for a in ACTIONS)]  # noqa: UP007


@router.post(
    "/decisions",
    response_model=DecisionResult,
    status_code=201,
    responses=MAKE_ERRORS,
    dependencies=[WriteAccess],
    summary="Make a decision (reject, merge, split, rename, set kind or affiliation)",
    description=(
        "Actors may be named by id, name or alias; the stored decision holds their ids. "
        "The decision is applied at once and again whenever documents are loaded."
    ),
)
def post_decision(
    body: Annotated[DecisionBody, Body(discriminator="action")],
    driver: LiveDriverDep,
    database: DatabaseDep,
) -> dict[str, Any]:
    decision, applied = decide(driver, database, DecisionIn(**body.model_dump(exclude_unset=True)))
    return {"decision": decision, "applied": applied.as_dict()}


@router.get(
    "/decisions",
    response_model=DecisionPage,
    responses=errors(422, 503),
    summary="Decisions, oldest first",
)
def get_decisions(
    driver: DriverDep,
    database: DatabaseDep,
    include_undone: Annotated[bool, Query(description="Include undone decisions.")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    items = list_decisions(driver, database, include_undone, limit=limit + 1, offset=offset)
    more = len(items) > limit
    return {"items": items[:limit], "next_offset": offset + limit if more else None}


@router.delete(
    "/decisions/{decision_id}",
    response_model=DecisionResult,
    responses=UNDO_ERRORS,
    dependencies=[WriteAccess],
    summary="Undo a decision (it stays on record, marked undone)",
)
def delete_decision(
    decision_id: DecisionId,
    driver: LiveDriverDep,
    database: DatabaseDep,
    by: Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S",
                             description="Who undoes it (not blank).")],
    reason: Annotated[str | None, Query(max_length=2000, description="Why.")] = None,
) -> dict[str, Any]:
    decision, applied = undo(driver, database, decision_id, by, reason)
    return {"decision": decision, "applied": applied.as_dict()}
