package io.coffer.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.metrics.CatalogMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

  private static final CatalogMetrics EMPTY = new CatalogMetrics(List.of(), List.of(), List.of(), 0, null, 0,
      List.of(), List.of());

  @Test
  void requests_countAndSumPerSeries_whateverTheOrderTheyComeIn() {
    PrometheusMetrics metrics = new PrometheusMetrics();

    metrics.request("GET", "/api/v1/backups", 200, 2_000_000);
    metrics.request("GET", "/api/v1/jobs/{id}", 404, 1_000_000);
    metrics.request("GET", "/api/v1/backups", 200, 3_000_000);

    String scrape = metrics.scrape(EMPTY);
    assertThat(scrape)
        .contains("coffer_api_requests_seconds_count{method=\"GET\",route=\"/api/v1/backups\",status=\"200\"} 2")
        .contains("coffer_api_requests_seconds_sum{method=\"GET\",route=\"/api/v1/backups\",status=\"200\"} 0.005")
        .contains("coffer_api_requests_seconds_count{method=\"GET\",route=\"/api/v1/jobs/{id}\",status=\"404\"} 1");
  }
}
