-- A name for this catalog, drawn once when the catalog is made (or migrated): eight hex digits that
-- are part of the names of the scratch and staging databases its runs create on nodes, so that two
-- catalogs whose runs use one server never take each other's databases for their own.
create table catalog_identity (
  singleton integer primary key check (singleton = 1),
  id        text not null check (length(id) = 8)
);
insert into catalog_identity (singleton, id) values (1, lower(hex(randomblob(4))));
