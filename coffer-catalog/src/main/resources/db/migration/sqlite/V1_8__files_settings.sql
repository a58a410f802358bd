-- FILES backups: how a node's data directory is made consistent while it is copied (its quiesce
-- method with settings, e.g. "stop-start stop='systemctl stop db' start='systemctl start db'"),
-- and what a file that changed while it was read does to the backup (warn or fail).
insert into config_default (scope, key, value, description) values
  ('node', 'quiesce', 'none', 'how FILES backups make the data directory consistent: a method and its KEY=VALUE settings'),
  ('node', 'on_change', 'warn', 'what a file that changed while a FILES backup read it does: warn or fail');
