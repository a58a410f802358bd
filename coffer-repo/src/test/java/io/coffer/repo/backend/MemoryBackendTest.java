package io.coffer.repo.backend;

class MemoryBackendTest extends BackendConformance {

  @Override
  protected Backend newBackend() {
    return new MemoryBackend();
  }
}
