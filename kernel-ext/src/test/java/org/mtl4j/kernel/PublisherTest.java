package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The publisher sends every output, whatever the caller's interrupt flag or a failing send. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@Tag("unit")
class PublisherTest {

    @Test
    void anInterruptedCallersOutputIsSentAndItsInterruptFlagKept() {
        // GIVEN a caller whose interrupt flag is set (as after interrupting a fit)
        Publisher publisher = new Publisher();
        List<String> sent = new CopyOnWriteArrayList<>();
        Thread.currentThread().interrupt();
        try {
            // WHEN it submits its last output and drains
            publisher.submit(() -> sent.add("Interrupted after 3 epochs"));
            publisher.drain();

            // THEN the output was sent and the flag is still set
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            publisher.stop();
        }
        assertThat(sent).containsExactly("Interrupted after 3 epochs");
    }

    @Test
    void aPrintingLoopBecomesAFewMessagesInOrderAndTextGoesOutBeforeLaterOutput()
            throws InterruptedException {
        // GIVEN a stream handed off to the publisher, recording every write it receives
        Publisher publisher = new Publisher();
        List<String> received = new CopyOnWriteArrayList<>();
        java.io.OutputStream target = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                received.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                received.add(new String(bytes, offset, length,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        java.io.PrintStream out = new java.io.PrintStream(publisher.handOff(target), true,
                java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        try {
            // WHEN a loop prints 20 000 lines as fast as it can and 300 more a millisecond
            // apart (each line alone in the queue), then a display follows
            for (int i = 0; i < 20_300; i++) {
                out.println(i);
                expected.append(i).append(System.lineSeparator());
                if (i >= 20_000) {
                    Thread.sleep(1);
                }
            }
            publisher.submit(() -> received.add("<display>"));
            publisher.drain();
        } finally {
            publisher.stop();
        }

        // THEN every line arrives, in order, before the display, in far fewer messages than lines
        assertThat(received.get(received.size() - 1)).isEqualTo("<display>");
        assertThat(String.join("", received.subList(0, received.size() - 1)))
                .isEqualTo(expected.toString());
        // (text goes out at most every 50 ms: the 300 slow lines take at least 300 ms)
        assertThat(received.size()).isLessThan(60);
    }

    @Test
    void aCallerInterruptedWhileTheQueueIsFullStillQueuesItsOutput() throws Exception {
        // GIVEN a publisher held up by a slow send and a full queue
        Publisher publisher = new Publisher();
        CountDownLatch release = new CountDownLatch(1);
        publisher.submit(() -> await(release));
        for (int i = 0; i < 4096; i++) {
            publisher.submit(() -> {});
        }
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            publisher.submit(() -> sent.add("last"));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });

        // WHEN the caller, waiting for room, is interrupted twice
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        Thread.sleep(100);
        caller.interrupt();
        boolean waitedForRoom = caller.isAlive();
        release.countDown();
        caller.join(10_000);
        publisher.drain();

        // THEN it waited for room, its output went out, and its flag was restored
        assertThat(waitedForRoom).isTrue();
        assertThat(sent).containsExactly("last");
        assertThat(flagAfter).isTrue();
        publisher.stop();
    }

    @Test
    void anErrorWhileSendingLosesThatOutputOnlyAndDrainReturns() throws Exception {
        // GIVEN sends that throw an Error and a RuntimeException
        Publisher publisher = new Publisher();
        List<String> sent = new CopyOnWriteArrayList<>();
        publisher.submit(() -> {
            throw new StackOverflowError("while sending");
        });
        publisher.submit(() -> {
            throw new IllegalStateException("socket closed");
        });

        // WHEN more output follows
        publisher.submit(() -> sent.add("after"));
        Thread drainer = new Thread(publisher::drain);
        drainer.start();
        drainer.join(TimeUnit.SECONDS.toMillis(10));

        // THEN the publisher is still sending and drain() did not hang
        assertThat(drainer.isAlive()).as("drain() still waiting").isFalse();
        assertThat(sent).containsExactly("after");
        publisher.stop();
    }

    @Test
    void afterStopSubmitAndDrainReturnAtOnce() throws Exception {
        Publisher publisher = new Publisher();
        publisher.stop();
        Thread caller = new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                publisher.submit(() -> {});
            }
            publisher.drain();
        });

        caller.start();
        caller.join(10_000);

        assertThat(caller.isAlive()).as("submit/drain waiting after stop()").isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
