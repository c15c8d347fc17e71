package io.jixiao.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP requests file (the IntelliJ / VS Code REST Client format): {@code ###} starts a request whose title
 * says {@code (expect NNN)}, then the request line, headers, a blank line and the body. {@code {{gateway}}} is
 * replaced by the given base URL.
 */
record RequestsFile(List<Request> requests) {

    record Request(String title, String method, String url, Map<String, String> headers, String body, int expectedStatus) {
    }

    private static final Pattern EXPECT = Pattern.compile("\\(expect (\\d{3})\\)");

    static RequestsFile read(Path file, String gateway) throws IOException {
        List<Request> requests = new ArrayList<>();
        String[] blocks = Files.readString(file, StandardCharsets.UTF_8).split("(?m)^###");
        for (int i = 1; i < blocks.length; i++) {
            requests.add(parse(blocks[i], gateway));
        }
        return new RequestsFile(requests);
    }

    private static Request parse(String block, String gateway) {
        String[] lines = block.split("\n", -1);
        String title = lines[0].strip();
        Matcher expect = EXPECT.matcher(title);
        if (!expect.find()) {
            throw new IllegalArgumentException("request without (expect NNN): " + title);
        }
        int line = 1;
        while (lines[line].isBlank() || lines[line].startsWith("#")) {
            line++;
        }
        String[] requestLine = lines[line++].strip().split(" ", 2);
        Map<String, String> headers = new LinkedHashMap<>();
        while (line < lines.length && !lines[line].isBlank()) {
            String[] header = lines[line++].split(":", 2);
            headers.put(header[0].strip(), header[1].strip());
        }
        StringBuilder body = new StringBuilder();
        for (line++; line < lines.length; line++) {
            body.append(lines[line]).append('\n');
        }
        return new Request(title, requestLine[0], requestLine[1].replace("{{gateway}}", gateway), headers,
                body.toString().strip(), Integer.parseInt(expect.group(1)));
    }
}
