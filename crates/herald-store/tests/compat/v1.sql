-- A herald store of format version 1, as SQL: the schema as version 1
-- wrote it, and one story with one event. Never edit this file; add one for
-- each new format version instead.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per stored story. `key` is what makes a story the same story on a
-- re-run: 'id:' || its id, or 'sha256:' || text_hash when the input gave no id.
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    story_id    TEXT NOT NULL,
    text_hash   TEXT NOT NULL,
    date        TEXT,
    day         TEXT,
    source      TEXT,
    title       TEXT,
    text        TEXT NOT NULL,
    extra       TEXT,
    status      TEXT NOT NULL CHECK (status IN ('coded', 'no_events')),
    origin      TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE sentences (
    story INTEGER NOT NULL REFERENCES stories(id),
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (story, idx)
) WITHOUT ROWID;

-- The same event (dyad, code, day) reported by several stories or sentences:
-- one row here, one row per report in `events`. Aggregates count these rows.
-- Undated events are never merged: without a day there is no way to tell.
CREATE TABLE canonical_events (
    id             INTEGER PRIMARY KEY,
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT,
    quad           INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    day            TEXT,
    mentions       INTEGER NOT NULL
);
CREATE UNIQUE INDEX canonical_key ON canonical_events (source_code, target_code, cameo, day);
CREATE INDEX canonical_day ON canonical_events (day);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    story          INTEGER NOT NULL REFERENCES stories(id),
    sentence       INTEGER NOT NULL,
    canonical      INTEGER NOT NULL REFERENCES canonical_events(id),
    date           TEXT,
    day            TEXT,
    source_code    TEXT NOT NULL,
    source_country TEXT,
    source_text    TEXT NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    target_code    TEXT,
    target_country TEXT,
    target_text    TEXT,
    target_start   INTEGER,
    target_end     INTEGER,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    cameo_name     TEXT NOT NULL,
    plover         TEXT,
    goldstein      REAL NOT NULL,
    quad           INTEGER NOT NULL,
    verb_text      TEXT NOT NULL,
    verb_start     INTEGER NOT NULL,
    verb_end       INTEGER NOT NULL,
    pattern        TEXT NOT NULL
);
CREATE INDEX events_dyad ON events (source_code, target_code, day);
CREATE INDEX events_target ON events (target_code, day);
CREATE INDEX events_countries ON events (source_country, target_country, day);
CREATE INDEX events_target_country ON events (target_country, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_story ON events (story);

-- Per-dyad totals over canonical events, undated ones included: the network.
CREATE TABLE dyads (
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    events         INTEGER NOT NULL,
    mentions       INTEGER NOT NULL,
    q1             INTEGER NOT NULL,
    q2             INTEGER NOT NULL,
    q3             INTEGER NOT NULL,
    q4             INTEGER NOT NULL,
    goldstein_sum  REAL NOT NULL,
    scored         INTEGER NOT NULL,
    PRIMARY KEY (source_code, target_code)
) WITHOUT ROWID;

-- The same per dyad and day, dated canonical events only: timelines.
CREATE TABLE dyad_daily (
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    day            TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    events         INTEGER NOT NULL,
    mentions       INTEGER NOT NULL,
    q1             INTEGER NOT NULL,
    q2             INTEGER NOT NULL,
    q3             INTEGER NOT NULL,
    q4             INTEGER NOT NULL,
    goldstein_sum  REAL NOT NULL,
    scored         INTEGER NOT NULL,
    PRIMARY KEY (source_code, target_code, day)
) WITHOUT ROWID;
CREATE INDEX dyad_daily_day ON dyad_daily (day);

-- Inputs that could not be read as stories. Re-reading the same bad input
-- does not add a row.
CREATE TABLE rejected (
    id     INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (origin, reason)
);

INSERT INTO meta VALUES ('format_version', '1'), ('created_by', 'herald-store 0.1.0');
INSERT INTO stories VALUES (1, 'id:02_border_clashes.txt', '02_border_clashes.txt',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '2024-03-05', '2024-03-05', NULL, NULL, 'Armenian troops attacked Azerbaijani positions.', NULL, 'coded',
  'examples/news/02_border_clashes.txt:1', '2024-03-05T10:00:00Z');
INSERT INTO sentences VALUES (1, 0, 0, 47, 'Armenian troops attacked Azerbaijani positions.');
INSERT INTO canonical_events VALUES (1, 'ARMMIL', 'AZE', 'ARM', 'AZE', '190', '19', 'ASSAULT', 4, -10.0, '2024-03-05', 1);
INSERT INTO events VALUES (1, 1, 0, 1, '2024-03-05', '2024-03-05', 'ARMMIL', 'ARM', 'Armenian troops', 0, 15, 'AZE', 'AZE',
  'Azerbaijani', 25, 36, '190', '19', 'Use conventional military force', 'ASSAULT', -10.0, 4, 'attacked', 16, 24,
  'verbs.txt:412 190 *attack +');
INSERT INTO dyads VALUES ('ARMMIL', 'AZE', 'ARM', 'AZE', 1, 1, 0, 0, 0, 1, -10.0, 1);
INSERT INTO dyad_daily VALUES ('ARMMIL', 'AZE', '2024-03-05', 'ARM', 'AZE', 1, 1, 0, 0, 0, 1, -10.0, 1);
