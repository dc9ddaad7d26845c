"""Response models of territorial control and the change feed."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from api.schemas import ActorRef, EdgeOut, RelationName, StatementOut

ALEPPO: JsonDict = {"id": "aleppo", "name": "Aleppo", "kind": "place"}
HTS: JsonDict = {
    "id": "hayat-tahrir-al-sham", "name": "Hayat Tahrir al-Sham", "kind": "armed_group"
}


class StatedOut(StatementOut):
    """A statement with the edge it states (actor ids and relation)."""

    source: str
    relation: RelationName
    target: str


class PeriodOut(BaseModel):
    """A span of control: from the first date `holders` were said to seize the place
    (`since`) to the date others were (`until`, null while it lasts)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "holders": [HTS],
                    "since": "2024-11-30",
                    "until": None,
                    "last_stated": "2024-12-01",
                    "statement_count": 3,
                    "statements": [],
                }
            ]
        }
    )

    holders: list[ActorRef] = Field(description="More than one: said to seize it the same day.")
    since: dt.date
    until: dt.date | None = None
    last_stated: dt.date | None = Field(description="Latest date a statement restates it.")
    statement_count: int
    statements: list[StatedOut] = Field(description="The first `statements` of them.")


class UndatedOut(BaseModel):
    holder: ActorRef
    statement_count: int
    statements: list[StatedOut]


class PlaceControlOut(BaseModel):
    place: ActorRef
    periods: list[PeriodOut] = Field(description="Oldest first.")
    undated: list[UndatedOut] = Field(description="Seizures stated without any date.")


class HeldOut(PeriodOut):
    place: ActorRef


class ControlAtOut(BaseModel):
    at: dt.date | None = Field(description="The date asked for (null: the latest holders).")
    items: list[HeldOut]
    limit: int
    offset: int
    next_offset: int | None = None


class NewEdgeOut(BaseModel):
    edge: EdgeOut
    first: dt.date = Field(description="First date it was stated.")
    statements_since: int
    statements: list[StatedOut]


class GrownEdgeOut(NewEdgeOut):
    statements_before: int


class FlipOut(BaseModel):
    actors: list[ActorRef] = Field(min_length=2, max_length=2)
    from_: RelationName = Field(alias="from", description="The stance last stated before.")
    to: RelationName = Field(description="The stance last stated since.")
    last_before: dt.date
    first: dt.date = Field(description="First date the new stance was stated in the window.")
    edges: list[EdgeOut] = Field(description="The pair's supports/opposes edges, either way.")
    statements_before: list[StatedOut] = Field(description="The last statements of the old stance.")
    statements: list[StatedOut] = Field(description="The statements of the new stance.")

    model_config = ConfigDict(populate_by_name=True)


class ChangesOut(BaseModel):
    since: dt.date
    until: dt.date | None = None
    totals: dict[str, int] = Field(description="Changes of each kind before `limit`.")
    new: list[NewEdgeOut]
    grew: list[GrownEdgeOut]
    flipped: list[FlipOut]
