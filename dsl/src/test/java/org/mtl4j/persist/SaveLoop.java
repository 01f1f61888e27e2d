package org.mtl4j.persist;

import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.mtl4j.MultiTaskModel;

/**
 * A child process for {@link AtomicSaveTest}: trains a model of about two million parameters for
 * one step, then saves it to {@code args[0]} over and over, printing "saving" before and "saved"
 * after each save, until it is killed.
 */
public final class SaveLoop {

    private SaveLoop() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(1024), relu(), dense(1024), relu())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(mse())
                .build()) {
            model.fit(SaveLoadTest.table(64, 9), epochs(1), quiet());
            while (true) {
                System.out.println("saving");
                System.out.flush();
                model.save(file);
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}
