SET ROLE ${p}_owner;
CREATE SCHEMA app;
CREATE SCHEMA "Ünïcödé";
COMMENT ON SCHEMA app IS 'application schema';

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a int, b text);

CREATE TABLE app.everything (
  id bigserial PRIMARY KEY,
  n numeric(30, 10),
  t text,
  b bytea,
  j jsonb,
  js json,
  arr int[],
  tarr text[],
  m app.mood,
  r int4range,
  tsr tstzrange,
  u uuid,
  ts timestamptz,
  tsn timestamp,
  d date,
  tm time,
  iv interval,
  f8 float8,
  f4 float4,
  bo boolean,
  p app.posint,
  doomed text,
  g bigint GENERATED ALWAYS AS (id * 2) STORED,
  x xml,
  ip inet,
  mac macaddr,
  pt point,
  bits bit varying(8),
  ch char(3),
  vc varchar(10),
  pr app.pair
);
ALTER TABLE app.everything DROP COLUMN doomed;
COMMENT ON TABLE app.everything IS 'one column per common type';
COMMENT ON COLUMN app.everything.j IS 'jsonb, with a comment';

INSERT INTO app.everything (n, t, b, j, js, arr, tarr, m, r, tsr, u, ts, tsn, d, tm, iv, f8, f4, bo, p, x, ip, mac, pt, bits, ch, vc, pr) VALUES
 (1234567890.0123456789, E'tab\there\nnewline \\ backslash ''quote''', '\x00ff10'::bytea, '{"a": [1, 2, {"b": null}], "ü": "✓"}', '{"keep": "spacing" }',
  '{1,2,NULL}', '{"a b","c,d",NULL,""}', 'happy', '[1,10)', '[2024-01-01 00:00+00,2024-06-01 12:00+02)', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  '2024-02-29 23:59:59.999999+05:30', '2024-02-29 23:59:59.123', '0001-01-01', '24:00:00', '1 year 2 mons 3 days 04:05:06.789', 'NaN', '-Infinity', true, 7,
  '<a href="x">ü</a>', '192.168.0.1/24', '08:00:2b:01:02:03', '(1.5,-2)', B'1011', 'ab', 'short', ROW(1, 'x')),
 (-0.0000000001, '日本語 😀 emoji', '', '[]', 'null', '{}', '{}', 'sad', 'empty', '(,)', NULL,
  'infinity', '-infinity', '2000-01-01', '00:00:00', '-1 day', 1e308, 3.4e38, false, 1,
  NULL, '::1', NULL, NULL, B'', 'x', '', ROW(NULL, NULL)),
 (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, -0.0, 1.17549435e-38, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO app.everything (t, f8) SELECT 'bulk ' || g, g / 3.0 FROM generate_series(1, 2000) g;

-- Built-in types only, with bytea: these rows travel in binary COPY (PgTable).
CREATE TABLE app.binary_rows (
  id bigint PRIMARY KEY, n numeric(30, 10), t text, b bytea, j jsonb, js json, arr int[], tarr text[],
  r int4range, tsr tstzrange, u uuid, ts timestamptz, tsn timestamp, d date, tm time, iv interval,
  f8 float8, f4 float4, bo boolean, doomed text, g bigint GENERATED ALWAYS AS (id * 2) STORED, x xml,
  ip inet, mac macaddr, pt point, bits bit varying(8), ch char(3), vc varchar(10), barr bytea[]
);
ALTER TABLE app.binary_rows DROP COLUMN doomed;
INSERT INTO app.binary_rows (id, n, t, b, j, js, arr, tarr, r, tsr, u, ts, tsn, d, tm, iv, f8, f4, bo, x, ip, mac, pt, bits, ch, vc, barr)
SELECT id, n, t, b, j, js, arr, tarr, r, tsr, u, ts, tsn, d, tm, iv, f8, f4, bo, x, ip, mac, pt, bits, ch, vc, ARRAY[b, NULL, '\x7f']
FROM app.everything;
-- A reg* column keeps a table in text COPY: its binary form is an oid, the text a name.
CREATE TABLE app.oid_refs (id int PRIMARY KEY, b bytea, rel regclass, typ regtype[]);
INSERT INTO app.oid_refs VALUES (1, '\x01', 'app.everything', '{app.mood,int4}');

CREATE TABLE app.idt (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text NOT NULL);
INSERT INTO app.idt (v) SELECT 'v' || g FROM generate_series(1, 25) g;

CREATE SEQUENCE app.counter START 100 INCREMENT 5;
SELECT nextval('app.counter'), nextval('app.counter'), nextval('app.counter');
CREATE SEQUENCE app.unused START 42;

CREATE TABLE app.customers (id int PRIMARY KEY, name text NOT NULL UNIQUE, owner_name name NOT NULL DEFAULT current_user);
CREATE TABLE app.orders (
  id int PRIMARY KEY,
  customer int NOT NULL REFERENCES app.customers(id) ON DELETE CASCADE,
  amount numeric(12, 2) CHECK (amount >= 0),
  placed timestamptz NOT NULL DEFAULT now(),
  updated timestamptz
);
CREATE INDEX orders_customer ON app.orders (customer);
CREATE INDEX orders_big ON app.orders (amount) WHERE amount > 100;
INSERT INTO app.customers (id, name, owner_name) SELECT g, 'customer ' || g, CASE WHEN g % 2 = 0 THEN '${p}_app' ELSE '${p}_ro' END FROM generate_series(1, 50) g;
INSERT INTO app.orders (id, customer, amount, placed) SELECT g, 1 + g % 50, g * 1.5, '2024-01-01'::timestamptz + g * interval '1 hour' FROM generate_series(1, 3000) g;

CREATE TABLE app.measurements (id int, region text NOT NULL, value numeric) PARTITION BY LIST (region);
CREATE TABLE app.measurements_eu PARTITION OF app.measurements FOR VALUES IN ('eu');
CREATE TABLE app.measurements_us PARTITION OF app.measurements FOR VALUES IN ('us');
CREATE TABLE app.measurements_other PARTITION OF app.measurements DEFAULT;
CREATE INDEX measurements_value ON app.measurements (value);
INSERT INTO app.measurements SELECT g, (ARRAY['eu', 'us', 'apac'])[1 + g % 3], g FROM generate_series(1, 300) g;

-- A parent whose rows are copied in key order without its child's rows, and a child without a key.
CREATE TABLE app.events (id int PRIMARY KEY, at timestamptz NOT NULL);
CREATE TABLE app.events_child (note text) INHERITS (app.events);
INSERT INTO app.events SELECT g, '2024-01-01'::timestamptz + g * interval '1 day' FROM generate_series(1, 20) g;
INSERT INTO app.events_child SELECT g, '2024-06-01', 'child ' || g FROM generate_series(101, 110) g;
-- Keyed by a unique index over NOT NULL columns, with an included column that is not part of the key.
CREATE TABLE app.lines (order_id int NOT NULL, line int NOT NULL, qty int, note text UNIQUE);
CREATE UNIQUE INDEX lines_key ON app.lines (order_id, line) INCLUDE (qty);
INSERT INTO app.lines SELECT g / 3, g % 3, g, NULL FROM generate_series(1, 90) g;

CREATE UNLOGGED TABLE app.scratch (k text PRIMARY KEY, v text);
INSERT INTO app.scratch VALUES ('a', '1'), ('b', NULL);

CREATE VIEW app.order_totals AS SELECT c.name, sum(o.amount) AS total FROM app.customers c JOIN app.orders o ON o.customer = c.id GROUP BY c.name;
CREATE MATERIALIZED VIEW app.big_customers AS SELECT name, total FROM app.order_totals WHERE total > 1000;
CREATE UNIQUE INDEX big_customers_name ON app.big_customers (name);
CREATE MATERIALIZED VIEW app.never_filled AS SELECT 1 AS one WITH NO DATA;

CREATE FUNCTION app.add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
COMMENT ON FUNCTION app.add(int, int) IS 'adds';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE PROCEDURE app.noop() LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;

CREATE TABLE app.secrets (id int PRIMARY KEY, owner_name name NOT NULL, secret text);
INSERT INTO app.secrets VALUES (1, '${p}_app', 'app secret'), (2, '${p}_ro', 'ro secret');
ALTER TABLE app.secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.secrets FOR SELECT TO ${p}_ro, ${p}_app USING (owner_name = current_user);
CREATE POLICY owner_all ON app.secrets TO ${p}_owner USING (true);

CREATE TABLE "Ünïcödé"."Tåble ✓" ("naïve column" text, "MixedCase" int);
INSERT INTO "Ünïcödé"."Tåble ✓" VALUES ('日本語', 1), ('Ελληνικά', 2), (E'emoji 😀\nline', 3);
COMMENT ON TABLE "Ünïcödé"."Tåble ✓" IS 'ünïcödé comment';

GRANT USAGE ON SCHEMA app TO ${p}_ro, ${p}_user;
GRANT USAGE ON SCHEMA "Ünïcödé" TO "${p}_Ünï ro";
GRANT SELECT ON ALL TABLES IN SCHEMA app TO ${p}_ro;
GRANT SELECT ON "Ünïcödé"."Tåble ✓" TO "${p}_Ünï ro";
GRANT INSERT, UPDATE ON app.orders TO ${p}_app;
GRANT UPDATE (t) ON app.everything TO ${p}_user;
GRANT USAGE ON SEQUENCE app.counter TO ${p}_app;
GRANT USAGE ON TYPE app.mood TO ${p}_app;
GRANT EXECUTE ON FUNCTION app.add(int, int) TO ${p}_user;
REVOKE EXECUTE ON FUNCTION app.add(int, int) FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO ${p}_ro;

SELECT lo_from_bytea(0, convert_to(repeat('large object ü ', 5000), 'UTF8'));
SELECT lo_from_bytea(0, '\x00010203'::bytea);
DO $$
DECLARE
  big oid;
BEGIN
  SELECT min(oid) INTO big FROM pg_largeobject_metadata;
  EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO ${p}_ro', big);
  EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', big, 'the big one');
END
$$;
RESET ROLE;
