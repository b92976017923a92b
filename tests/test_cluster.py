"""Near-duplicate articles and event merging, as functions and through the store."""

from __future__ import annotations

from datetime import date

from eventwire import cluster
from eventwire.store import open_store
from storekit import IDLIB, KHARKIV, KYIV, OTHER_STORY, STORY, article, event


def test_signature_similarity_tracks_jaccard():
    a = cluster.signature(STORY)
    edited = STORY.replace("three people", "three civilians").replace("Friday", "Saturday")
    b = cluster.signature(edited)
    c = cluster.signature(OTHER_STORY)
    assert a is not None and b is not None and c is not None
    assert cluster.similarity(a, a) == 1.0
    assert cluster.similarity(a, b) >= cluster.DUPLICATE_THRESHOLD
    assert cluster.similarity(a, c) < 0.2
    # Signatures survive the trip through the store's BLOB column.
    assert (cluster.signature_from_bytes(cluster.signature_bytes(a)) == a).all()
    assert cluster.signature("") is None


def test_band_keys_are_stable_signed_64_bit():
    sig = cluster.signature(STORY)
    keys = cluster.band_keys(sig)
    assert len(keys) == cluster.BANDS
    assert keys == cluster.band_keys(cluster.signature(STORY))
    assert all(-(2**63) <= k < 2**63 for k in keys)


def test_group_pairs():
    assert cluster.group_pairs([{"a", "b", "c"}, {"d"}]) == {
        frozenset("ab"),
        frozenset("ac"),
        frozenset("bc"),
    }


def _view(**kw):
    base = {
        "id": 1,
        "plover": "ASSAULT",
        "actors": {"c:RUS"},
        "first": date(2024, 11, 1),
        "last": date(2024, 11, 2),
        "place_key": "kharkiv",
        "lat": KHARKIV[1],
        "lon": KHARKIV[2],
    }
    base.update(kw)
    return cluster.ClusterView(**base)


def test_merge_rule():
    doc = article(STORY, uri="u", events=[event()])
    key = cluster.event_key(doc.events[0], doc)
    assert cluster.matches(key, _view())
    assert not cluster.matches(key, _view(plover="PROTEST"))  # another type
    assert not cluster.matches(key, _view(actors={"c:UKR"}))  # no actor in common
    assert cluster.matches(key, _view(actors={"c:UKR", "cs:RUS/MIL"}))  # same country+sector
    assert not cluster.matches(key, _view(lat=KYIV[1], lon=KYIV[2]))  # 410 km away
    assert cluster.matches(key, _view(lat=50.05, lon=36.3))  # a suburb, ~8 km
    assert not cluster.matches(key, _view(first=date(2024, 11, 10), last=date(2024, 11, 12)))
    # The window is around the cluster's whole range, which grows with the event.
    assert cluster.matches(key, _view(first=date(2024, 10, 1), last=date(2024, 10, 30)))
    no_actors = cluster.event_key(event(actors=()), doc)
    assert cluster.matches(no_actors, _view(actors=set()))  # same place ties them
    assert not cluster.matches(no_actors, _view())  # an identity on one side only
    assert not cluster.matches(no_actors, _view(lat=None, lon=None, place_key=None))


def test_unknown_place_or_date_blocks_a_merge():
    doc = article(STORY, uri="u", events=[event()])
    key = cluster.event_key(doc.events[0], doc)
    assert not cluster.matches(key, _view(lat=None, lon=None, place_key=None))
    assert not cluster.matches(key, _view(first=None, last=None))
    unplaced = cluster.event_key(event(place=None), doc)
    assert not cluster.matches(unplaced, _view())
    undated_doc = article(STORY, uri="u2", events=[event(date=None)], published="")
    undated = cluster.event_key(undated_doc.events[0], undated_doc)
    assert undated.date is None
    assert not cluster.matches(undated, _view())


def test_role_nouns_are_no_identity():
    for generic in (
        "officials",
        "Officials",
        "leaders",
        "police",
        "people",
        "Kyiv officials",
        "Syrian officials",
        "the authorities",
        "Dhaka factory owners",
    ):
        assert not cluster.is_proper_name(generic), generic
    for proper in ("Sergei Lavrov", "Hamas", "ECOWAS", "Hayat Tahrir al-Sham"):
        assert cluster.is_proper_name(proper), proper
    assert cluster.identity_keys("leaders", None, "GOV") == set()
    assert cluster.identity_keys("Kyiv officials", "UKR", "GOV") == {"c:UKR", "cs:UKR/GOV"}
    assert "n:sergei lavrov" in cluster.identity_keys("Sergei Lavrov", "RUS", "GOV")


