-- Version 2: article versions, near-duplicate groups, and event clusters.

-- An article is identified by its content; its `uri` may be seen again with other content.
-- Each content seen at a uri is a version (1, 2, ...); only the newest (`latest` = 1) counts in
-- event clusters. `fetched` is when a crawler fetched it (WARC-Date), kept apart from
-- `published`. `group_id` is the id of the first article of its near-duplicate group.
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN latest INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN fetched TEXT;
ALTER TABLE articles ADD COLUMN group_id TEXT;
CREATE INDEX articles_uri_version ON articles(uri, version);
CREATE INDEX articles_group ON articles(group_id);

-- MinHash signatures and their LSH band buckets, to find near-duplicates of a new article.
CREATE TABLE article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    minhash BLOB NOT NULL
);
CREATE TABLE article_lsh (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;

-- One row per real-world event, merged over every article that reports it.
-- `corroboration`: independent sources, i.e. distinct sites once near-duplicate copies of one
-- story count once. Counts cover the latest version of each article only.
CREATE TABLE event_clusters (
    id INTEGER PRIMARY KEY,
    plover TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    quad_class INTEGER,
    goldstein REAL,
    factuality TEXT NOT NULL,
    date TEXT,
    date_last TEXT,
    place_name TEXT,
    place_key TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    feature TEXT,
    country TEXT,
    admin1 TEXT,
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    corroboration INTEGER NOT NULL DEFAULT 0,
    sentence TEXT,
    source_url TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX event_clusters_plover_date ON event_clusters(plover, date);
CREATE INDEX event_clusters_cameo ON event_clusters(cameo);
CREATE INDEX event_clusters_date ON event_clusters(date);
CREATE INDEX event_clusters_country ON event_clusters(country);
CREATE INDEX event_clusters_lat_lon ON event_clusters(lat, lon);
CREATE INDEX event_clusters_factuality ON event_clusters(factuality);
CREATE INDEX event_clusters_num_sources ON event_clusters(num_sources);

CREATE TABLE event_cluster_members (
    article_id TEXT NOT NULL,
    event_idx INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, event_idx),
    FOREIGN KEY (article_id, event_idx) REFERENCES events(article_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_cluster_members_cluster ON event_cluster_members(cluster_id);

-- The union of a cluster's participants, and search terms for `--actor NAME`.
CREATE TABLE cluster_actors (
    cluster_id INTEGER NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    PRIMARY KEY (cluster_id, role, name)
);
CREATE INDEX cluster_actors_country ON cluster_actors(country, cluster_id);
CREATE TABLE cluster_actor_terms (
    term TEXT NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    PRIMARY KEY (term, cluster_id)
) WITHOUT ROWID;

-- Where an event happened, as the article's place list resolved it (for `--country`).
ALTER TABLE events ADD COLUMN place_country TEXT;
ALTER TABLE events ADD COLUMN place_admin1 TEXT;
ALTER TABLE events ADD COLUMN place_feature TEXT;

-- Finding the clusters a new report may join: same type, still alive near its date.
CREATE INDEX event_clusters_plover_last ON event_clusters(plover, date_last);
