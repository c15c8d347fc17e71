package io.jixiao.platform.integrity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The event store's tamper-evident chain, {@code jixiao.integrity.*}.
 *
 * @param enabled            whether appends extend the chain (and checkpoints and the auditor's API exist); off only
 *                           to measure what the chain costs
 * @param checkpointInterval how often the chain's head is signed, when it moved
 * @param keyFile            the SM2 key pair's PEM file; {@code var/<spring.application.name>/sm2-key.pem} when unset
 * @param verifyPageSize     positions the verifier reads per query
 */
@ConfigurationProperties("jixiao.integrity")
public record IntegrityProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("10m") Duration checkpointInterval,
                                  Path keyFile,
                                  @DefaultValue("1000") int verifyPageSize) {

    /** The key file, or the default one of that application. */
    public Path keyFileOf(String applicationName) {
        return keyFile != null ? keyFile : Path.of("var", applicationName, "sm2-key.pem");
    }
}
