-- Deterministic benchmark database of many small tables: :tables tables of :rows rows each, mixed
-- column types, a primary key and one secondary index on each. Every value is a function of the
-- table and row numbers.
--   psql -v tables=400 -v rows=2000 -f gen-many.sql      (about 100 MB of pg_dump -Fp output)
SET client_min_messages = warning;
SELECT format('DROP TABLE IF EXISTS item_%s', t) FROM generate_series(1, :tables) t \gexec
SELECT format($$CREATE TABLE item_%1$s (
                  id bigint PRIMARY KEY, code text NOT NULL, price numeric(12,2) NOT NULL,
                  created_at timestamptz NOT NULL, attrs jsonb, digest bytea NOT NULL)$$, t)
FROM generate_series(1, :tables) t \gexec
SELECT format($$INSERT INTO item_%1$s
                SELECT i, 'code-%1$s-' || i, (i * 7 %% 100000) / 100.0,
                       timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute',
                       jsonb_build_object('table', %1$s, 'row', i, 'colour', (ARRAY['red','green','blue'])[1 + i %% 3]),
                       sha256(int8send(%1$s::bigint * 1000000 + i))
                FROM generate_series(1, %2$s) i$$, t, :rows)
FROM generate_series(1, :tables) t \gexec
SELECT format('CREATE INDEX ON item_%s (created_at)', t) FROM generate_series(1, :tables) t \gexec
ANALYZE;
