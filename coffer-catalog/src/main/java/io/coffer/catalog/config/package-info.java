/**
 * Key/value settings of agents and nodes, inherited from defaults (PgBackMan's
 * {@code *_default_config}): the backup window for randomly placed schedules, the default kind,
 * retention period and redundancy, extra parameters, the notification address. A node or agent
 * sees every default until it sets its own value; changing a default changes it for everyone who
 * did not.
 */
package io.coffer.catalog.config;
