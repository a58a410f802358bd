CREATE ROLE ${p}_reader;
CREATE ROLE ${p}_chief;
GRANT ${p}_reader TO ${p}_chief;
CREATE USER '${p}_app'@'%' IDENTIFIED BY 'app-secret' WITH MAX_QUERIES_PER_HOUR 500;
CREATE USER '${p}_app'@'localhost' IDENTIFIED BY 'other-secret';
CREATE USER '${p}_app_ro'@'%' IDENTIFIED BY 'not-captured';
CREATE USER '${p}_ünï'@'%';
GRANT ${p}_chief TO '${p}_app'@'%';
SET DEFAULT ROLE ${p}_chief FOR '${p}_app'@'%';
