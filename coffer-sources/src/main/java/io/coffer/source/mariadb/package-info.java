/**
 * The MariaDB/MySQL driver. A backup runs one mariadb-dump (or mysqldump) over all members in a
 * single transaction and splits its output into one stream per member on the fly, computing
 * per-table row checksums from the dumped rows as they pass; users and grants are read from the
 * server into JSON. A restore loads each member with the mariadb client, then re-applies the grants
 * under the target name.
 */
package io.coffer.source.mariadb;
