-- A day of changes to the database of gen-shop.sql, for the second backup of bench/pg-bench.sh.
-- scattered: 1% of the rows of every keyed table updated, spread uniformly (chosen by a hash of the
--            key, so the choice is deterministic but not evenly spaced);
-- clustered: the same number of updates in one key range;
-- both:      0.5% new orders (with their lines), customers and audit rows.
--   psql -v mode=scattered|clustered -f churn-shop.sql
\if :{?mode}
\else
\set mode scattered
\endif
SELECT :'mode' = 'scattered' AS scattered,
       (SELECT max(id) FROM orders) AS orders, (SELECT max(id) FROM customers) AS customers,
       (SELECT count(*) FROM audit_log) AS audits \gset

\if :scattered
UPDATE orders SET amount = amount + 1, status = 'changed', attrs = attrs || '{"changed": true}'
 WHERE abs(hashint8(id)) % 100 = 42;
UPDATE customers SET balance = balance + 1, vip = NOT vip WHERE abs(hashint8(id)) % 100 = 42;
UPDATE order_lines SET price = price + 1 WHERE abs(hashint8(order_id * 2 + line)) % 100 = 42;
\else
UPDATE orders SET amount = amount + 1, status = 'changed', attrs = attrs || '{"changed": true}'
 WHERE id BETWEEN :orders / 3 AND :orders / 3 + :orders / 100 - 1;
UPDATE customers SET balance = balance + 1, vip = NOT vip
 WHERE id BETWEEN :customers / 3 AND :customers / 3 + :customers / 100 - 1;
UPDATE order_lines SET price = price + 1
 WHERE order_id BETWEEN :orders / 3 AND :orders / 3 + :orders / 200 - 1;
\endif

INSERT INTO customers
SELECT i, md5('customer' || i)::uuid, 'New customer ' || i, 'new' || i || '@example.org', 'DE', NULL,
       false, 0, NULL, timestamptz '2025-06-01 00:00:00+00' + i * interval '1 second'
FROM generate_series(:customers::bigint + 1, :customers + greatest(:customers / 200, 1)) AS i;
INSERT INTO orders
SELECT i, 1 + (i * 7919) % :customers, timestamptz '2025-06-01 00:00:00+00' + i * interval '1 second',
       1.00, 'open', 1, 'new order ' || i, '{}', md5('order' || i)::uuid, sha256(int8send(i)),
       encode(decode(md5(i::text) || md5((i * 31)::text), 'hex'), 'base64')
FROM generate_series(:orders::bigint + 1, :orders + :orders / 200) AS i;
INSERT INTO order_lines
SELECT o, 1, 'SKU-NEW', 9.99, NULL FROM generate_series(:orders::bigint + 1, :orders + :orders / 200) AS o;
INSERT INTO audit_log
SELECT timestamptz '2025-06-01 00:00:00+00' + i * interval '1 second', 'user' || i % 300, 'update',
       jsonb_build_object('n', i)
FROM generate_series(:audits::bigint + 1, :audits + :audits / 200) AS i;
