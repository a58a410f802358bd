-- A restore definition carries every option of `restore run`, so that its agent carries it out
-- exactly as that command would: what to do with an existing target database (a renamed one is
-- named <name>_<time of the restore> by the driver, so an explicit rename name is no longer kept),
-- timestamped names, parallel jobs, keeping what a failed restore created. started_at marks a
-- definition an agent has taken, so that it runs once; error says why it FAILED.
alter table restore_definition add column existing_policy text not null default 'REFUSE'
  check (existing_policy in ('REFUSE', 'RENAME', 'DROP'));
update restore_definition set existing_policy = 'RENAME' where rename_existing_to is not null;
alter table restore_definition drop column rename_existing_to;
alter table restore_definition add column timestamped integer not null default 0;
alter table restore_definition add column jobs integer not null default 0;
alter table restore_definition add column keep_failed integer not null default 0;
alter table restore_definition add column started_at integer;
alter table restore_definition add column error text not null default '';
create index restore_definition_due on restore_definition (status, run_at);
