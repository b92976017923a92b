"""Event dates: the article's publication date, moved back when the sentence names a nearer day.

Only what news writing makes unambiguous relative to the dateline: "yesterday", "today",
"last night", and a weekday ("on Sunday" = the last Sunday on or before publication). Anything
else keeps the publication date rather than guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def event_date(published: str | None, sent: Any) -> str | None:
    """ISO date of the event reported in `sent` (a spaCy Span), or `published` as given."""
    day = _parse(published)
    if day is None:
        return published
    for token in sent:
        low = token.lower_
        last_night = low == "night" and token.i > sent.start and token.nbor(-1).lower_ == "last"
        if low == "yesterday" or last_night:
            return (day - dt.timedelta(days=1)).isoformat()
        if low in WEEKDAYS and token.ent_type_ == "DATE":
            back = (day.weekday() - WEEKDAYS.index(low)) % 7
            return (day - dt.timedelta(days=back)).isoformat()
    return published


def _parse(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
