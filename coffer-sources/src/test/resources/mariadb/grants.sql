GRANT SELECT ON ${db}.* TO ${p}_reader;
GRANT INSERT, UPDATE ON ${db}.`orders` TO '${p}_app'@'%';
GRANT SELECT (`id`, `name`) ON ${db}.`customers` TO '${p}_app'@'localhost';
GRANT EXECUTE ON PROCEDURE ${db}.`add_order` TO '${p}_app'@'%';
GRANT SELECT ON ${db}.`Tåble ✓` TO '${p}_ünï'@'%';
GRANT SELECT ON `${p}\_elsewhere`.* TO '${p}_app_ro'@'%';
