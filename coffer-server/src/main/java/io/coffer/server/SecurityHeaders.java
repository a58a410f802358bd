package io.coffer.server;

import io.javalin.http.Context;

/**
 * Headers every response carries: nothing is sniffed, framed, cached or sent on as a referrer, and
 * over TLS browsers are told to keep using TLS.
 */
final class SecurityHeaders {

  private SecurityHeaders() {}

  static void apply(Context ctx, boolean tls) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    if (tls) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
