-- The process that carries out a backup, restore or verification: its host, pid and the time the
-- process started (pid numbers are reused; the start time tells a reused pid from the runner).
-- A run left RUNNING by a process that is gone (killed, crashed, host rebooted) is found by these
-- and recorded FAILED (ERROR for a verification) the next time Coffer opens the catalog on that host.
alter table backup add column runner_host text not null default '';
alter table backup add column runner_pid integer;
alter table backup add column runner_started integer;
alter table restore add column runner_host text not null default '';
alter table restore add column runner_pid integer;
alter table restore add column runner_started integer;
alter table verification add column runner_host text not null default '';
alter table verification add column runner_pid integer;
alter table verification add column runner_started integer;
-- Only RUNNING rows are ever looked up by runner, so the indexes hold only those.
create index backup_running on backup (runner_host) where status = 'RUNNING';
create index restore_running on restore (runner_host) where status = 'RUNNING';
create index verification_running on verification (runner_host) where status = 'RUNNING';
