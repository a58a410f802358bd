package io.coffer.catalog.volume;

import java.time.Instant;

/** A registered volume. */
public record RegisteredVolume(long id, String name, String location, String remarks, Instant createdAt, Instant updatedAt) {}
