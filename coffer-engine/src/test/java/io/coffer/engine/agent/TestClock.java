package io.coffer.engine.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock in the system's zone that stands still until the test sets it: hours pass in a statement. */
public final class TestClock extends Clock {

  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneId.systemDefault();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
