package dev.mssn.image;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run by {@link StaleTemporariesTest} as another process: holds the lock on a temporary, as a
 * run that is writing it does, until its standard input ends or it is killed.
 */
public final class TemporaryWriterMain {

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // writing, as far as anyone can tell
            }
        }
    }
}
