CREATE TABLE customers (
  id INT PRIMARY KEY AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL UNIQUE,
  email VARCHAR(255) CHARACTER SET ascii,
  created DATETIME(6) NOT NULL DEFAULT '2024-01-01 00:00:00',
  note TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='customers ü';
CREATE TABLE orders (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  customer INT NOT NULL,
  amount DECIMAL(12,2) NOT NULL CHECK (amount >= 0),
  placed TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
  tags SET('a','b','c'),
  total_with_tax DECIMAL(12,2) AS (amount * 1.25) STORED,
  doc JSON,
  raw BLOB,
  ratio DOUBLE,
  small FLOAT,
  flag BIT(3),
  day DATE,
  at TIME(2),
  yr YEAR,
  ref UUID,
  CONSTRAINT fk_customer FOREIGN KEY (customer) REFERENCES customers (id) ON DELETE CASCADE,
  KEY placed_idx (placed)
) ENGINE=InnoDB;
CREATE TABLE `Tåble ✓` (`naïve` VARCHAR(50), `✓ col` INT) DEFAULT CHARSET=utf8mb4;
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(200)) ENGINE=InnoDB;
CREATE TABLE empty_one (id INT PRIMARY KEY);
CREATE SEQUENCE ticket START WITH 100 INCREMENT BY 5 NOCACHE;
INSERT INTO customers (name, email, note) VALUES
  ('Ann', 'ann@example.com', 'line1\nline2\ttab \\ backslash ''quote'' "double"'),
  ('Bjørn', NULL, '日本語 Ελληνικά 😀'),
  ('Chloé', 'c@example.com', NULL),
  ('(parens) and, commas', 'p@example.com', '),(');
INSERT INTO orders (customer, amount, placed, status, tags, doc, raw, ratio, small, flag, day, at, yr, ref)
  SELECT 1 + seq % 4, seq * 1.5, '2024-03-01 10:00:00.123' + INTERVAL seq MINUTE, ELT(1 + seq % 3, 'new', 'paid', 'shipped'),
         IF(seq % 2 = 0, 'a,c', ''), JSON_OBJECT('n', seq, 's', 'ü'), UNHEX(REPEAT('00FF', seq % 5)), seq / 7, seq / 3,
         b'101', '2024-01-01' + INTERVAL seq DAY, '12:34:56.78', 2024, UUID()
  FROM seq_1_to_500;
INSERT INTO `Tåble ✓` VALUES ('日本語', 1), ('emoji 😀', 2), (NULL, NULL);
SELECT NEXTVAL(ticket), NEXTVAL(ticket);
CREATE VIEW big_orders AS SELECT o.id, c.name, o.amount FROM orders o JOIN customers c ON c.id = o.customer WHERE o.amount > 500;
