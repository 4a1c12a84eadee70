package dev.cs231n.datavec.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) serving one file at {@code /NAME}, with optional
 * {@code Range} support and fault modes that cut or stall the first response after half the body. Records every
 * request's path and {@code Range} header.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** How the server behaves. */
    public enum Mode {
        /** Serves the file; honours {@code Range: bytes=N-} with 206. */
        NORMAL,
        /** Like NORMAL, but the first response announces the full length, sends half, and drops the connection. */
        CUT_FIRST,
        /** Like CUT_FIRST, then ignores {@code Range} (always 200 with the whole file). */
        CUT_FIRST_THEN_IGNORE_RANGE,
        /** Like NORMAL, but the first response sends half the body and then stalls until the server closes. */
        STALL_FIRST
    }

    /** One received request. */
    public record Request(String path, String range) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final String name;
    private final byte[] body;
    private final Mode mode;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /**
     * Starts serving.
     *
     * @param name file name (the URL path is {@code /name})
     * @param body file contents
     * @param mode behaviour
     * @throws IOException if the server cannot bind
     */
    public LocalHttpServer(String name, byte[] body, Mode mode) throws IOException {
        this.name = name;
        this.body = body.clone();
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the base URL, {@code http://127.0.0.1:PORT/} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** @return the requests received so far, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(exchange.getRequestURI().getPath(), range));
        int number = requests.size();
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/" + name)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (number == 1 && mode != Mode.NORMAL) {
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                if (mode == Mode.STALL_FIRST) {
                    closed.await(30, TimeUnit.SECONDS);
                }
                return; // closing with bytes missing drops the connection
            }
            Matcher m = range == null ? null : RANGE.matcher(range);
            boolean honour = m != null && m.matches() && mode != Mode.CUT_FIRST_THEN_IGNORE_RANGE;
            if (!honour) {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            int start = Integer.parseInt(m.group(1));
            if (start >= body.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - start);
            exchange.getResponseBody().write(body, start, body.length - start);
        } catch (IOException e) {
            // the deliberate cut surfaces here as "insufficient bytes written"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
