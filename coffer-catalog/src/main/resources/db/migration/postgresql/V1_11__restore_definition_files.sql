-- A restore definition of a FILES or PHYSICAL backup carries the options `restore run` takes for
-- them, so that a restore queued through the API or planned with `restore add` lands where it was
-- asked to: the directory to restore into (empty: the default <data directory>_<backup time>), one
-- file or directory of the tree (empty: all of it), whether a non-empty directory may be written
-- into, and whether symlinks pointing outside the target are kept. A start command is not among
-- them: it would run a shell command on the agent's host for whoever may queue a restore.
alter table restore_definition add column target_directory text not null default '';
alter table restore_definition add column restore_path text not null default '';
alter table restore_definition add column force_into_non_empty integer not null default 0;
alter table restore_definition add column external_symlinks integer not null default 0;
