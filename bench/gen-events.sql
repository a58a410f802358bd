-- Deterministic benchmark database of one time series: :rows readings of 2,000 devices, each a
-- bigint key, integer, timestamptz, double, short text and uuid (no numeric, no bytea), with an index
-- on (device, at) and a foreign key to a small table of devices. Every value is a function of the
-- row number.
--   psql -v rows=3000000 -f gen-events.sql      (about 330 MB on disk with its indexes)
SET client_min_messages = warning;
DROP TABLE IF EXISTS readings, devices;
CREATE TABLE devices (
  id        integer PRIMARY KEY,
  name      text NOT NULL,
  installed date NOT NULL
);
CREATE TABLE readings (
  id      bigint PRIMARY KEY,
  device  integer NOT NULL REFERENCES devices (id),
  at      timestamptz NOT NULL,
  reading double precision NOT NULL,
  status  text NOT NULL,
  ref     uuid NOT NULL
);
INSERT INTO devices
SELECT d, 'device ' || d || ' in hall ' || (d % 17), date '2020-01-01' + (d % 1500)
FROM generate_series(1, 2000) d;
INSERT INTO readings
SELECT i, 1 + (hashint4(i) & 2147483647) % 2000,
       timestamptz '2026-01-01 00:00:00+00' + i * interval '100 milliseconds',
       ((hashint4(i + 7) & 2147483647) % 1000000) / 997.0,
       (ARRAY['ok', 'ok', 'ok', 'warn', 'fault', 'calibrating'])[1 + i % 6],
       md5(i::text)::uuid
FROM generate_series(1, :rows) i;
CREATE INDEX ON readings (device, at);
VACUUM ANALYZE;
