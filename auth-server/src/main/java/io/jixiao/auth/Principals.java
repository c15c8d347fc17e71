package io.jixiao.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jixiao.auth.Principal.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The principals of principals.json, read once at start; the first start writes the demo ones. */
public final class Principals {

    private static final Logger log = LoggerFactory.getLogger(Principals.class);

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a misspelt field must not pass unnoticed
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** The file's shape: {@code {"principals": [...]}}. */
    record File(List<Principal> principals) {
    }

    /** The credentials file's shape: plaintext, for the people and scripts running the demo. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Credentials(List<Credential> clients, List<Credential> users) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Credential(String id, String secret, String password, List<String> roles, String department, String unit) {
    }

    private final List<Principal> all;

    Principals(List<Principal> all) {
        all.forEach(Principal::check);
        var ids = new HashSet<String>();
        all.stream().filter(principal -> !ids.add(principal.id())).findFirst().ifPresent(principal -> {
            throw new IllegalStateException("principals.json: id " + principal.id() + " appears twice");
        });
        this.all = List.copyOf(all);
    }

    /** Reads the principals file, creating it (and the credentials file) with the demo principals when missing. */
    public static Principals loadOrCreate(AuthProperties properties, PasswordEncoder encoder) {
        Path file = properties.principalsFile();
        if (!Files.exists(file)) {
            DemoPrincipals demo = DemoPrincipals.generate(encoder, properties.dashboardOrigins());
            OwnerOnlyFiles.write(file, JSON.writeValueAsString(new File(demo.principals())));
            OwnerOnlyFiles.write(properties.credentialsFile(), JSON.writeValueAsString(demo.credentials()));
            log.info("created {} with {} demo principals; their secrets are in {}", file.toAbsolutePath(),
                    demo.principals().size(), properties.credentialsFile());
        }
        try {
            Principals principals = new Principals(JSON.readValue(Files.readString(file), File.class).principals());
            log.info("{} principals from {}", principals.all.size(), file.toAbsolutePath());
            return principals;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public List<Principal> ofKind(Kind kind) {
        return all.stream().filter(principal -> principal.kind() == kind).toList();
    }

    public Optional<Principal> find(Kind kind, String id) {
        return all.stream().filter(principal -> principal.kind() == kind && principal.id().equals(id)).findFirst();
    }
}
