-- The Coffer catalog, SQLite dialect. The PostgreSQL folder holds the same schema in its dialect;
-- a change to one is made to both in the same commit.
-- Times are UTC epoch milliseconds and sizes are bytes, so both dialects store and compare them the
-- same way. Enumerated columns carry CHECK constraints so a value the code does not know is never
-- stored. AUTOINCREMENT keeps ids from being reused after the newest row is removed: history and
-- volumes refer to backups by id.

create table config_default (
  scope       text not null check (scope in ('agent', 'node')),
  key         text not null,
  value       text not null,
  description text not null,
  primary key (scope, key)
);

insert into config_default (scope, key, value, description) values
  ('node', 'backup_minute_window', '0-59', 'minutes from which a definition given no minute gets a random one'),
  ('node', 'backup_hour_window', '1-6', 'hours from which a definition given no hour gets a random one'),
  ('node', 'kind', 'FULL', 'kind of a definition that names none'),
  ('node', 'retention_period', '7 days', 'how long backups are kept when a definition names no period'),
  ('node', 'retention_redundancy', '1', 'successful backups kept whatever their age'),
  ('node', 'extra_parameters', '', 'extra parameters for the backup tool'),
  ('node', 'notification_address', '', 'where failure notices about this node go'),
  ('agent', 'max_parallel_jobs', '1', 'jobs this agent runs at once'),
  ('agent', 'notification_address', '', 'where failure notices about this agent go');

create table agent (
  id             integer primary key autoincrement,
  name           text not null unique,
  host           text not null,
  domain         text not null default '',
  status         text not null check (status in ('RUNNING', 'DOWN')),
  remarks        text not null default '',
  last_heartbeat integer,
  created_at     integer not null,
  updated_at     integer not null
);

create table agent_config (
  agent_id integer not null references agent (id) on delete cascade,
  key      text not null,
  value    text not null,
  primary key (agent_id, key)
);

create table node (
  id             integer primary key autoincrement,
  name           text not null unique,
  engine         text not null check (engine in ('postgresql', 'mariadb', 'sqlite', 'filesystem')),
  host           text not null default '',
  port           integer,
  admin_user     text not null default '',
  credential     text not null default 'none',
  data_directory text not null default '',
  status         text not null check (status in ('RUNNING', 'DOWN')),
  remarks        text not null default '',
  created_at     integer not null,
  updated_at     integer not null
);

create table node_config (
  node_id integer not null references node (id) on delete cascade,
  key     text not null,
  value   text not null,
  primary key (node_id, key)
);

create table volume (
  id         integer primary key autoincrement,
  name       text not null unique,
  location   text not null unique,
  remarks    text not null default '',
  created_at integer not null,
  updated_at integer not null
);

create table definition (
  id                   integer primary key autoincrement,
  agent_id             integer not null references agent (id),
  node_id              integer not null references node (id),
  volume_id            integer not null references volume (id),
  databases            text not null,
  cron_minute          text not null,
  cron_hour            text not null,
  cron_day_of_month    text not null,
  cron_month           text not null,
  cron_day_of_week     text not null,
  kind                 text not null check (kind in ('CLUSTER', 'FULL', 'SCHEMA', 'DATA', 'PHYSICAL', 'FILES')),
  level_plan           text not null default '0',
  retention_period     text not null,
  retention_redundancy integer not null check (retention_redundancy >= 1),
  expire               text,
  keep_daily           integer not null default 0 check (keep_daily >= 0),
  keep_weekly          integer not null default 0 check (keep_weekly >= 0),
  keep_monthly         integer not null default 0 check (keep_monthly >= 0),
  keep_yearly          integer not null default 0 check (keep_yearly >= 0),
  extra_parameters     text not null default '',
  verify_every         integer not null default 0 check (verify_every >= 0),
  status               text not null check (status in ('ACTIVE', 'STOPPED', 'DELETED')),
  remarks              text not null default '',
  created_at           integer not null,
  updated_at           integer not null
);
create index definition_node on definition (node_id);
create index definition_agent on definition (agent_id);
create index definition_volume on definition (volume_id);

