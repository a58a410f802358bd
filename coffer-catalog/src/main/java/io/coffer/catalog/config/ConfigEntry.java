package io.coffer.catalog.config;

/** One setting as an agent or node sees it; {@code inherited} when it comes from the defaults. */
public record ConfigEntry(String key, String value, String description, boolean inherited) {}
