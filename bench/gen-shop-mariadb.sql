-- Deterministic MariaDB benchmark database for bench/pg-bench.sh: the orders of gen-shop.sql in
-- MariaDB types (about a fifth of the bytes high-entropy), keyed, with a secondary index and a
-- foreign key. The row count comes from the session variable @rows:
--   (echo 'SET @rows = 800000;'; cat gen-shop-mariadb.sql) | mariadb DB
DROP TABLE IF EXISTS orders, customers;
CREATE TABLE customers (
  id          bigint PRIMARY KEY,
  name        varchar(100) NOT NULL,
  email       varchar(100) NOT NULL,
  country     char(2) NOT NULL,
  balance     decimal(14,2) NOT NULL,
  created_at  datetime NOT NULL
) ENGINE = InnoDB;
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL,
  created_at  datetime NOT NULL,
  amount      decimal(12,2) NOT NULL,
  status      varchar(16) NOT NULL,
  quantity    int NOT NULL,
  note        varchar(200),
  attrs       json,
  token       char(36) NOT NULL,
  signature   varbinary(32) NOT NULL,
  payload     varchar(64),
  KEY orders_created (created_at),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE = InnoDB;
SET @customers = GREATEST(@rows DIV 20, 1);
INSERT INTO customers
SELECT seq, CONCAT('Customer ', seq), CONCAT('customer', seq, '@example.org'),
       ELT(1 + seq % 8, 'DE', 'FR', 'IT', 'ES', 'NL', 'US', 'GB', 'PL'),
       ((seq * 7919) % 10000000) / 100.0,
       TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq * 7 SECOND
FROM seq_1_to_1000000000 WHERE seq <= @customers;
INSERT INTO orders
SELECT seq, 1 + (seq * 7919) % @customers, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq * 3 SECOND,
       ((seq * 104729) % 10000000) / 100.0, ELT(1 + seq % 5, 'open', 'paid', 'shipped', 'closed', 'returned'),
       1 + seq % 9, CONCAT('order for customer ', (seq * 7919) % 100000, ' via ', ELT(1 + seq % 3, 'web', 'phone', 'store')),
       JSON_OBJECT('channel', ELT(1 + seq % 3, 'web', 'phone', 'store'), 'priority', seq % 4, 'gift', seq % 11 = 0),
       MD5(CONCAT('order', seq)), UNHEX(SHA2(seq, 256)),
       TO_BASE64(UNHEX(CONCAT(MD5(seq), MD5(seq * 31))))
FROM seq_1_to_1000000000 WHERE seq <= @rows;
