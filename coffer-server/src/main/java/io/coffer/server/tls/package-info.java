/**
 * The server's certificate: a PEM certificate and key or a PKCS12 keystore as given, or a
 * self-signed certificate made into the state directory on the first start without one.
 */
package io.coffer.server.tls;
