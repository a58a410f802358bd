package io.coffer.catalog.volume;

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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Registers, changes and removes volumes. Every method that changes something records history. */
public final class VolumeRepository {

  private final Store store;

  public VolumeRepository(Store store) {
    this.store = store;
  }

  public RegisteredVolume add(NewVolume volume) {
    Change change = new Change("volume add", "volume " + volume.name(), "location " + volume.location());
    return store.change(change, handle -> {
      refuseDuplicate(handle, "volume", "name", volume.name(), -1);
      refuseDuplicate(handle, VolumeLocation.FIELD, "location", volume.location(), -1);
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into volume (name, location, remarks, created_at, updated_at)"
              + " values (:name, :location, :remarks, :now, :now)")
          .bind("name", volume.name()).bind("location", volume.location()).bind("remarks", volume.remarks())
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    });
  }

  public List<RegisteredVolume> list() {
    return store.read(handle -> handle.createQuery("select * from volume order by name").map(VolumeRepository::map).list());
  }

  /** The volume with this id or name. */
  public RegisteredVolume show(String reference) {
    return store.read(handle -> load(handle, Lookup.id(handle, Table.VOLUME, reference)));
  }

  public RegisteredVolume update(String reference, VolumeUpdate update) {
    return store.change(new Change("volume update", "volume " + reference, update.toString()), handle -> {
      RegisteredVolume volume = load(handle, Lookup.id(handle, Table.VOLUME, reference));
      String location = update.location().orElse(volume.location());
      refuseDuplicate(handle, VolumeLocation.FIELD, "location", location, volume.id());
      handle.createUpdate("update volume set location = :location, remarks = :remarks, updated_at = :now where id = :id")
          .bind("location", location)
          .bind("remarks", update.remarks().orElse(volume.remarks()))
          .bind("now", store.now().toEpochMilli())
          .bind("id", volume.id())
          .execute();
      return load(handle, volume.id());
    });
  }

  /** Removes a volume that no definition, one-off or backup refers to; otherwise names them. */
  public void remove(String reference) {
    store.change(Change.of("volume remove", "volume " + reference), handle -> {
      long id = Lookup.id(handle, Table.VOLUME, reference);
      Dependents.describe(handle, Table.VOLUME, id).ifPresent(dependents -> {
        throw new InUseException("volume", reference, dependents, "remove them first");
      });
      handle.createUpdate("delete from volume where id = :id").bind("id", id).execute();
      return null;
    });
  }

  private static void refuseDuplicate(Handle handle, String field, String column, String value, long self) {
    handle.createQuery("select name from volume where " + column + " = :value and id <> :self")
        .bind("value", value).bind("self", self)
        .mapTo(String.class).findOne()
        .ifPresent(name -> {
          throw new DuplicateNameException(field, value, "volume " + name);
        });
  }

  private static RegisteredVolume load(Handle handle, long id) {
    return handle.createQuery("select * from volume where id = :id").bind("id", id).map(VolumeRepository::map).one();
  }

  private static RegisteredVolume map(ResultSet row, StatementContext context) throws SQLException {
    return new RegisteredVolume(
        row.getLong("id"),
        row.getString("name"),
        row.getString("location"),
        row.getString("remarks"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"));
  }
}
