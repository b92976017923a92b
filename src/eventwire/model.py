"""The dataclasses that flow between stages, and the output contract.

`RawDocument` is what sources yield; `Extracted` is what extraction yields; `Article` with its
`Place`, `Actor`, `Event`, `Quantity`, `Statement` and `Error` records is the contract of
DESIGN.md: one JSON object per article, published as `schema/article.schema.json`.
Offsets (`start`, `end`, `mentions`) are character offsets into `Article.text`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

Factuality = Literal["asserted", "threatened", "intended", "hypothetical", "denied", "reported"]
FACTUALITIES: tuple[str, ...] = (
    "asserted",
    "threatened",
    "intended",
    "hypothetical",
    "denied",
    "reported",
)
QUANTITY_CATEGORIES: tuple[str, ...] = (
    "killed",
    "injured",
    "displaced",
    "refugees",
    "arrested",
    "missing",
    "protesters",
    "population",
    "affected",
    "other",
)
ActorKind = Literal["person", "organization", "country", "group"]


@dataclass(slots=True)
class RawDocument:
    """One input document as a source read it, before any interpretation.

    `content` is decoded text; `media_type` says whether it is HTML or plain text. A reader that
    could not produce text (binary, too large, bad JSON) sets `error` and leaves `content` empty,
    so that the document still becomes one output record.
    """

    id: str
    uri: str
    content: str
    media_type: Literal["text/plain", "text/html"] = "text/plain"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    error: Error | None = None
    # When a crawler fetched it (WARC-Date), kept apart from `published`; the store keeps it.
    fetched: str | None = None


@dataclass(slots=True)
class Extracted:
    """Clean article text and its metadata, the output of `extract.extract`."""

    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Error:
    """A failure of one stage on one document. The run goes on."""

    stage: str
    message: str


@dataclass(slots=True)
class Place:
    name: str
    mentions: list[list[int]] = field(default_factory=list)
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    country: str | None = None
    admin1: str | None = None
    confidence: float = 0.0
    # The subset of `mentions` that are demonyms ("Syrian" for Syria): mentions, not locations.
    demonym_mentions: list[list[int]] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    mentions: list[list[int]] = field(default_factory=list)


@dataclass(slots=True)
class ActorRef:
    """An actor as an event or statement names it: enough to code a dyad."""

    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class PlaceRef:
    name: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass(slots=True)
class Statement:
    speaker: ActorRef | None
    text: str
    direct: bool
    start: int
    end: int
    # CAMEO 01 code: 010 a plain statement, 012 concern, 016 a denial ... (events/comments.py)
    cameo: str | None = None


@dataclass(slots=True)
class Event:
    plover: str
    mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    actors: list[ActorRef]
    recipients: list[ActorRef]
    place: PlaceRef | None
    date: str | None
    factuality: Factuality
    statement: int | None
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass(slots=True)
class Quantity:
    value: float
    low: float | None
    high: float | None
    approximate: bool
    category: str
    factuality: Factuality
    place: str | None
    event: int | None
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class Article:
    id: str
    uri: str
    site: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    text: str = ""
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an `Article` from its JSON form (the inverse of `Article.to_dict`)."""

    def ref(d: dict[str, Any] | None) -> ActorRef | None:
        return ActorRef(**d) if d else None

    def event(d: dict[str, Any]) -> Event:
        d = dict(d)
        d["actors"] = [ActorRef(**a) for a in d["actors"]]
        d["recipients"] = [ActorRef(**a) for a in d["recipients"]]
        d["place"] = PlaceRef(**d["place"]) if d.get("place") else None
        return Event(**d)

    def statement(d: dict[str, Any]) -> Statement:
        d = dict(d)
        d["speaker"] = ref(d.get("speaker"))
        return Statement(**d)

    data = dict(data)
    data["places"] = [Place(**p) for p in data.get("places", [])]
    data["actors"] = [Actor(**a) for a in data.get("actors", [])]
    data["events"] = [event(e) for e in data.get("events", [])]
    data["quantities"] = [Quantity(**q) for q in data.get("quantities", [])]
    data["statements"] = [statement(s) for s in data.get("statements", [])]
    data["errors"] = [Error(**e) for e in data.get("errors", [])]
    return Article(**data)
