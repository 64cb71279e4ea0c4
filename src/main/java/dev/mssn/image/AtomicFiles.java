package dev.mssn.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output files that appear whole or not at all: written to a temporary beside them and moved into
 * place once complete, with the checks that let a run fail before its work rather than after.
 */
public final class AtomicFiles {

    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    /** The temporaries this JVM is writing now (absolute paths). */
    private static final java.util.Set<Path> WRITING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    /**
     * Checks before any work that {@code out} can be created where it is asked for: its folder
     * exists and is writable, and it is not itself a folder. The message names {@code out} and
     * the reason.
     */
    public static void requireCreatable(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; name the output file");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException(out + ": cannot write: the folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(out + ": cannot write: the folder " + dir + " is not writable");
        }
    }

    /** Writes a file's bytes to an output stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code out} through a temporary file beside it that is moved into place only once
     * {@code body} has finished: a failure or a cancellation leaves neither a partial file nor
     * the temporary one. Without {@code replace}, an {@code out} that exists when the temporary
     * is complete (one that appeared while it was written, say) is left alone and the write ends
     * in a FileAlreadyExistsException.
     */
    public static void writeAtomically(Path out, boolean replace, Body body) throws IOException {
        writeThroughTemporary(out, replace, (tmp, channel) -> {
            OutputStream os = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(channel)), 1 << 20);
            body.writeTo(os);
            os.flush();
        });
    }

    /** Writes a file at a path it is given, by a library that opens files itself (FFmpeg, say). */
    @FunctionalInterface
    public interface FileBody {
        /** Writes the whole file at {@code tmp}, which exists, empty, and may be reopened, truncated or replaced in place. */
        void writeTo(Path tmp) throws IOException;
    }

    /** {@link #writeAtomically(Path, boolean, Body)} for a body that writes the temporary file by its path. */
    public static void writeFileAtomically(Path out, boolean replace, FileBody body) throws IOException {
        writeThroughTemporary(out, replace, (tmp, channel) -> body.writeTo(tmp));
    }

    /**
     * Runs {@code body} with a scratch file beside {@code out} (an intermediate it writes and
     * reads back, by its path), which is gone afterwards whatever happens: it is one of this
     * class's temporaries, locked and listed while it lives, so that other runs' sweeps leave it
     * alone, {@link #removeOwnTemporaries} removes it, and a sweep after a kill removes it too.
     */
    public static void withScratchFile(Path out, FileBody body) throws IOException {
        Path dir = out.toAbsolutePath().normalize().getParent();
        Path scratch = temporaryFor(dir, out.getFileName());
        WRITING.add(scratch);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock ownership = lockIfSupported(channel, scratch)) {
            body.writeTo(scratch);
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } finally {
                WRITING.remove(scratch);
            }
        }
    }

    private interface TemporaryBody {
        void writeTo(Path tmp, FileChannel channel) throws IOException;
    }

    private static void writeThroughTemporary(Path out, boolean replace, TemporaryBody body) throws IOException {
        Path dir = out.toAbsolutePath().normalize().getParent();
        removeStaleTemporaries(dir, out.getFileName().toString());
        // a fresh name, created with the default permissions (createTempFile would make it 0600)
        Path tmp = temporaryFor(dir, out.getFileName());
        WRITING.add(tmp);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 FileLock ownership = lockIfSupported(channel, tmp)) {
                body.writeTo(tmp, channel);
                // still locked while it takes its final name, so that no sweep takes it for abandoned
                if (replace) {
                    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    moveIntoPlaceIfAbsent(tmp, out);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(out.toString(), null, "appeared while it was being written; left as it is");
        } catch (java.nio.file.FileSystemException e) {
            // the message would name the hidden temporary and often no reason: name the output and say why
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IOException(out + ": cannot write: " + reason, e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(tmp.getFileName().toString())) {
                throw new IOException(out + ": cannot write: " + e.getMessage().replace(tmp.toString(), out.toString()), e);
            }
            throw new IOException(out + ": cannot write: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } finally {
                WRITING.remove(tmp);
            }
        }
    }

    /**
     * The channel's stream, which an encoder may close (some do) without closing the channel:
     * that would release the lock before the file has its final name.
     */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream channelStream) {
            super(channelStream);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * An exclusive lock on the temporary for as long as it is written: other processes' sweeps
     * see that its writer is alive. Where the file system has no locks (some network mounts), the
     * sweeps fall back to the temporary's age.
     */
    private static FileLock lockIfSupported(FileChannel channel, Path tmp) {
        try {
            return channel.lock();
        } catch (IOException unsupported) {
            log.debug("{}: no file lock ({}); other runs go by its age", tmp, unsupported.getMessage());
            return null;
        }
    }

    /**
     * Deletes the temporaries this JVM is writing now, for a process about to end without
     * waiting for its writers (a stop that timed out): their runs fail, and leave nothing.
     */
    public static void removeOwnTemporaries() {
        for (Path tmp : WRITING) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                log.warn("could not remove {}: {}", tmp, e.getMessage());
            }
        }
    }

    /**
     * ".NAME.UUID.tmp" beside the output, or ".mssn.UUID.tmp" where the output's name cannot be
     * spelt in the platform's charset (a non-ASCII name under LC_ALL=C): a Path keeps such a
     * name's bytes, but text made from it no longer converts back.
     */
    private static Path temporaryFor(Path dir, Path name) {
        String uuid = java.util.UUID.randomUUID().toString();
        try {
            return dir.resolve("." + name + "." + uuid + ".tmp");
        } catch (java.nio.file.InvalidPathException unspellable) {
            return dir.resolve("." + GENERIC + "." + uuid + ".tmp");
        }
    }

    /** The name part of temporaries whose output's name the platform cannot spell. */
    private static final String GENERIC = "mssn";

    /**
     * Gives the complete temporary its final name unless that name is taken. A hard link does
     * it in one step that fails if the name exists (rename would replace it); where the file
     * system has no hard links, a move that checks first, with a moment between check and move.
     */
    private static void moveIntoPlaceIfAbsent(Path tmp, Path out) throws IOException {
        try {
            Files.createLink(out, tmp);
        } catch (UnsupportedOperationException noLinks) {
            Files.move(tmp, out);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (java.nio.file.FileSystemException noLinksHere) {
            if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(out.toString());
            }
            Files.move(tmp, out); // e.g. EPERM from a file system without hard links
        }
    }

    /**
     * Deletes temporaries of this class's naming for {@code name} (and those named for no
     * output) in {@code dir} whose writer is gone: what a run killed outright (kill -9, power
     * loss) left behind, since nothing else ever removes them. A temporary another run is
     * writing is left alone: this JVM's by the set it keeps, another process's by its lock (or,
     * without locks, by being younger than a day).
     */
    static void removeStaleTemporaries(Path dir, String name) {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile("\\.(" + java.util.regex.Pattern.quote(name) + "|" + GENERIC
                + ")\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path candidate : files.filter(f -> ours.matcher(f.getFileName().toString()).matches()).toList()) {
                if (!WRITING.contains(candidate) && isAbandoned(candidate)) {
                    Files.deleteIfExists(candidate);
                    log.info("removed {}, left by an interrupted run", candidate);
                }
            }
        } catch (IOException e) {
            log.warn("could not look for stale temporaries in {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Whether no process holds {@code tmp}'s lock. Never asked of this JVM's own temporaries:
     * closing a second channel on a file drops every lock the process holds on it.
     */
    private static boolean isAbandoned(Path tmp) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process is writing it
            }
            lock.release();
            return true;
        } catch (java.nio.file.NoSuchFileException finished) {
            return false;
        } catch (java.nio.channels.OverlappingFileLockException ours) {
            return false;
        } catch (IOException noLocks) {
            return Files.getLastModifiedTime(tmp).toInstant().isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
        }
    }
}
