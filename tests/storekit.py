"""Articles built by hand for store, cluster, query and export tests (no spaCy needed)."""

from __future__ import annotations

import hashlib

from eventwire.model import ActorRef, Article, Event, Place, PlaceRef

KHARKIV = ("Kharkiv", 49.9935, 36.2304, "UKR", 706483)
KYIV = ("Kyiv", 50.4501, 30.5234, "UKR", 703448)
IDLIB = ("Idlib", 35.9306, 36.6339, "SYR", 169388)


def event(
    plover: str = "ASSAULT",
    *,
    actors: tuple[tuple[str, str | None], ...] = (("Russian army", "RUS"),),
    recipients: tuple[tuple[str, str | None], ...] = (),
    place: tuple[str, float, float, str, int] | None = KHARKIV,
    date: str | None = "2024-11-01",
    cameo: str = "190",
    factuality: str = "asserted",
    sentence: str = "Russian forces shelled Kharkiv.",
) -> Event:
    return Event(
        plover=plover,
        mode=None,
        cameo=cameo,
        quad_class=4 if plover in ("ASSAULT", "COERCE") else 1,
        goldstein=-10.0 if plover == "ASSAULT" else 1.0,
        actors=[ActorRef(name=n, country=c, sector="MIL") for n, c in actors],
        recipients=[ActorRef(name=n, country=c) for n, c in recipients],
        place=PlaceRef(name=place[0], lat=place[1], lon=place[2], geonames_id=place[4])
        if place
        else None,
        date=date,
        factuality=factuality,  # type: ignore[arg-type]
        statement=None,
        sentence=sentence,
        start=0,
        end=len(sentence),
        confidence=0.9,
    )


def article(
    text: str,
    *,
    uri: str,
    site: str | None = None,
    events: list[Event] | None = None,
    published: str = "2024-11-01",
    title: str | None = None,
) -> Article:
    events = events or []
    places = {}
    for e in events:
        if e.place:
            places[e.place.name] = Place(
                name=e.place.name,
                lat=e.place.lat,
                lon=e.place.lon,
                geonames_id=e.place.geonames_id,
                country=_country(e.place.name),
                feature="PPLA",
                mentions=[[0, 1]],
            )
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        uri=uri,
        site=site,
        title=title or text[:40],
        published=published,
        language="en",
        text=text,
        events=events,
        places=list(places.values()),
    )


def _country(name: str) -> str | None:
    return {p[0]: p[3] for p in (KHARKIV, KYIV, IDLIB)}.get(name)


STORY = (
    "Russian forces shelled residential districts of Kharkiv overnight, killing three people "
    "and wounding twelve, the regional governor said on Friday. Rescue teams worked through "
    "the night to pull survivors from a damaged apartment block near the city centre, and "
    "officials warned that more strikes were expected as the offensive continued."
)
OTHER_STORY = (
    "Talks between the two delegations in Nairobi ended without agreement on Thursday after "
    "negotiators failed to settle the sequencing of a ceasefire and the release of prisoners; "
    "mediators said they would reconvene next month in Addis Ababa."
)
