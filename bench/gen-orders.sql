-- Deterministic benchmark database: mixed column types, about 20% of the dump's bytes are
-- high-entropy (base64 of hash output), the rest ordinary text, numbers, dates and JSON.
-- psql -v rows=4000000 -f gen-orders.sql
DROP TABLE IF EXISTS orders;
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id integer NOT NULL,
  created_at  timestamptz NOT NULL,
  amount      numeric(12,2) NOT NULL,
  status      text NOT NULL,
  note        text,
  payload     text,
  attrs       jsonb
);
INSERT INTO orders
SELECT i,
       (i * 7919) % 100000,
       timestamptz '2024-01-01' + (i % 86400) * interval '1 second' + (i / 86400) * interval '1 day',
       ((i * 104729) % 10000000) / 100.0,
       (ARRAY['open','paid','shipped','closed','returned'])[1 + i % 5],
       'order for customer ' || ((i * 7919) % 100000) || ' via ' || (ARRAY['web','phone','store'])[1 + i % 3],
       encode(decode(md5(i::text) || md5((i * 31)::text) || md5((i * 131)::text), 'hex'), 'base64'),
       jsonb_build_object('channel', (ARRAY['web','phone','store'])[1 + i % 3], 'priority', i % 4, 'gift', i % 11 = 0)
FROM generate_series(1::bigint, :rows) AS i;
ANALYZE orders;
