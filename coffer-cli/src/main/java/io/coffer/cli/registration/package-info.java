/**
 * {@code coffer volume add|list|show|remove}: volumes registered in the catalog by name, so that
 * definitions can name them and every volume command accepts the name in place of the location.
 */
package io.coffer.cli.registration;
