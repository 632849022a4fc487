package io.eventmonitoring.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a Quarkus fast-jar in the launcher's tests: listens where quarkus.http.host/port say,
 * answers the readiness check, and tells which Kafka and webhook settings it received.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getenv("FAKE_SERVICE_FAIL") != null) {
            System.out.println("fake service: refusing to start, as asked");
            System.exit(1);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getProperty("quarkus.http.host"),
                Integer.getInteger("quarkus.http.port")), 0);
        server.createContext("/q/health/ready", exchange -> answer(exchange, "UP"));
        server.createContext("/settings", exchange -> answer(exchange,
                System.getProperty("kafka.bootstrap.servers") + " " + System.getenv("SLACK_WEBHOOK_USER")));
        server.start();
        System.out.println("fake service: listening");
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
