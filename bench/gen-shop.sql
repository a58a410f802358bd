-- Deterministic benchmark database for bench/pg-bench.sh: mixed column types (bigint, integer,
-- numeric, text, timestamptz, jsonb, uuid, bytea, arrays, boolean, date), a primary key on every
-- table but one, secondary indexes and a foreign key, so that post-data has work to do. About a
-- fifth of the dump's bytes are high-entropy (hash output as bytea and base64 text); every value is a
-- function of the row number, so two runs with the same :rows produce the same database.
--   psql -v rows=2600000 -f gen-shop.sql      (about 1 GB of pg_dump -Fp output)
SET client_min_messages = warning;
DROP TABLE IF EXISTS audit_log, order_lines, orders, customers;

CREATE TABLE customers (
  id          bigint PRIMARY KEY,
  ref         uuid NOT NULL,
  name        text NOT NULL,
  email       text NOT NULL,
  country     char(2) NOT NULL,
  born        date,
  vip         boolean NOT NULL,
  balance     numeric(14,2) NOT NULL,
  tags        text[],
  created_at  timestamptz NOT NULL
);

CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL,
  created_at  timestamptz NOT NULL,
  amount      numeric(12,2) NOT NULL,
  status      text NOT NULL,
  quantity    integer NOT NULL,
  note        text,
  attrs       jsonb,
  token       uuid NOT NULL,
  signature   bytea NOT NULL,
  payload     text
);

-- Keyed by a NOT NULL unique pair instead of a primary key.
CREATE TABLE order_lines (
  order_id    bigint NOT NULL,
  line        smallint NOT NULL,
  sku         text NOT NULL,
  price       numeric(10,2) NOT NULL,
  discounts   integer[],
  UNIQUE (order_id, line)
);

-- No key at all: copied in physical order.
CREATE TABLE audit_log (
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,
  detail      jsonb
);

INSERT INTO customers
SELECT i,
       md5('customer' || i)::uuid,
       'Customer ' || i || ' ' || (ARRAY['Smith','Jones','Garcia','Müller','Rossi','Dubois'])[1 + i % 6],
       'customer' || i || '@' || (ARRAY['example.org','mail.example.com','shop.example.net'])[1 + i % 3],
       (ARRAY['DE','FR','IT','ES','NL','US','GB','PL'])[1 + i % 8],
       date '1950-01-01' + (i * 37 % 20000)::int,
       i % 17 = 0,
       ((i * 7919) % 10000000) / 100.0,
       ARRAY['segment-' || i % 5, 'region-' || i % 11],
       timestamptz '2020-01-01 00:00:00+00' + i * interval '7 seconds'
FROM generate_series(1::bigint, greatest(:rows / 20, 1)) AS i;

INSERT INTO orders
SELECT i,
       1 + (i * 7919) % greatest(:rows / 20, 1),
       timestamptz '2024-01-01 00:00:00+00' + i * interval '3 seconds',
       ((i * 104729) % 10000000) / 100.0,
       (ARRAY['open','paid','shipped','closed','returned'])[1 + i % 5],
       1 + i % 9,
       'order for customer ' || ((i * 7919) % 100000) || ' via ' || (ARRAY['web','phone','store'])[1 + i % 3],
       jsonb_build_object('channel', (ARRAY['web','phone','store'])[1 + i % 3], 'priority', i % 4,
                          'gift', i % 11 = 0, 'coupon', CASE WHEN i % 7 = 0 THEN 'SAVE' || i % 50 END),
       md5('order' || i)::uuid,
       sha256(int8send(i)),
       encode(decode(md5(i::text) || md5((i * 31)::text), 'hex'), 'base64')
FROM generate_series(1::bigint, :rows) AS i;

INSERT INTO order_lines
SELECT o, l::smallint,
       'SKU-' || lpad(((o * 31 + l * 7) % 50000)::text, 6, '0'),
       ((o * 13 + l) % 100000) / 100.0,
       CASE WHEN (o + l) % 4 = 0 THEN ARRAY[5, 10] END
FROM generate_series(1::bigint, :rows / 2) AS o, generate_series(1, 2) AS l;

INSERT INTO audit_log
SELECT timestamptz '2024-01-01 00:00:00+00' + i * interval '11 seconds',
       'user' || i % 300,
       (ARRAY['login','logout','update','export'])[1 + i % 4],
       jsonb_build_object('ip', '10.' || i % 256 || '.' || i / 256 % 256 || '.' || i / 65536 % 256, 'n', i)
FROM generate_series(1::bigint, :rows / 10) AS i;

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE INDEX customers_email_idx ON customers (email);
CREATE INDEX audit_log_at_idx ON audit_log (at);
VACUUM ANALYZE;
