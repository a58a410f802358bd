package io.coffer.engine.metrics;

import io.coffer.catalog.metrics.CatalogMetrics;
import io.coffer.engine.CatalogLink;

/** The catalog's aggregates at this moment, for monitoring: every agent and node the catalog knows. */
public final class MetricsService {

  private final CatalogLink link;

  public MetricsService(CatalogLink link) {
    this.link = link;
  }

  public CatalogMetrics snapshot() {
    return link.required().metrics().snapshot();
  }
}
