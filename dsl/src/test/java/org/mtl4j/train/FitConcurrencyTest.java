package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import tech.tablesaw.api.Table;

class FitConcurrencyTest {

    private static final Table TABLE = SeedExample.table(200, 1, 1);

    private static MultiTaskModel model() {
        return multiTask().input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSecondFitOfAFittingModelFailsAtOnceNamingTheThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        FitListener holdFirstEpoch = new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                if (epoch.epoch() == 1) {
                    started.countDown();
                    await(checked);
                }
            }
        };
        try (MultiTaskModel model = model()) {
            AtomicReference<TrainingRun> first = new AtomicReference<>();
            Thread worker = new Thread(() -> first.set(
                    model.fit(TABLE, epochs(2), listener(holdFirstEpoch), quiet())), "fit-worker");
            worker.start();
            await(started);

            String message = "This model is already fitting on thread 'fit-worker', so it"
                    + " cannot %s now. A model trains one fit at a time: wait for the running"
                    + " fit() to return, or build a second model with multiTask()...build() to"
                    + " train another.";
            assertThatThrownBy(() -> model.fit(TABLE, epochs(1), quiet()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(message, "fit again");
            assertThatThrownBy(() -> model.predict(TABLE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(message, "predict");
            assertThatThrownBy(model::close)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(message, "close");
            checked.countDown();
            worker.join(60_000);

            assertThat(first.get().epochsRun()).isEqualTo(2);
            assertThat(model.history().epochs()).hasSize(2);
            assertThat(model.predict(TABLE).rowCount()).isEqualTo(200);
        }
    }

    @Test
    void twoThreadsRacingOnAFirstFitNeverLoseTraining() throws Exception {
        for (int round = 0; round < 4; round++) {
            try (MultiTaskModel model = model()) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Object> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Thread thread = new Thread(() -> {
                        try {
                            together.await();
                            outcomes.add(model.fit(TABLE, epochs(2), quiet()));
                        } catch (Throwable e) {
                            outcomes.add(e);
                        }
                    }, "racer-" + i);
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    thread.join(120_000);
                }

                assertThat(outcomes).hasSize(2).allSatisfy(o -> {
                    if (!(o instanceof TrainingRun)) {
                        assertThat((Throwable) o).isInstanceOf(IllegalStateException.class)
                                .hasMessageStartingWith("This model is already fitting on"
                                        + " thread 'racer-");
                    }
                });
                long trained = outcomes.stream().filter(TrainingRun.class::isInstance).count();
                assertThat(trained).isGreaterThanOrEqualTo(1);
                assertThat(model.history().epochs()).hasSize((int) (2 * trained));
                assertThat(model.predict(TABLE).rowCount()).isEqualTo(200);
            }
        }
    }

    @Test
    void fitsOfTwoModelsOnTwoThreadsTakeTurnsAndMatchSequentialFits() throws Exception {
        CountDownLatch aInFit = new CountDownLatch(1);
        CountDownLatch bWaiting = new CountDownLatch(1);
        AtomicReference<String> waitedFor = new AtomicReference<>();
        FitListener holdA = new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                if (epoch.epoch() == 1) {
                    aInFit.countDown();
                    await(bWaiting);
                }
            }
        };
        FitListener recordWait = new FitListener() {
            @Override
            public void fitWaiting(String runningFit) {
                waitedFor.set(runningFit);
                bWaiting.countDown();
            }
        };
        try (MultiTaskModel a = model(); MultiTaskModel b = model();
                MultiTaskModel aAlone = model(); MultiTaskModel bAlone = model()) {
            AtomicReference<TrainingRun> runA = new AtomicReference<>();
            AtomicReference<TrainingRun> runB = new AtomicReference<>();
            Thread threadA = new Thread(() -> runA.set(a.fit(TABLE, epochs(3), seed(1),
                    listener(holdA), quiet())), "fit-A");
            Thread threadB = new Thread(() -> {
                await(aInFit);
                runB.set(b.fit(TABLE, epochs(3), seed(2), listener(recordWait), quiet()));
            }, "fit-B");
            threadA.start();
            threadB.start();
            threadA.join(120_000);
            threadB.join(120_000);

            assertThat(waitedFor.get()).isEqualTo(
                    "the fit of the model with tasks [task1] on thread 'fit-A' (epoch 1 of 3)");
            TrainingRun soloA = aAlone.fit(TABLE, epochs(3), seed(1), quiet());
            TrainingRun soloB = bAlone.fit(TABLE, epochs(3), seed(2), quiet());
            assertThat(runA.get().history().toTable().doubleColumn("train_loss").asDoubleArray())
                    .containsExactly(soloA.history().toTable().doubleColumn("train_loss")
                            .asDoubleArray());
            assertThat(runB.get().history().toTable().doubleColumn("train_loss").asDoubleArray())
                    .containsExactly(soloB.history().toTable().doubleColumn("train_loss")
                            .asDoubleArray());
        }
    }

    @Test
    void aFitStartedFromAListenerOnTheFittingThreadFailsAtOnce() {
        try (MultiTaskModel outer = model(); MultiTaskModel inner = model()) {
            List<Throwable> failures = new ArrayList<>();
            FitListener nested = new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    try {
                        inner.fit(TABLE, epochs(1), quiet());
                    } catch (IllegalStateException e) {
                        failures.add(e);
                    }
                    try {
                        outer.fit(TABLE, epochs(1), quiet());
                    } catch (IllegalStateException e) {
                        failures.add(e);
                    }
                }
            };
            String thread = Thread.currentThread().getName();

            outer.fit(TABLE, epochs(1), listener(nested), quiet());

            assertThat(failures).hasSize(2);
            assertThat(failures.get(0)).hasMessage("fit() was called on thread '" + thread
                    + "' while the fit of the model with tasks [task1] on thread '" + thread
                    + "' (epoch 1 of 1) runs on it (from one of its listeners?). DJL trains one"
                    + " model at a time per JVM. Call fit() after the running fit returns, e.g."
                    + " after the cell or method that started it.");
            assertThat(failures.get(1)).hasMessageStartingWith("This model is already fitting"
                    + " on this thread ('" + thread + "'; a listener called back into it), so it"
                    + " cannot fit again now.");
            assertThat(outer.history().epochs()).hasSize(1);
            assertThat(inner.parts()).isEmpty();
        }
    }

    @Test
    void aFitInterruptedWhileWaitingEndsWithoutTraining() throws Exception {
        CountDownLatch aInFit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bWaiting = new CountDownLatch(1);
        FitListener holdA = new FitListener() {
            @Override
            public void fitStarted(FitInfo info) {
                aInFit.countDown();
                await(release);
            }
        };
        try (MultiTaskModel a = model(); MultiTaskModel b = model()) {
            Thread threadA = new Thread(() -> a.fit(TABLE, epochs(1), listener(holdA), quiet()));
            threadA.start();
            await(aInFit);
            AtomicReference<TrainingRun> runB = new AtomicReference<>();
            Thread threadB = new Thread(() -> runB.set(b.fit(TABLE, epochs(1), quiet(),
                    listener(new FitListener() {
                        @Override
                        public void fitWaiting(String runningFit) {
                            bWaiting.countDown();
                        }
                    }))));
            threadB.start();
            await(bWaiting);
            threadB.interrupt();
            threadB.join(60_000);
            release.countDown();
            threadA.join(60_000);

            assertThat(runB.get().stopReason().kind()).isEqualTo(StopReason.Kind.INTERRUPTED);
            assertThat(runB.get().stopReason().toString())
                    .isEqualTo("interrupted after epoch 0: while waiting for another fit to end");
            assertThat(b.parts()).as("a first fit that ran no epoch leaves it untrained")
                    .isEmpty();
            assertThat(a.history().epochs()).hasSize(1);
        }
    }

    @Test
    void aLockLeftByADeadThreadDoesNotBlockLaterFits() throws Exception {
        // GIVEN a thread that took the JVM's training lock and ended without giving it back
        Thread leaver = new Thread(() -> FitLock.acquire(
                new FitLock.Running(java.util.List.of("gone"), 1), running -> {}), "leaver");
        leaver.start();
        leaver.join(60_000);

        // WHEN a model fits, THEN it trains (the dead holder's lock counts as free)
        try (MultiTaskModel model = model()) {
            TrainingRun run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(60), () -> model.fit(TABLE, epochs(1), quiet()));
            assertThat(run.epochsRun()).isEqualTo(1);
        }
    }

    @Test
    void fitWithoutATableSaysSo() {
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit((Table) null, epochs(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fit() needs a table. Received: fit(null, ...). Pass a Tablesaw"
                            + " table with the input and label columns, e.g."
                            + " Table.read().csv(\"data.csv\").");
        }
    }
}
