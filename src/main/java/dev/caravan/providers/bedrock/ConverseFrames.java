package dev.caravan.providers.bedrock;

import dev.caravan.providers.NativeEvents;
import dev.caravan.providers.SseReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a ConverseStream into its events for a translated stream: each AWS event-stream frame becomes one event named
 * by its {@code :event-type}, or {@code exception:<type>} / {@code error:<code>} for the frames that end a stream in
 * failure, with its JSON payload as data. The per-stream state of one relay.
 */
final class ConverseFrames implements NativeEvents {
    /** The prefix of an exception frame's event name. */
    static final String EXCEPTION = "exception:";
    /** The prefix of an error frame's event name. */
    static final String ERROR = "error:";

    private final EventFrames frames = new EventFrames();

    @Override
    public List<SseReader.Event> feed(byte[] buf, int off, int len) {
        List<EventFrames.Frame> whole = frames.feed(buf, off, len);
        List<SseReader.Event> events = new ArrayList<>(whole.size());
        for (EventFrames.Frame frame : whole) {
            ConverseEvent event = EventFrames.read(frame.message());
            String name =
                    switch (event.kind()) {
                        case EVENT -> event.type();
                        case EXCEPTION -> EXCEPTION + event.type();
                        case ERROR -> ERROR + event.type();
                    };
            events.add(new SseReader.Event(name, event.payload().toString()));
        }
        return events;
    }
}
