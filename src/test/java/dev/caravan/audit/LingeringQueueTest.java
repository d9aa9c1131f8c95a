package dev.caravan.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The audit queue's consumer comes back on its own clock when the queue is empty, and never waits on a busy one. */
class LingeringQueueTest {

    @Test
    void aBusyQueueHandsOutItsNextEventWithoutLingering() throws InterruptedException {
        LingeringQueue<String> queue = new LingeringQueue<>(10, Duration.ofSeconds(30));
        queue.offer("a");
        long start = System.nanoTime();
        assertThat(queue.poll(2, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void anEventOfferedToAnEmptyQueueIsTakenWhenTheLingerEndsNotAtOnce() throws Exception {
        LingeringQueue<String> queue = new LingeringQueue<>(10, Duration.ofMillis(300));
        CompletableFuture<Long> tookNanos = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            try {
                long start = System.nanoTime();
                assertThat(queue.poll(10, TimeUnit.SECONDS)).isEqualTo("a");
                tookNanos.complete(System.nanoTime() - start);
            } catch (Throwable e) {
                tookNanos.completeExceptionally(e);
            }
        });
        consumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        queue.offer("a");
        assertThat(tookNanos.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void anEmptyQueueAnswersNothingAfterTheShorterOfLingerAndTimeout() throws InterruptedException {
        LingeringQueue<String> queue = new LingeringQueue<>(10, Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThat(queue.poll(50, TimeUnit.MILLISECONDS)).isNull();
        long took = System.nanoTime() - start;
        assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(took).isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    void withNoLingerTheWaitingConsumerIsWokenByTheEvent() throws Exception {
        LingeringQueue<String> queue = new LingeringQueue<>(10, Duration.ZERO);
        CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.offer("a");
        assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void anInterruptedConsumerStopsLingering() {
        LingeringQueue<String> queue = new LingeringQueue<>(10, Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> queue.poll(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void aFullQueueTurnsTheNextEventAwayAtOnce() {
        LingeringQueue<String> queue = new LingeringQueue<>(2, Duration.ofMillis(10));
        assertThat(queue.offer("a")).isTrue();
        assertThat(queue.offer("b")).isTrue();
        assertThat(queue.offer("c")).isFalse();
        assertThat(queue).containsExactly("a", "b");
    }
}
