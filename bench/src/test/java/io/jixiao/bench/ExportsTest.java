package io.jixiao.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ExportsTest {

    @Test
    void theLastQuarterOverIsTheOneBeforeToday() {
        assertThat(Exports.lastQuarterOver(LocalDate.of(2026, 12, 2))).isEqualTo("2026-Q3");
        assertThat(Exports.lastQuarterOver(LocalDate.of(2026, 10, 1))).isEqualTo("2026-Q3");
        assertThat(Exports.lastQuarterOver(LocalDate.of(2026, 9, 30))).isEqualTo("2026-Q2");
        assertThat(Exports.lastQuarterOver(LocalDate.of(2026, 2, 1))).isEqualTo("2025-Q4");
    }

    @Test
    void theHeapIsTheSumOfTheHeapPoolsAndItsLimitTheSumOfThePositiveMaxima() {
        String exposition = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="scoring-service",area="heap",id="Eden Space"} 1.048576E7
                jvm_memory_used_bytes{application="scoring-service",area="heap",id="Survivor Space"} 1048576.0
                jvm_memory_used_bytes{application="scoring-service",area="heap",id="Tenured Gen"} 5.24288E7
                jvm_memory_used_bytes{application="scoring-service",area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_max_bytes{application="scoring-service",area="heap",id="Eden Space"} 7.1630848E7
                jvm_memory_max_bytes{application="scoring-service",area="heap",id="Survivor Space"} 8912896.0
                jvm_memory_max_bytes{application="scoring-service",area="heap",id="Tenured Gen"} 1.78978816E8
                jvm_memory_max_bytes{application="scoring-service",area="nonheap",id="CodeHeap 'profiled nmethods'"} -1.0
                jvm_gc_pause_seconds_count{action="end of minor GC",application="scoring-service",cause="Allocation Failure",gc="Copy"} 12
                jvm_gc_pause_seconds_sum{action="end of minor GC",application="scoring-service",cause="Allocation Failure",gc="Copy"} 0.25
                jvm_gc_pause_seconds_count{action="end of major GC",application="scoring-service",cause="Allocation Failure",gc="MarkSweepCompact"} 2
                jvm_gc_pause_seconds_sum{action="end of major GC",application="scoring-service",cause="Allocation Failure",gc="MarkSweepCompact"} 0.5
                """;
        Exports.Heap heap = Exports.parseHeap(exposition);
        assertThat(heap.used()).isEqualTo(10_485_760L + 1_048_576L + 52_428_800L);
        assertThat(heap.old()).isEqualTo(52_428_800L);
        assertThat(heap.max()).isEqualTo(71_630_848L + 8_912_896L + 178_978_816L);
        assertThat(heap.gcCount()).isEqualTo(14);
        assertThat(heap.gcSeconds()).isEqualTo(0.75);
    }

    @Test
    void theFormatsRunInTheOrderGiven() {
        assertThat(Exports.formats("csv, json,pdf,xlsx")).containsExactly(Exports.Format.CSV, Exports.Format.JSON,
                Exports.Format.PDF, Exports.Format.XLSX);
    }

    @Test
    void eachFormatKnowsHowItsBytesBegin() {
        assertThat(Exports.Format.XLSX.looksRight("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        assertThat(Exports.Format.PDF.looksRight("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(Exports.Format.CSV.looksRight("\uFEFFa,b".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Exports.Format.CSV.looksRight("a,b".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Exports.Format.JSON.looksRight("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Exports.Format.PDF.looksRight("{\"type\"".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
