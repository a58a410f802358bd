package io.coffer.engine.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The server the command line sends its commands to instead of opening a catalog ({@code client.*}
 * in coffer.yaml, {@code COFFER_CLIENT_*}); the command line's options override each. The token
 * itself is never a key: it is read from {@code tokenFile} (or the environment).
 *
 * @param server the server's URL, e.g. {@code https://backup01:8443}
 * @param tokenFile a file whose first line is an API token
 * @param caFile a PEM certificate (or the CA that signed it) to trust
 * @param serverFingerprint the SHA-256 fingerprint of the server's certificate, pinned
 */
public record ClientSettings(Optional<String> server, Optional<Path> tokenFile, Optional<Path> caFile,
    Optional<String> serverFingerprint) {}
