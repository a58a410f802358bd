package io.coffer.engine.metrics;

import io.coffer.catalog.metrics.CatalogMetrics;
import io.coffer.engine.CatalogLink;

/** The catalog's aggregates at this moment, for monitoring and overviews: every agent and node the catalog knows. */
public final class MetricsService {

  private final CatalogLink link;

  public MetricsService(CatalogLink link) {
    this.link = link;
  }

  /** Every definition with its newest backup, last success and verification, for an overview. */
  public java.util.List<io.coffer.catalog.metrics.MetricsRepository.DefinitionState> overview() {
    return link.required().metrics().overview();
  }

  public CatalogMetrics snapshot() {
    return link.required().metrics().snapshot();
  }
}
