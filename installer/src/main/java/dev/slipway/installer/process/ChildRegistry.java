package dev.slipway.installer.process;

import dev.slipway.process.ProcessTree;
import dev.slipway.process.TreeStopper;
import dev.slipway.process.ProcessTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The process trees this installer has started and not yet stopped, kept in a JSON file (for
 * example {@code ROOT/.slipway/children.json}) so that the next run can stop them.
 *
 * <p>Why: an installer that is killed with SIGKILL (or loses power, or is OOM-killed) runs no
 * shutdown hook, and Java never stops child processes itself; a smoke-started server would keep
 * running and holding memory and its port. {@link #reapLeftovers()} at the start of the next run
 * stops every recorded tree that still runs and is provably the one recorded: its root has the
 * recorded start instant, or, if the root is gone, the recorded process group still has members
 * that started after it. A pid reused by an unrelated process fails both checks and is left alone.
 *
 * <p>The file is rewritten atomically (temporary file, then rename), so a crash leaves the old or
 * the new content, never half of it. One registry per installer root: the root's lock keeps two
 * installers from sharing it; within one JVM the methods are synchronized.
 */
public final class ChildRegistry {

  /** Grace period for leftovers: they were abandoned, nobody waits for a clean shutdown. */
  private static final Duration REAP_GRACE = Duration.ofSeconds(2);

  private final Path file;
  private final Optional<ShutdownGuard> guard;
  private final LongPredicate ours;
  private final ProcessTable table = ProcessTable.forThisOs();

  /** A registry without a shutdown guard. */
  public ChildRegistry(Path file) {
    this(file, pid -> true);
  }

  /**
   * A registry that stops a recorded process only if {@code ours} says it carries our owner mark
   * (issue #20: where others can write the root, a planted file could name any process for us to
   * kill). A record naming an unmarked process is dropped and reported, its process left alone.
   */
  public ChildRegistry(Path file, LongPredicate ours) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.guard = Optional.empty();
    this.ours = Objects.requireNonNull(ours, "ours");
  }

  /**
   * A registry that also has {@code guard} track every tree while it is registered, so that trees
   * started inside {@link SmokeStart} or {@link NpmCi} are stopped on SIGTERM or Ctrl-C too.
   */
  public ChildRegistry(Path file, ShutdownGuard guard) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.guard = Optional.of(Objects.requireNonNull(guard, "guard"));
    this.ours = pid -> true;
  }

  public Path file() {
    return file;
  }

  /** Records {@code tree} (and has the guard, if any, track it). */
  public synchronized void register(ProcessTree tree) {
    guard.ifPresent(g -> g.track(tree));
    List<ChildRecord> records = new ArrayList<>(read());
    records.add(
        new ChildRecord(
            tree.pid(), tree.processGroup(), tree.startInstant(), tree.commandSummary()));
    write(records);
  }

  /** Forgets {@code tree}, typically right after {@link ProcessTree#stopTree}. */
  public synchronized void unregister(ProcessTree tree) {
    guard.ifPresent(g -> g.untrack(tree));
    List<ChildRecord> records = new ArrayList<>(read());
    boolean removed =
        records.removeIf(r -> r.pid() == tree.pid() && r.startedAt(tree.startInstant()));
    if (removed) {
      write(records);
    }
  }

  /** What the file lists now. */
  public synchronized List<ChildRecord> records() {
    return read();
  }

  /**
   * Stops every recorded tree that still runs and is provably ours, then empties the file.
   *
   * @return the records whose processes were found running and stopped
   * @throws IllegalStateException if a process survives SIGKILL; its record stays in the file
   */
  public synchronized List<ChildRecord> reapLeftovers() {
    return reapLeftovers(record -> { });
  }

  /** As {@link #reapLeftovers()}; {@code notOurs} hears of each record whose processes lack our mark. */
  public synchronized List<ChildRecord> reapLeftovers(Consumer<ChildRecord> notOurs) {
    List<ChildRecord> reaped = new ArrayList<>();
    List<ChildRecord> survivors = new ArrayList<>();
    IllegalStateException failure = null;
    for (ChildRecord record : read()) {
      Optional<ProcessHandle> root =
          ProcessHandle.of(record.pid()).filter(table::isRunning).filter(p -> isRootOf(p, record));
      OptionalLong group = root.isPresent() ? record.processGroup() : orphanedGroupOf(record);
      if (root.isEmpty() && group.isEmpty()) {
        continue; // gone, or the pid now belongs to someone else
      }
      if (!marked(root, group)) {
        notOurs.accept(record);
        continue;
      }
      try {
        new TreeStopper(table, root, group).stop(REAP_GRACE);
        reaped.add(record);
      } catch (IllegalStateException e) {
        survivors.add(record);
        failure = failure == null ? e : failure;
      }
    }
    write(survivors);
    if (failure != null) {
      throw failure;
    }
    return reaped;
  }

  /** Whether the root (if running) and every running member of the group carry our mark. */
  private boolean marked(Optional<ProcessHandle> root, OptionalLong group) {
    if (root.isPresent() && !ours.test(root.get().pid())) {
      return false;
    }
    return group.isEmpty() || table.runningMembersOf(group.getAsLong()).stream().allMatch(m -> ours.test(m.pid()));
  }

  private static boolean isRootOf(ProcessHandle process, ChildRecord record) {
    return process.info().startInstant().map(record::startedAt).orElse(false);
  }

  /**
   * The recorded group, if its root is gone but members of ours still run (a server whose npm
   * parent died). The group is ours only if no process leads it (a leader, pid == group id, would
   * be a newer process that reused the pid: ours failed {@link #isRootOf}) and every member started
   * after our root did.
   */
  private OptionalLong orphanedGroupOf(ChildRecord record) {
    if (record.processGroup().isEmpty()) {
      return OptionalLong.empty();
    }
    long pgid = record.processGroup().getAsLong();
    List<ProcessHandle> members = table.runningMembersOf(pgid);
    boolean ours =
        !members.isEmpty()
            && members.stream()
                .allMatch(
                    m ->
                        m.pid() != pgid
                            && m.info()
                                .startInstant()
                                .map(record::startedNoEarlierThan)
                                .orElse(false));
    return ours ? record.processGroup() : OptionalLong.empty();
  }

  private List<ChildRecord> read() {
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw corrupt(e.getMessage());
    }
    List<ChildRecord> records = new ArrayList<>();
    JsonNode children = root == null ? null : root.get("children");
    if (children == null || !children.isArray()) {
      throw corrupt("no \"children\" array");
    }
    for (JsonNode child : children) {
      try {
        JsonNode group = child.get("processGroup");
        records.add(
            new ChildRecord(
                child.required("pid").asLong(),
                group == null || group.isNull()
                    ? OptionalLong.empty()
                    : OptionalLong.of(group.asLong()),
                Instant.parse(child.required("startInstant").asText()),
                child.path("command").asText("")));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw corrupt(e.getMessage());
      }
    }
    return records;
  }

  private void write(List<ChildRecord> records) {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode children = root.putArray("children");
    for (ChildRecord record : records) {
      ObjectNode child = children.addObject();
      child.put("pid", record.pid());
      record.processGroup().ifPresent(g -> child.put("processGroup", g));
      child.put("startInstant", record.startInstant().toString());
      child.put("command", record.command());
    }
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (FileChannel out =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(java.nio.ByteBuffer.wrap(Json.prettyBytes(root)));
        out.force(true); // the rename must not become durable before the content
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      if (dev.slipway.format.LocalIoFailure.isDiskFull(e)) {
        // A full disk is DISK_FULL wherever it strikes (issue #20: npm ci filled it, and this write
        // after npm was the one reported, as an unwritable root).
        throw new SlipwayException(FailureKind.DISK_FULL, "DISK_FULL",
            "no space left on the device: cannot write " + file, e.toString(),
            "free disk space on the device that holds " + file.getParent() + ", then run again");
      }
      throw new SlipwayException(
          FailureKind.ROOT_LAYOUT,
          "CHILD_REGISTRY_UNWRITABLE",
          "cannot write " + file + " (" + e + "); make the installer root writable for this user",
          null,
          "check the owner, permissions and free space of " + file.getParent());
    }
  }

  private SlipwayException corrupt(String detail) {
    return new SlipwayException(
        FailureKind.ROOT_LAYOUT,
        "CHILD_REGISTRY_CORRUPT",
        file
            + " is not a valid child registry; delete it after making sure no process started by an"
            + " earlier installer run is still running",
        detail,
        "look for leftover node processes of this app (ps -ef | grep node), stop them, then delete "
            + file);
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // the write failed already; that is what we report
      }
    }
  }
}
