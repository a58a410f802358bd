-- Verifications: a backup restored into scratch databases and compared with what it recorded. They
-- belong to their backup and go with it.
create table verification (
  id                integer primary key autoincrement,
  backup_id         integer not null references backup (id) on delete cascade,
  node_id           integer references node (id) on delete set null,
  agent_id          integer references agent (id) on delete set null,
  scratch_databases text not null default '',
  scope             text not null check (scope in ('CONTENT', 'SCHEMA')),
  started_at        integer not null,
  finished_at       integer,
  duration_ms       integer,
  status            text not null check (status in ('RUNNING', 'PASSED', 'FAILED', 'ERROR')),
  tables_checked    integer not null default 0,
  rows_checked      integer not null default 0,
  differences       text not null default '',
  error             text not null default ''
);
create index verification_backup on verification (backup_id, started_at);
create index verification_node on verification (node_id);
