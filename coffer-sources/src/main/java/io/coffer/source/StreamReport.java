package io.coffer.source;

/** One stream a backup wrote: its name, size in bytes and the SHA-256 of its bytes (hex). */
public record StreamReport(String name, long bytes, String sha256) {}
