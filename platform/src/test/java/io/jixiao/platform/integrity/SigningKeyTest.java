package io.jixiao.platform.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {

    private static final byte[] MESSAGE = "head at 42".getBytes(StandardCharsets.UTF_8);

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReusedAfterwards(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("budget-service").resolve("sm2-key.pem");

        SigningKey created = SigningKey.loadOrCreate(file);
        byte[] signature = created.sign(MESSAGE);
        SigningKey loaded = SigningKey.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("-----BEGIN PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----");
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
        assertThat(SigningKey.verifies(loaded.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(SigningKey.verifies(created.publicKey(), MESSAGE, loaded.sign(MESSAGE))).isTrue();
    }

    @Test
    void aSignatureVerifiesOnlyForItsMessageAndKey(@TempDir Path directory) {
        SigningKey key = SigningKey.loadOrCreate(directory.resolve("a.pem"));
        SigningKey other = SigningKey.loadOrCreate(directory.resolve("b.pem"));
        byte[] signature = key.sign(MESSAGE);

        assertThat(SigningKey.verifies(key.publicKey(), "head at 43".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(SigningKey.verifies(other.publicKey(), MESSAGE, signature)).isFalse();
        assertThat(SigningKey.verifies(key.publicKey(), MESSAGE, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void aDamagedKeyFileIsRefused(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("sm2-key.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> SigningKey.loadOrCreate(file)).hasMessageContaining("usable key pair");
    }
}
