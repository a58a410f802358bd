/**
 * {@code coffer restore}: restore a backup after showing its plan, schedule a restore for an agent to
 * carry out later, and list the restores done and scheduled.
 */
package io.coffer.cli.restore;
