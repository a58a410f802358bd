/** {@code coffer restore}: restore a backup after showing its plan, and list the restores done. */
package io.coffer.cli.restore;
