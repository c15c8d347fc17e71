package io.jixiao.platform.integrity;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.HexFormat;

/** The auditor's view of the event store's chain: verify it whole, or sign its head now. */
@RestController
@RequestMapping("/integrity")
public class IntegrityController {

    private final ChainVerifier verifier;
    private final Checkpoints checkpoints;

    public IntegrityController(ChainVerifier verifier, Checkpoints checkpoints) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    /** Recomputes the whole chain and checks every checkpoint; takes as long as the store is big. */
    @GetMapping("/verification")
    @Allowed(value = {Role.AUDITOR}, action = "verify-event-chain", audited = true)
    public Verification verification() {
        return verifier.verify();
    }

    /** 201 with the new checkpoint; 204 when the chain is empty or its head was signed already. */
    @PostMapping("/checkpoints")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "sign-checkpoint")
    public ResponseEntity<SignedHead> checkpoint() {
        return checkpoints.take()
                .map(taken -> ResponseEntity.status(HttpStatus.CREATED).body(SignedHead.of(taken)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** A checkpoint with its binary fields in hex. */
    public record SignedHead(long id, long globalIndex, String headHash, Instant signedAt, String publicKey, String signature) {

        static SignedHead of(Checkpoint checkpoint) {
            HexFormat hex = HexFormat.of();
            return new SignedHead(checkpoint.id(), checkpoint.globalIndex(), hex.formatHex(checkpoint.headHash()),
                    checkpoint.signedAt(), hex.formatHex(checkpoint.publicKey()), hex.formatHex(checkpoint.signature()));
        }
    }
}