def test_unrelated_reports_stay_apart_in_the_store(tmp_path):
    # Kyiv officials warn of a Russian offensive (no place) vs Russia and Syria threatening
    # Idlib; a Dhaka factory-owners meeting vs an ECOWAS summit, both with "leaders".
    warn = event(
        "COERCE",
        actors=(("Kyiv officials", "UKR"),),
        recipients=(("Moscow", "RUS"),),
        place=None,
        sentence="Kyiv officials warned that Moscow plans a new offensive.",
    )
    idlib = event(
        "COERCE",
        actors=(("Russia", "RUS"), ("Syria", "SYR")),
        place=IDLIB,
        sentence="Russia and Syria threatened an assault on Idlib.",
    )
    dhaka = event("CONSULT", actors=(("leaders", None),), place=None, sentence="Leaders met.")
    ecowas = event(
        "CONSULT", actors=(("leaders", None),), place=None, sentence="ECOWAS leaders met."
    )
    docs = [
        article(STORY, uri="a", site="a.example", events=[warn]),
        article(OTHER_STORY, uri="b", site="b.example", events=[idlib]),
        article(STORY + " Dhaka.", uri="c", site="c.example", events=[dhaka]),
        article(OTHER_STORY + " Abuja.", uri="d", site="d.example", events=[ecowas]),
    ]
    with open_store(tmp_path / "s.db") as store:
        store.write(docs)
        clusters = store.connection.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
    assert clusters == 4


def test_haversine():
    assert 400 < cluster.haversine_km(*KHARKIV[1:3], *KYIV[1:3]) < 420


def test_near_duplicates_share_a_group_and_count_once(tmp_path):
    copies = [
        article(STORY, uri="https://wire.example/a1", site="wire.example", events=[event()]),
        article(
            STORY.replace("Friday", "Saturday") + " Reporting by Staff.",
            uri="https://daily.example/x",
            site="daily.example",
            events=[event()],
        ),
        article(
            "Kharkiv: " + STORY.replace("twelve", "12"),
            uri="https://times.example/y",
            site="times.example",
            events=[event()],
        ),
    ]
    independent = article(
        "A separate report. Ukrainian officials in Kharkiv said artillery fire from Russian "
        "positions hit a school and a market in the north of the city on Friday morning.",
        uri="https://other.example/z",
        site="other.example",
        events=[event(sentence="Artillery fire from Russian positions hit a school.")],
    )
    with open_store(tmp_path / "s.db") as store:
        store.write(copies[:2])
        store.write([copies[2], independent])  # a later batch joins the same group
        c = store.connection
        groups = dict(c.execute("SELECT id, group_id FROM articles"))
        assert groups[copies[1].id] == groups[copies[0].id] == groups[copies[2].id]
        assert groups[independent.id] == independent.id
        rows = c.execute(
            "SELECT num_articles, num_sources, num_mentions, corroboration FROM event_clusters"
        ).fetchall()
    # One event, four articles on four sites, but only two independent sources.
    assert rows == [(4, 4, 4, 2)]


def test_events_merge_across_batches_over_the_event_life(tmp_path):
    days = ["2024-11-01", "2024-11-03", "2024-11-06", "2024-11-09"]
    with open_store(tmp_path / "s.db") as store:
        for n, day in enumerate(days):
            doc = article(
                f"Report {n} on the shelling of Kharkiv, day {day}, with its own words {n}.",
                uri=f"https://site{n}.example/a",
                site=f"site{n}.example",
                published=day,
                events=[event(date=day, sentence=f"Shelling on {day}.")],
            )
            store.write([doc])
        # A different event: same actors and day, but in Idlib.
        store.write(
            [
                article(
                    "Strikes hit Idlib province.",
                    uri="https://site9.example/b",
                    site="site9.example",
                    events=[event(place=IDLIB)],
                )
            ]
        )
        rows = store.connection.execute(
            "SELECT date, date_last, num_articles, num_sources, place_name FROM event_clusters"
            " ORDER BY id"
        ).fetchall()
    # Each report is within 3 days of the cluster's last day, so one cluster spans 8 days.
    assert rows == [
        ("2024-11-01", "2024-11-09", 4, 4, "Kharkiv"),
        ("2024-11-01", "2024-11-01", 1, 1, "Idlib"),
    ]


def test_a_long_lived_event_still_gathers_reports(tmp_path):
    # Reports every 3 days for 45 days: the cluster outlives the 30-day short-life lookup.
    days = [f"2024-{11 + (d // 30)}-{d % 30 + 1:02d}" for d in range(0, 46, 3)]
    with open_store(tmp_path / "s.db") as store:
        for n, day in enumerate(days):
            doc = article(
                f"Siege report {n} from Kharkiv on {day}.",
                uri=f"https://s{n}.example/a",
                site=f"s{n}.example",
                published=day,
                events=[event(date=day)],
            )
            store.write([doc])
        rows = store.connection.execute(
            "SELECT date, date_last, num_articles, long_lived FROM event_clusters"
        ).fetchall()
    assert rows == [(days[0], days[-1], len(days), 1)]


def test_a_new_version_replaces_the_old_in_its_cluster(tmp_path):
    first = article(STORY, uri="https://a.example/1", site="a.example", events=[event()])
    second = article(
        STORY + " Update: the toll rose to five.",
        uri="https://a.example/1",
        site="a.example",
        events=[event(sentence="Update sentence.")],
    )
    with open_store(tmp_path / "s.db") as store:
        store.write([first])
        store.write([second])
        c = store.connection
        versions = c.execute("SELECT id, version, latest FROM articles ORDER BY version").fetchall()
        cluster_rows = c.execute(
            "SELECT num_articles, num_mentions, sentence FROM event_clusters"
        ).fetchall()
    assert versions == [(first.id, 1, 0), (second.id, 2, 1)]
    assert cluster_rows == [(1, 1, "Update sentence.")]
