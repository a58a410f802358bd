-- Deterministic benchmark database of the shape issue 12 measures on: one wide table with a bytea
-- column and secondary indexes holds nearly all the bytes, about a fifth of them incompressible
-- (SHA-256 output), the rest text-like. Every value is a function of the row number.
--   psql -v rows=400000 -f gen-wide.sql      (about 0.8 GB of pg_dump -Fp output)
SET client_min_messages = warning;
DROP TABLE IF EXISTS documents, folders;

CREATE TABLE folders (
  id    integer PRIMARY KEY,
  name  text NOT NULL
);

CREATE TABLE documents (
  id          bigint PRIMARY KEY,
  folder_id   integer NOT NULL REFERENCES folders (id),
  title       text NOT NULL,
  created_at  timestamptz NOT NULL,
  size        integer NOT NULL,
  body        bytea NOT NULL
);

INSERT INTO folders SELECT f, 'folder ' || f FROM generate_series(1, 1000) f;

-- body: 192 bytes of hash output (incompressible) and 760 bytes of repetitive text, as bytea;
-- no hash input repeats (neighbouring rows sharing hashes would compress away). COPY writes bytea
-- as hex, which doubles the bytes on the wire but not their entropy.
INSERT INTO documents
SELECT i,
       1 + i % 1000,
       'Document ' || i || ' of folder ' || (1 + i % 1000),
       timestamptz '2024-01-01 00:00:00+00' + i * interval '37 seconds',
       952,
       sha256(int8send(6 * i)) || sha256(int8send(6 * i + 1)) || sha256(int8send(6 * i + 2))
         || sha256(int8send(6 * i + 3)) || sha256(int8send(6 * i + 4)) || sha256(int8send(6 * i + 5))
         || convert_to(repeat('line ' || (i % 97) || ' of a plain text document body; ', 20), 'UTF8')
FROM generate_series(1, :rows) i;

CREATE INDEX documents_folder ON documents (folder_id, created_at);
CREATE INDEX documents_title ON documents (title);
ANALYZE;
