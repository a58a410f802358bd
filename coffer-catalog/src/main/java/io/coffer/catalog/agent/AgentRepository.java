package io.coffer.catalog.agent;

import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.InUseException;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Dependents;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Registers, changes and removes agents. Every method that changes something records history. */
public final class AgentRepository {

  private final Store store;

  public AgentRepository(Store store) {
    this.store = store;
  }

  public Agent add(NewAgent agent) {
    Change change = new Change("agent add", "agent " + agent.name(), "remarks \"" + agent.remarks() + "\"");
    return store.change(change, handle -> {
      handle.createQuery("select id from agent where name = :name").bind("name", agent.name())
          .mapTo(Long.class).findOne()
          .ifPresent(id -> {
            throw new DuplicateNameException("agent", agent.name(), "agent " + id);
          });
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into agent (name, host, domain, status, remarks, created_at, updated_at)"
              + " values (:name, :host, :domain, 'RUNNING', :remarks, :now, :now)")
          .bind("name", agent.name()).bind("host", agent.host()).bind("domain", agent.domain())
          .bind("remarks", agent.remarks()).bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    });
  }

  public List<Agent> list() {
    return store.read(handle -> handle.createQuery("select * from agent order by name").map(AgentRepository::map).list());
  }

  /** The agent with this id or name. */
  public Agent show(String reference) {
    return store.read(handle -> load(handle, Lookup.id(handle, Table.AGENT, reference)));
  }

  public Agent update(String reference, AgentUpdate update) {
    return store.change(new Change("agent update", "agent " + reference, update.toString()), handle -> {
      Agent agent = load(handle, Lookup.id(handle, Table.AGENT, reference));
      handle.createUpdate("update agent set status = :status, remarks = :remarks, updated_at = :now where id = :id")
          .bind("status", update.status().orElse(agent.status()).name())
          .bind("remarks", update.remarks().orElse(agent.remarks()))
          .bind("now", store.now().toEpochMilli())
          .bind("id", agent.id())
          .execute();
      return load(handle, agent.id());
    });
  }

  /**
   * Removes an agent nothing depends on. An agent that definitions, one-offs or restore
   * definitions use is refused, naming them: move them to another agent first.
   */
  public void remove(String reference) {
    store.change(Change.of("agent remove", "agent " + reference), handle -> {
      long id = Lookup.id(handle, Table.AGENT, reference);
      Dependents.describe(handle, Table.AGENT, id).ifPresent(dependents -> {
        throw new InUseException("agent", reference, dependents, "move them to another agent or remove them first");
      });
      handle.createUpdate("delete from agent where id = :id").bind("id", id).execute();
      return null;
    });
  }

  /**
   * Records that the agent is alive. Not a history event: agents beat every few seconds and the
   * time is kept on the agent row.
   */
  public Agent heartbeat(String reference, java.time.Duration aliveFor) {
    return store.unrecorded(handle -> {
      long id = Lookup.id(handle, Table.AGENT, reference);
      long now = store.now().toEpochMilli();
      handle.createUpdate("update agent set last_heartbeat = :now, alive_until = :until where id = :id")
          .bind("now", now).bind("until", now + aliveFor.toMillis()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /**
   * What a starting {@code coffer agent run} does: takes the agent row of this name, registering it
   * first if there is none (the result says which), and records the version, the start time and the
   * identity of the host it runs on ({@link io.coffer.model.Host#identity()}).
   */
  public Registration start(String name, String version, java.time.Duration aliveFor, String hostIdentity) {
    NewAgent spec = NewAgent.parse(name);
    return store.change(new Change("agent start", "agent " + spec.name(), "version " + version), handle -> {
      Optional<Long> existing = handle.createQuery("select id from agent where name = :name").bind("name", spec.name())
          .mapTo(Long.class).findOne();
      long now = store.now().toEpochMilli();
      long id = existing.orElseGet(() -> handle.createUpdate("insert into agent (name, host, domain, status, remarks,"
              + " created_at, updated_at) values (:name, :host, :domain, 'RUNNING', '', :now, :now)")
          .bind("name", spec.name()).bind("host", spec.host()).bind("domain", spec.domain()).bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
      handle.createUpdate("update agent set version = :version, started_at = :now, last_heartbeat = :now,"
              + " alive_until = :until, host_identity = :identity where id = :id")
          .bind("version", version).bind("now", now).bind("until", now + aliveFor.toMillis())
          .bind("identity", hostIdentity).bind("id", id).execute();
      return new Registration(load(handle, id), existing.isEmpty());
    }, registration -> "ok: agent " + registration.agent().id() + (registration.registered() ? " registered" : ""));
  }

  /**
   * Registers the agent of this name unless it exists, so that a newcomer's first command on a host
   * needs no {@code agent add}; one registered now runs on the host of {@code hostIdentity}, the
   * registering command's. The result says whether it was registered now.
   */
  public Registration ensure(String name, String hostIdentity) {
    NewAgent spec = NewAgent.parse(name);
    Optional<Agent> existing = store.read(handle -> handle.createQuery("select * from agent where name = :name")
        .bind("name", spec.name()).map(AgentRepository::map).findOne());
    if (existing.isPresent()) {
      return new Registration(existing.get(), false);
    }
    Agent added;
    try {
      added = add(spec);
    } catch (DuplicateNameException raced) {
      return new Registration(show(spec.name()), false);
    }
    store.unrecorded(handle -> handle.createUpdate("update agent set host_identity = :identity where id = :id"
        + " and host_identity is null").bind("identity", hostIdentity).bind("id", added.id()).execute());
    return new Registration(added, true);
  }

  /**
   * The identity of the host the agent runs on ({@link io.coffer.model.Host#identity()}), as its
   * last {@code coffer agent run} (or the command that registered it there) recorded it; empty when
   * it was registered by {@code agent add} and has not run since.
   */
  public Optional<String> hostIdentity(String reference) {
    return store.read(handle -> handle.createQuery("select host_identity from agent where id = :id")
        .bind("id", Lookup.id(handle, Table.AGENT, reference)).mapTo(String.class).findOne());
  }

  /** An agent row and whether this call registered it. */
  public record Registration(Agent agent, boolean registered) {}

  /** A clean stop: the agent is OFFLINE from now on, without waiting for its heartbeat to age. */
  public void stop(String reference) {
    store.change(Change.of("agent stop", "agent " + reference), handle -> handle.createUpdate(
            "update agent set alive_until = null where id = :id")
        .bind("id", Lookup.id(handle, Table.AGENT, reference)).execute());
  }

  private static Agent load(Handle handle, long id) {
    return handle.createQuery("select * from agent where id = :id").bind("id", id).map(AgentRepository::map).one();
  }

  private static Agent map(ResultSet row, StatementContext context) throws SQLException {
    return new Agent(
        row.getLong("id"),
        row.getString("name"),
        row.getString("host"),
        row.getString("domain"),
        AgentStatus.valueOf(row.getString("status")),
        row.getString("remarks"),
        Columns.instant(row, "last_heartbeat"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"),
        row.getString("version"),
        Columns.instant(row, "started_at"),
        Columns.instant(row, "alive_until"));
  }
}
