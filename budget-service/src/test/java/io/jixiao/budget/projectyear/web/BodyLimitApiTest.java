package io.jixiao.budget.projectyear.web;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Exploration. */
class BodyLimitApiTest extends BudgetApiTestBase {

    static final long MB = 1024 * 1024;

    /** A batch body made on the fly: a valid start, then payment items, up to {@code length} bytes; never held whole. */
    static final class GeneratedBatch extends InputStream {
        private static final byte[] START = "{\"payments\":[".getBytes(StandardCharsets.UTF_8);
        private static final byte[] ITEM = """
                {"projectId":"2023-NOBODY","paymentReference":"BIG","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1.00","businessDate":"2023-06-30","payee":"某公司","voucherNumber":"记-0001"},"""
                .getBytes(StandardCharsets.UTF_8);
        private final long length;
        final AtomicLong produced = new AtomicLong();

        GeneratedBatch(long length) {
            this.length = length;
        }

        private byte at(long position) {
            return position < START.length ? START[(int) position] : ITEM[(int) ((position - START.length) % ITEM.length)];
        }

        @Override
        public int read() {
            long position = produced.get();
            if (position >= length) {
                return -1;
            }
            produced.incrementAndGet();
            return at(position) & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            long position = produced.get();
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = at(position + i);
            }
            produced.addAndGet(n);
            return n;
        }
    }

    private String explore(String name, boolean expectContinue, long length, boolean announced) {
        GeneratedBatch body = new GeneratedBatch(length);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        if (announced) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(publisher, length);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/expenditures/batch"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + EVERY_BUDGET_ROLE)
                .expectContinue(expectContinue)
                .timeout(Duration.ofSeconds(60))
                .POST(publisher).build();
        long start = System.nanoTime();
        String result;
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            result = response.statusCode() + " " + response.headers().map() + " " + response.body();
        } catch (Exception e) {
            result = "EXCEPTION " + e;
        }
        String line = "EXPLORE " + name + ": " + result + " produced=" + body.produced.get() + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms";
        System.out.println(line);
        return line;
    }

    @Test
    void explore() {
        for (int i = 0; i < 2; i++) {
            explore("CL 5MB expect", true, 5 * MB, true);
            explore("CL 5MB", false, 5 * MB, true);
            explore("chunked 20MB", false, 20 * MB, false);
            explore("chunked 20MB expect", true, 20 * MB, false);
        }
        System.out.println("EXPLORE health " + api().get("/actuator/health").raw());
        System.out.println("EXPLORE audit " + jdbc.queryForList("select status, path from audit_log where path = '/expenditures/batch'"));
    }
}
