-- A herald store of format version 2, as SQL: the schema as version 2
-- wrote it, and one story (with a URL) with one event, dumped from a store
-- that `herald ingest` filled. Never edit this file; add one for each new
-- format version instead.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta VALUES('format_version','2');
INSERT INTO meta VALUES('created_by','herald-store 0.1.0');
INSERT INTO meta VALUES('provenance','[{"herald":"0.1.0","model":"36c18f397c3d01cd1b1bb657e63dc108ee08b65d747b6fb4c8b71d3be58477c6","dictionaries":[{"name":"embedded:countries.tsv","sha256":"18bbe2626a866b021b755e233b6c06dcf1f7ea91361708d3c6abc3c241486f2c"},{"name":"embedded:igos.tsv","sha256":"f1579458540511fb27eb09440c03f063be31aff25638bbe665402388abdb4e6c"},{"name":"embedded:agents.tsv","sha256":"364369b7c86334edb8e4c0f4aba52f7b5d9e5c9d612559c0bf466efd43f133ae"},{"name":"embedded:verbs.txt","sha256":"2d7f76870a247b30beaf86b75141f7861aa7e9a631f181fa853a2717899be31f"},{"name":"embedded:irregular_verbs.tsv","sha256":"ff9194d84ab2d785292f25463a938afa89d3e56a5a6573dbc5d4d4e056c7aa2f"},{"name":"embedded:actors.tsv","sha256":"7b834903f273d1226048951f5251bd994cfad09b67fae03fa695e8ea03a9b648"}],"conventions":"herald","syntax":"parse"}]');
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
INSERT INTO stories VALUES(1,'id:a','a','2f63ba536b58e279ddaae7bd0c51c554b06e9e64d0a9f11e31dd00622d74253e','2024-03-05','2024-03-05','wire','Clashes','Armenian troops attacked Azerbaijani positions near the border.','{"url":"https://news.example/a"}','coded','v2.jsonl:1','2026-12-07T04:02:51Z');
CREATE TABLE sentences (
    story INTEGER NOT NULL REFERENCES stories(id),
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (story, idx)
) WITHOUT ROWID;
INSERT INTO sentences VALUES(1,0,0,63,'Armenian troops attacked Azerbaijani positions near the border.');
CREATE TABLE canonical_events (
    id             INTEGER PRIMARY KEY,
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT,
    quad           INTEGER,
    goldstein      REAL,
    day            TEXT,
    mentions       INTEGER NOT NULL
);
INSERT INTO canonical_events VALUES(1,'ARMMIL','AZE','ARM','AZE','190','19','ASSAULT',4,-10.0,'2024-03-05',1);
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
INSERT INTO dyads VALUES('ARMMIL','AZE','ARM','AZE',1,1,0,0,0,1,-10.0,1);
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
INSERT INTO dyad_daily VALUES('ARMMIL','AZE','2024-03-05','ARM','AZE',1,1,0,0,0,1,-10.0,1);
CREATE TABLE rejected (
    id     INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (origin, reason)
);
CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    story     INTEGER NOT NULL REFERENCES stories(id),
    sentence  INTEGER NOT NULL,
    canonical INTEGER NOT NULL REFERENCES canonical_events(id),
    day       TEXT,
    date TEXT,
    source_code TEXT NOT NULL,
    source_country TEXT,
    source_text TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    target_code TEXT,
    target_country TEXT,
    target_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    cameo TEXT NOT NULL,
    root TEXT NOT NULL,
    cameo_name TEXT,
    plover TEXT,
    goldstein REAL,
    quad INTEGER,
    verb_text TEXT NOT NULL,
    verb_start INTEGER NOT NULL,
    verb_end INTEGER NOT NULL,
    pattern TEXT NOT NULL,
    plover_mode TEXT,
    plover_context TEXT
);
INSERT INTO events VALUES(1,1,0,1,'2024-03-05','2024-03-05','ARMMIL','ARM','Armenian troops',0,15,'AZE','AZE','Azerbaijani',25,36,'190','19','Use conventional military force','ASSAULT',-10.0,4,'attacked',16,24,'verbs.txt:1946 190 *overrun|storm|raid|attack position|base|post|camp|headquarters|checkpoint',NULL,'military');
CREATE UNIQUE INDEX canonical_key ON canonical_events (source_code, target_code, cameo, day);
CREATE INDEX canonical_day ON canonical_events (day);
CREATE INDEX dyad_daily_day ON dyad_daily (day);
CREATE INDEX events_dyad ON events (source_code, target_code, day);
CREATE INDEX events_target ON events (target_code, day);
CREATE INDEX events_countries ON events (source_country, target_country, day);
CREATE INDEX events_target_country ON events (target_country, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_story ON events (story);
