package io.jixiao.platform.integrity;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's SM2 key pair (curve sm2p256v1, signatures SM3withSM2), kept in a PEM file readable by its owner only:
 * created on first start, loaded afterwards, so checkpoints signed before a restart still verify after it.
 */
public final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    /** BouncyCastle as an explicit provider object: nothing is registered JVM-wide. */
    private static final Provider BC = new BouncyCastleProvider();
    private static final String ALGORITHM = "SM3withSM2";
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey.getEncoded();
    }

    /** The key pair in that file, or a new one written there when the file does not exist. */
    public static SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            try {
                return create(file);
            } catch (FileAlreadyExistsException raced) {
                return load(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the SM2 key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the SM2 key file " + file + " does not hold a usable key pair", e);
        }
    }

    /** The public key, X.509 (SubjectPublicKeyInfo) encoded, as checkpoints store it. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM, BC);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** Whether the signature over the message verifies under that (X.509-encoded) public key; malformed input does not. */
    public static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM, BC);
            verifier.initVerify(KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(publicKey)));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static SigningKey create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        // created exclusively, owner-only from the first byte (never world-readable, even briefly)
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        log.info("event chain: created an SM2 signing key in {}", file);
        return new SigningKey(pair.getPrivate(), pair.getPublic());
    }

    private static SigningKey load(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2).strip());
            switch (block.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> { }
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new GeneralSecurityException("expected a PRIVATE KEY and a PUBLIC KEY block");
        }
        KeyFactory keys = KeyFactory.getInstance("EC", BC);
        SigningKey key = new SigningKey(keys.generatePrivate(new PKCS8EncodedKeySpec(privateDer)),
                keys.generatePublic(new X509EncodedKeySpec(publicDer)));
        byte[] probe = "jixiao-key-check".getBytes(StandardCharsets.US_ASCII);
        if (!verifies(key.publicKey, probe, key.sign(probe))) {
            throw new GeneralSecurityException("the public key does not belong to the private key");
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("event chain: the SM2 key file {} is readable by others than its owner ({})", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        return key;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
