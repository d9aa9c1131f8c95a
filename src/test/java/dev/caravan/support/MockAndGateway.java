package dev.caravan.support;

import dev.caravan.mock.MockUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A built-in mock upstream and a default gateway for one test class; the mock forgets its requests before each test. */
public final class MockAndGateway implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private MockUpstream mock;
    private TestGateway gateway;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            mock = MockUpstream.start("127.0.0.1", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway = TestGateway.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        mock.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
        mock.close();
    }

    public MockUpstream mock() {
        return mock;
    }

    public TestGateway gateway() {
        return gateway;
    }
}
