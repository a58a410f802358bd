-- A restore definition of a PHYSICAL backup carries where its tablespaces go, as restore run
-- --tablespace-map does: one NAME=DIR line per tablespace named (by name or OID); empty: each goes
-- into a new <its directory>_<backup time> beside its original directory.
alter table restore_definition add column tablespace_map text not null default '';
