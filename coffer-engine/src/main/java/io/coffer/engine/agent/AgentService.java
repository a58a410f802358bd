package io.coffer.engine.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.engine.CatalogLink;
import java.util.List;

/** The agents the catalog knows, as the interfaces list and show them. */
public final class AgentService {

  private final CatalogLink link;

  public AgentService(CatalogLink link) {
    this.link = link;
  }

  public List<Agent> list() {
    return link.required().agents().list();
  }

  /** The agent with this id or name. */
  public Agent show(String reference) {
    return link.required().agents().show(reference);
  }
}
