package io.jixiao.platform.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ScratchVolumeTest {
    @Test
    void volume(@TempDir Path keys) {
        EventStoreFixture store = new EventStoreFixture();
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            store.append(1000);
        }
        long t1 = System.nanoTime();
        Verification v = new ChainVerifier(store.dataSource, SigningKey.loadOrCreate(keys.resolve("k.pem")).publicKey(), 1000).verify();
        long t2 = System.nanoTime();
        System.out.println("SCRATCH append 200x1000 (insert+chain) ms=" + (t1 - t0) / 1_000_000 + " verify ms=" + (t2 - t1) / 1_000_000 + " " + v);
        store.inTransaction(c -> {
            long s = System.nanoTime();
            try (var st = c.createStatement(); var rs = st.executeQuery("explain analyze select 1")) { }
            new ChainAppender().append(c, java.util.List.of());
        });
    }
}
