/**
 * The MariaDB/MySQL driver. A backup reads every member's rows over one connection in one
 * consistent snapshot and writes them as mariadb-dump would, between the schema and the triggers
 * that mariadb-dump (or mysqldump) writes, one stream per member, computing per-table row checksums
 * from the rows as they are written; where a table needs what only mariadb-dump renders, one
 * mariadb-dump over all members in a single transaction writes the rows too and its output is split
 * and scanned on the fly. Users and grants are read from the server into JSON. A restore loads each
 * member with the mariadb client, then re-applies the grants under the target name.
 */
package io.coffer.source.mariadb;
