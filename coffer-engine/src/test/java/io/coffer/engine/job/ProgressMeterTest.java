package io.coffer.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.job.JobProgress;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

  @Test
  void theCatalogAndTheBar_seeTheSameBytesRateAndTimeLeft() {
    AtomicLong clock = new AtomicLong();
    AtomicLong barBytes = new AtomicLong();
    ProgressListener bar = new ProgressListener() {
      @Override
      public void advance(long amount) {
        barBytes.addAndGet(amount);
      }
    };
    ProgressMeter meter = new ProgressMeter(bar, SourceListener.NONE, clock::get);
    meter.phase("Backup is active");
    meter.start("backup pg1", -1, "bytes");
    meter.start("backup pg1", 1000, "bytes");
    meter.progress("public.orders", 100);
    meter.advance(250);
    clock.set(Duration.ofSeconds(2).toNanos());
    meter.advance(150);

    JobProgress p = meter.snapshot();
    assertThat(p.bytesDone()).isEqualTo(barBytes.get()).isEqualTo(400);
    assertThat(p.bytesTotal()).isEqualTo(1000);
    assertThat(p.bytesPerSecond()).isEqualTo(200);
    assertThat(p.percent()).isEqualTo(40.0);
    assertThat(p.eta()).contains(Duration.ofSeconds(3));
    assertThat(p.current()).isEqualTo("public.orders");
    assertThat(p.phase()).isEqualTo("Backup is active");
  }

  @Test
  void anEstimateTooLow_staysBelowAHundredPercentUntilTheJobEnds() {
    ProgressMeter meter = new ProgressMeter(ProgressListener.NONE, SourceListener.NONE, () -> 1);
    meter.start("backup", 100, "bytes");
    meter.advance(500);
    assertThat(meter.snapshot().percent()).isEqualTo(99.0);
    assertThat(meter.snapshot().eta()).isEmpty();
  }
}
