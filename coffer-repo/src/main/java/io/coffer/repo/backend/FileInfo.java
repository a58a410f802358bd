package io.coffer.repo.backend;

/** A listed file and its size in bytes. */
public record FileInfo(Handle handle, long size) {}
