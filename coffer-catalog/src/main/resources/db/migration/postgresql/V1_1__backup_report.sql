-- The driver's report of each backup (streams with sizes and checksums, members, tables with row
-- counts), as JSON. In a table of its own so that listing backups never reads these wide values.
create table backup_report (
  backup_id bigint primary key references backup (id) on delete cascade,
  report    text not null
);
