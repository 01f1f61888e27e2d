package org.mtl4j.persist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that it is either the old one or the complete new one, even if the process is
 * killed or the machine stops: the bytes go to a temporary file in the same folder, which is
 * flushed to disk (fsync) and then renamed over the target in one atomic step; the folder is
 * synced too. A killed write can leave a temporary {@code .<name>.<random>.tmp} behind, never a
 * half-written target.
 *
 * <p>Example: {@code AtomicFile.write(path, out -> out.write(bytes))}
 */
final class AtomicFile {

    /** Writes the content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @return the size in bytes
     * @throws UncheckedIOException if the folder cannot be written
     */
    static long write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = createTemporary(folder, absolute.getFileName().toString());
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
                size = channel.size();
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            syncFolder(folder);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write '" + target + "': " + e.getMessage()
                    + ". Check that the folder exists and is writable.", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the write already failed; that failure is the one to report
                }
            }
        }
    }

    /**
     * A new empty file {@code .<name>.<random>.tmp}, made like any new file (permissions from the
     * umask, unlike {@code Files.createTempFile}'s owner-only ones).
     */
    private static Path createTemporary(Path folder, String name) throws IOException {
        while (true) {
            Path candidate = folder.resolve("." + name + "." + Long.toUnsignedString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another writer's temporary file: draw another name
            }
        }
    }

    /** Makes the rename durable (a folder cannot be opened for sync on every system). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // e.g. on Windows, where the rename is durable once it returns
        }
    }
}