create table oneoff (
  id               integer primary key autoincrement,
  agent_id         integer not null references agent (id),
  node_id          integer not null references node (id),
  volume_id        integer not null references volume (id),
  databases        text not null,
  kind             text not null check (kind in ('CLUSTER', 'FULL', 'SCHEMA', 'DATA', 'PHYSICAL', 'FILES')),
  run_at           integer not null,
  tag              text not null default '',
  retention_period text not null,
  expire           text,
  extra_parameters text not null default '',
  status           text not null check (status in ('WAITING', 'DONE', 'FAILED')),
  remarks          text not null default '',
  created_at       integer not null,
  updated_at       integer not null
);
create index oneoff_node on oneoff (node_id);
create index oneoff_agent on oneoff (agent_id);
create index oneoff_volume on oneoff (volume_id);
create index oneoff_due on oneoff (status, run_at);

create table backup (
  id             integer primary key autoincrement,
  definition_id  integer references definition (id),
  oneoff_id      integer references oneoff (id),
  node_id        integer not null references node (id),
  agent_id       integer references agent (id) on delete set null,
  volume_id      integer not null references volume (id),
  databases      text not null,
  kind           text not null check (kind in ('CLUSTER', 'FULL', 'SCHEMA', 'DATA', 'PHYSICAL', 'FILES')),
  manifest_id    text,
  level          integer not null default 0 check (level between 0 and 9),
  parent_id      integer references backup (id),
  started_at     integer not null,
  finished_at    integer,
  duration_ms    integer,
  bytes_read     integer not null default 0,
  bytes_new      integer not null default 0,
  bytes_stored   integer not null default 0,
  status         text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED')),
  error          text not null default '',
  log_tail       text not null default '',
  expire         text,
  expires_at     integer,
  checksum       text not null default '',
  server_version text not null default '',
  tool_version   text not null default '',
  roles          text not null default '',
  check (definition_id is null or oneoff_id is null),
  unique (volume_id, manifest_id)
);
-- "backup list --node X": the newest rows of one node, read backwards from this index.
create index backup_node_started on backup (node_id, started_at, id);
-- "backup list" without a node, and --since.
create index backup_started on backup (started_at, id);
create index backup_definition_started on backup (definition_id, started_at, id);
create index backup_oneoff on backup (oneoff_id);
create index backup_parent on backup (parent_id);
-- Oldest and newest backup of an agent, for its statistics.
create index backup_agent on backup (agent_id, started_at);

-- Running totals of backups per node, agent, status and kind, kept by the triggers below on every
-- insert, update and delete of a backup, whoever writes it. Statistics over a million backups
-- then read a few thousand rows instead of a million. agent_key is the agent's id, 0 for none.
create table backup_totals (
  node_id      integer not null,
  agent_key    integer not null,
  status       text not null,
  kind         text not null,
  backups      integer not null,
  bytes_read   integer not null,
  bytes_new    integer not null,
  bytes_stored integer not null,
  duration_ms  integer not null,
  durations    integer not null,
  primary key (node_id, agent_key, status, kind)
);
create index backup_totals_agent on backup_totals (agent_key);

create trigger backup_totals_insert after insert on backup
begin
  insert into backup_totals values (new.node_id, coalesce(new.agent_id, 0), new.status, new.kind, 1,
      new.bytes_read, new.bytes_new, new.bytes_stored, coalesce(new.duration_ms, 0),
      case when new.duration_ms is null then 0 else 1 end)
    on conflict (node_id, agent_key, status, kind) do update set backups = backups + 1,
      bytes_read = bytes_read + excluded.bytes_read, bytes_new = bytes_new + excluded.bytes_new,
      bytes_stored = bytes_stored + excluded.bytes_stored, duration_ms = duration_ms + excluded.duration_ms,
      durations = durations + excluded.durations;
end;

create trigger backup_totals_delete after delete on backup
begin
  update backup_totals set backups = backups - 1, bytes_read = bytes_read - old.bytes_read,
      bytes_new = bytes_new - old.bytes_new, bytes_stored = bytes_stored - old.bytes_stored,
      duration_ms = duration_ms - coalesce(old.duration_ms, 0),
      durations = durations - case when old.duration_ms is null then 0 else 1 end
    where node_id = old.node_id and agent_key = coalesce(old.agent_id, 0) and status = old.status and kind = old.kind;
  delete from backup_totals where node_id = old.node_id and agent_key = coalesce(old.agent_id, 0)
    and status = old.status and kind = old.kind and backups = 0;
