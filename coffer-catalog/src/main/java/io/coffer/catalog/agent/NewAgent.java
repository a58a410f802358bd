package io.coffer.catalog.agent;

import io.coffer.catalog.Names;

/** An agent to register: its host name, optional domain and remarks. Validated when built. */
public record NewAgent(String host, String domain, String remarks) {

  public NewAgent {
    host = Names.require("host", host);
    domain = domain == null || domain.isBlank() ? "" : Names.require("domain", domain);
    remarks = remarks == null ? "" : remarks.strip();
    Names.require("agent", name(host, domain));
  }

  public static NewAgent of(String host) {
    return new NewAgent(host, "", "");
  }

  /** The agent a configured name stands for: {@code db1.example.org} is host db1 in example.org. */
  public static NewAgent parse(String name) {
    String stripped = Names.require("agent", name);
    int dot = stripped.indexOf('.');
    return dot <= 0 || dot == stripped.length() - 1 ? of(stripped)
        : new NewAgent(stripped.substring(0, dot), stripped.substring(dot + 1), "");
  }

  /** The agent's name: the fully qualified host name. */
  public String name() {
    return name(host, domain);
  }

  private static String name(String host, String domain) {
    return domain.isEmpty() ? host : host + "." + domain;
  }
}
