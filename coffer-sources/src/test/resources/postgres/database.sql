ALTER DATABASE ${db} OWNER TO ${p}_owner;
ALTER DATABASE ${db} SET timezone = 'Europe/Oslo';
ALTER DATABASE ${db} SET search_path = app, public;
ALTER ROLE ${p}_app IN DATABASE ${db} SET statement_timeout = '5s';
REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC;
GRANT CONNECT ON DATABASE ${db} TO ${p}_app;
GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${p}_user WITH GRANT OPTION;
COMMENT ON DATABASE ${db} IS 'fidelity: ünïcödé ✓';