end;

create trigger backup_totals_update
after update of node_id, agent_id, status, kind, bytes_read, bytes_new, bytes_stored, duration_ms on backup
begin
  update backup_totals set backups = backups - 1, bytes_read = bytes_read - old.bytes_read,
      bytes_new = bytes_new - old.bytes_new, bytes_stored = bytes_stored - old.bytes_stored,
      duration_ms = duration_ms - coalesce(old.duration_ms, 0),
      durations = durations - case when old.duration_ms is null then 0 else 1 end
    where node_id = old.node_id and agent_key = coalesce(old.agent_id, 0) and status = old.status and kind = old.kind;
  delete from backup_totals where node_id = old.node_id and agent_key = coalesce(old.agent_id, 0)
    and status = old.status and kind = old.kind and backups = 0;
  insert into backup_totals values (new.node_id, coalesce(new.agent_id, 0), new.status, new.kind, 1,
      new.bytes_read, new.bytes_new, new.bytes_stored, coalesce(new.duration_ms, 0),
      case when new.duration_ms is null then 0 else 1 end)
    on conflict (node_id, agent_key, status, kind) do update set backups = backups + 1,
      bytes_read = bytes_read + excluded.bytes_read, bytes_new = bytes_new + excluded.bytes_new,
      bytes_stored = bytes_stored + excluded.bytes_stored, duration_ms = duration_ms + excluded.duration_ms,
      durations = durations + excluded.durations;
end;

create table restore_definition (
  id                 integer primary key autoincrement,
  backup_id          integer not null references backup (id),
  agent_id           integer not null references agent (id),
  target_node_id     integer not null references node (id),
  target_database    text not null,
  rename_existing_to text,
  roles_policy       text not null check (roles_policy in ('REUSE_EXISTING', 'SKIP', 'FAIL_ON_EXISTING')),
  run_at             integer not null,
  extra_parameters   text not null default '',
  status             text not null check (status in ('WAITING', 'DONE', 'FAILED')),
  remarks            text not null default '',
  created_at         integer not null,
  updated_at         integer not null
);
create index restore_definition_backup on restore_definition (backup_id);
create index restore_definition_node on restore_definition (target_node_id);
create index restore_definition_agent on restore_definition (agent_id);

create table restore (
  id                    integer primary key autoincrement,
  restore_definition_id integer references restore_definition (id) on delete set null,
  backup_id             integer references backup (id) on delete set null,
  manifest_id           text not null default '',
  agent_id              integer references agent (id) on delete set null,
  target_node_id        integer references node (id) on delete set null,
  target_database       text not null,
  renamed_existing_to   text,
  started_at            integer not null,
  finished_at           integer,
  duration_ms           integer,
  bytes_written         integer not null default 0,
  status                text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED')),
  error                 text not null default '',
  log_tail              text not null default '',
  roles                 text not null default '',
  server_version        text not null default '',
  tool_version          text not null default ''
);
create index restore_started on restore (started_at, id);
create index restore_backup on restore (backup_id);
create index restore_node on restore (target_node_id);

create table job (
  id                    integer primary key autoincrement,
  type                  text not null check (type in ('BACKUP', 'RESTORE', 'VERIFY', 'PRUNE', 'RETENTION')),
  state                 text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED')),
  agent_id              integer references agent (id) on delete set null,
  claimed_by            integer references agent (id) on delete set null,
  definition_id         integer references definition (id) on delete set null,
  oneoff_id             integer references oneoff (id) on delete set null,
  restore_definition_id integer references restore_definition (id) on delete set null,
  backup_id             integer references backup (id) on delete set null,
  parameters            text not null default '',
  progress              real not null default 0,
  progress_message      text not null default '',
  abort_requested       integer not null default 0,
  error                 text not null default '',
  created_at            integer not null,
  claimed_at            integer,
  heartbeat_at          integer,
  finished_at           integer
);
create index job_queue on job (state, id);
create index job_definition on job (definition_id);
create index job_backup on job (backup_id);

create table history (
  id      integer primary key autoincrement,
  at      integer not null,
  actor   text not null,
  action  text not null,
  subject text not null,
  detail  text not null default '',
  result  text not null
);
create index history_at on history (at, id);
