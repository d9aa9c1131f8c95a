package dev.caravan.bench;

import dev.caravan.http.Workers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The floor of Caravan's stack before 7889922 for the first streamed event (run by bench/ingress.sh): the same netty-http ingress
 * options, the same hop to a worker and a pooled Apache HttpClient with TCP_NODELAY, and nothing else. It posts the
 * body to the upstream's chat completions path, answers with the upstream's first server-sent event alone, and reads
 * the rest of the stream on the worker so the connection goes back to the pool. Not a gateway: no governance, no
 * relay beyond the first event.
 */
public final class BareCamelProxy {
    private BareCamelProxy() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String upstream = args[1] + "/v1/chat/completions";
        ExecutorService workers = Workers.create(256);
        CloseableHttpClient client = FloorClient.pooled();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty-http:http://127.0.0.1:" + port + "/v1/chat/completions"
                                + "?usingExecutorService=false&muteException=true&bridgeEndpoint=true")
                        .threads()
                        .executorService(workers)
                        .callerRunsWhenRejected(false)
                        .process(exchange -> relayFirstEvent(exchange, client, upstream, workers));
            }
        });
        camel.start();
        System.out.println("bare Camel proxy on port " + port + " to " + upstream);
        Thread.currentThread().join();
    }

    private static void relayFirstEvent(
            Exchange exchange, CloseableHttpClient client, String upstream, ExecutorService workers)
            throws IOException {
        HttpPost post = new HttpPost(upstream);
        post.setEntity(new ByteArrayEntity(exchange.getMessage().getBody(byte[].class), ContentType.APPLICATION_JSON));
        ClassicHttpResponse response = client.executeOpen(null, post, null);
        InputStream body = response.getEntity().getContent();
        byte[] first = firstEvent(body);
        workers.execute(() -> drain(response, body));
        Message answer = exchange.getMessage();
        answer.getHeaders().clear();
        answer.setHeader(Exchange.HTTP_RESPONSE_CODE, response.getCode());
        answer.setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
        answer.setBody(first);
    }

    /** The bytes up to and including the first blank line (the end of the first event), or all of a shorter body. */
    private static byte[] firstEvent(InputStream body) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = body.read(buffer)) > 0; ) {
            read.write(buffer, 0, n);
            byte[] sofar = read.toByteArray();
            for (int i = 1; i < sofar.length; i++) {
                if (sofar[i] == '\n' && sofar[i - 1] == '\n') {
                    return Arrays.copyOf(sofar, i + 1);
                }
            }
        }
        return read.toByteArray();
    }

    private static void drain(ClassicHttpResponse response, InputStream body) {
        try (response) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the connection is dropped instead of pooled; the next call opens another
        }
    }
}
