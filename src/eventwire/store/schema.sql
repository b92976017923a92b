-- Version 1 of the eventwire store. One row per article (failed ones too), and one table per
-- kind of annotation, keyed by (article_id, idx) where idx is the position in the article's
-- JSON list, so that indexes inside the JSON (event.statement, quantity.event) stay valid.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL,
    site TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    author TEXT,
    text TEXT NOT NULL,
    failed INTEGER NOT NULL,
    schema_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    json TEXT NOT NULL
);
CREATE INDEX articles_uri ON articles(uri);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE errors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    geonames_id INTEGER,
    lat REAL,
    lon REAL,
    feature TEXT,
    country TEXT,
    admin1 TEXT,
    confidence REAL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX places_country ON places(country);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    title TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    plover TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    quad_class INTEGER,
    goldstein REAL,
    place_name TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    date TEXT,
    factuality TEXT NOT NULL,
    statement INTEGER,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_plover ON events(plover);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_date ON events(date);

-- Actors and recipients of events: one row per participant (PLOVER's compound actors).
CREATE TABLE event_participants (
    article_id TEXT NOT NULL,
    event_idx INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    PRIMARY KEY (article_id, event_idx, role, position),
    FOREIGN KEY (article_id, event_idx) REFERENCES events(article_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_participants_country ON event_participants(country);
CREATE INDEX event_participants_name ON event_participants(name);

CREATE TABLE quantities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    value REAL NOT NULL,
    low REAL,
    high REAL,
    approximate INTEGER NOT NULL,
    category TEXT NOT NULL,
    factuality TEXT NOT NULL,
    place TEXT,
    event INTEGER,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quantities_category ON quantities(category);

CREATE TABLE statements (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker_name TEXT,
    speaker_country TEXT,
    speaker_sector TEXT,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- Full-text search over titles and bodies, kept in step with `articles` by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
