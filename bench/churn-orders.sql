-- Changes for the second backup. Scattered: 1% of rows updated uniformly over the table, 0.5% new
-- rows. Clustered: the same number of updates in one key range.
-- psql -v rows=N -v mode=scattered|clustered -f churn-orders.sql
\if :{?mode}
\else
\set mode scattered
\endif
SELECT :'mode' = 'scattered' AS scattered \gset
\if :scattered
UPDATE orders SET amount = amount + 1, status = 'changed' WHERE id % 100 = 42;
\else
UPDATE orders SET amount = amount + 1, status = 'changed' WHERE id BETWEEN :rows / 2 AND :rows / 2 + :rows / 100 - 1;
\endif
INSERT INTO orders
SELECT i, (i * 7919) % 100000, now(), 1.00, 'open', 'new order ' || i,
       encode(decode(md5(i::text) || md5((i * 31)::text) || md5((i * 131)::text), 'hex'), 'base64'), '{}'
FROM generate_series(:rows::bigint + 1, :rows + :rows / 200) AS i;
