/** Server-sent events: jobs' state and progress as they change, for the console and other watchers. */
package io.coffer.server.events;
