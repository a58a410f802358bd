/** {@code coffer stats}, {@code coffer history} and {@code coffer job list}: what the catalog says happened. */
package io.coffer.cli.report;
