-- index match_postings_token
CREATE INDEX match_postings_token ON match_postings (token, n);

-- index match_rare_bucket
CREATE INDEX match_rare_bucket ON match_rare (bucket);

-- index units_digest
CREATE INDEX units_digest ON units (digest);

-- index units_key_length
CREATE INDEX units_key_length ON units (length(key), key) WHERE rtrim(key, '0123456789') LIKE '%:';

-- index units_pair_position
CREATE INDEX units_pair_position ON units (pair, position);

-- table align_embeddings
CREATE TABLE align_embeddings ( pair TEXT NOT NULL, model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (pair, model, key)) WITHOUT ROWID;

-- table documents
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    lang TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    n_segments INTEGER NOT NULL,
    created TEXT NOT NULL
);

-- table edit_history
CREATE TABLE edit_history (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT,
    op TEXT NOT NULL,
    keys TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    shift TEXT,
    undoable INTEGER NOT NULL,
    undone TEXT,
    undone_by TEXT,
    note TEXT
);

-- table match_postings
CREATE TABLE match_postings (
    id INTEGER PRIMARY KEY,
    token INTEGER NOT NULL,
    run INTEGER NOT NULL,
    n INTEGER NOT NULL,
    codes BLOB NOT NULL
, lo INTEGER, hi INTEGER);

-- table match_rare
CREATE TABLE match_rare (
    id INTEGER PRIMARY KEY,
    bucket INTEGER NOT NULL,
    run INTEGER NOT NULL,
    tokens BLOB NOT NULL,
    codes BLOB NOT NULL
);

-- table match_runs
CREATE TABLE match_runs (
    id INTEGER PRIMARY KEY,
    postings INTEGER NOT NULL
);

-- table pairs
CREATE TABLE pairs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    zh_doc INTEGER REFERENCES documents(id),
    en_doc INTEGER REFERENCES documents(id),
    created TEXT NOT NULL,
    changed TEXT NOT NULL
);

-- table segments
CREATE TABLE segments (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (doc, position)
) WITHOUT ROWID;

-- table units
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    pair INTEGER REFERENCES pairs(id),
    position INTEGER,
    zh TEXT NOT NULL,
    en TEXT NOT NULL,
    zh_segments TEXT,
    en_segments TEXT,
    shape TEXT,
    confidence REAL,
    origin TEXT NOT NULL CHECK (origin IN ('aligned', 'imported')),
    status TEXT NOT NULL CHECK (status IN ('translated', 'needs-review', 'reviewed')),
    created TEXT NOT NULL,
    changed TEXT NOT NULL,
    changed_by TEXT,
    note TEXT,
    props TEXT,
    digest INTEGER NOT NULL
, edited TEXT, orphaned TEXT, srclang TEXT, zh_lang TEXT, en_lang TEXT, meta TEXT, codes TEXT);

-- table units_en_fts
CREATE VIRTUAL TABLE units_en_fts USING fts5 (en, content='units', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0');

-- table units_en_fts_config
CREATE TABLE 'units_en_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table units_en_fts_data
CREATE TABLE 'units_en_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table units_en_fts_docsize
CREATE TABLE 'units_en_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table units_en_fts_idx
CREATE TABLE 'units_en_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

