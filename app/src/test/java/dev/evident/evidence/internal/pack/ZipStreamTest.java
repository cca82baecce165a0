package dev.evident.evidence.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit package's zip writer, read back with the JDK's two zip readers. */
class ZipStreamTest {

    private static final Instant TIME = Instant.parse("2026-11-30T18:45:12Z");

    @TempDir
    Path dir;

    @Test
    void storedAndDeflatedEntriesReadBackWithZipFileAndZipInputStream() throws IOException {
        Random random = new Random(7);
        Map<String, byte[]> expected = new LinkedHashMap<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipStream zip = new ZipStream(bytes, TIME, 4096);
        for (int size : new int[] {0, 1, 100, 4095, 4096, 4097, 70_000, 300_001}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            String name = "evidence/" + size + "/fïle " + size + ".bin";
            zip.stored(name, size, crc(content), channel(content));
            expected.put(name, content);
        }
        zip.stored("record.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        expected.put("record.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        StringBuilder ledger = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            ledger.append("{\"seq\":").append(i).append("}\n");
        }
        try (OutputStream out = zip.deflated("ledger.jsonl")) {
            out.write(ledger.toString().getBytes(StandardCharsets.UTF_8));
        }
        expected.put("ledger.jsonl", ledger.toString().getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = zip.deflated("empty.txt")) {
            assertThat(out).isNotNull();
        }
        expected.put("empty.txt", new byte[0]);
        zip.finish();
        assertThat(zip.written()).isEqualTo(bytes.size());

        Path file = dir.resolve("a.zip");
        Files.write(file, bytes.toByteArray());
        try (ZipFile z = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            assertThat(z.size()).isEqualTo(expected.size());
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                ZipEntry entry = z.getEntry(e.getKey());
                assertThat(entry).as(e.getKey()).isNotNull();
                assertThat(z.getInputStream(entry).readAllBytes()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(entry.getSize()).isEqualTo(e.getValue().length);
                assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(TIME);
                assertThat(entry.getMethod()).isEqualTo(e.getKey().endsWith(".bin") || e.getKey().equals("record.json")
                        ? ZipEntry.STORED : ZipEntry.DEFLATED);
            }
        }
        int seen = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; seen++) {
                assertThat(in.readAllBytes()).as(entry.getName()).isEqualTo(expected.get(entry.getName()));
            }
        }
        assertThat(seen).isEqualTo(expected.size());
    }

    @Test
    void contentThatNoLongerMatchesItsRecordedSizeIsRefused() {
        byte[] content = new byte[5000];
        ZipStream shorter = new ZipStream(new ByteArrayOutputStream(), TIME, 1024);
        assertThatThrownBy(() -> shorter.stored("a.bin", 6000, crc(content), channel(content)))
                .isInstanceOf(IOException.class).hasMessageContaining("a.bin").hasMessageContaining("ended after 5000");
        ZipStream longer = new ZipStream(new ByteArrayOutputStream(), TIME, 1024);
        assertThatThrownBy(() -> longer.stored("b.bin", 4000, crc(content), channel(content)))
                .isInstanceOf(IOException.class).hasMessageContaining("b.bin").hasMessageContaining("longer than the 4000");
        ZipStream smallShort = new ZipStream(new ByteArrayOutputStream(), TIME, 1024);
        assertThatThrownBy(() -> smallShort.stored("c.bin", 10, 0, channel(new byte[3])))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after 3 of the 10");
    }

    @Test
    void moreThan65535EntriesUseZip64EndRecords() throws IOException {
        Path file = dir.resolve("many.zip");
        int count = 70_000;
        try (OutputStream out = Files.newOutputStream(file)) {
            ZipStream zip = new ZipStream(out, TIME, 1024);
            for (int i = 0; i < count; i++) {
                byte[] content = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                zip.stored("e/" + i, content.length, crc(content), channel(content));
            }
            zip.finish();
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            assertThat(z.size()).isEqualTo(count);
            assertThat(new String(z.getInputStream(z.getEntry("e/69999")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("69999");
        }
    }

    /**
     * An entry over 4 GiB, and entries after it at offsets over 4 GiB: ZIP64 sizes and offsets.
     * The big entry comes from a sparse file and goes to a sparse file (runs of zeros become holes),
     * so the test costs little disk and time.
     */
    @Test
    void entriesBeyondFourGibibytesUseZip64SizesAndOffsets() throws IOException {
        long big = (1L << 32) + 12_345;
        Path source = dir.resolve("zeros");
        try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
            f.setLength(big);
        }
        Path file = dir.resolve("big.zip");
        byte[] after = "after the big one".getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = new SparseOutput(channel)) {
            ZipStream zip = new ZipStream(out, TIME, 1 << 20);
            zip.stored("small-first", after.length, crc(after), channel(after));
            try (FileChannel in = FileChannel.open(source)) {
                zip.stored("zeros", big, 0x1234_5678L, in);
            }
            zip.stored("small-after", after.length, crc(after), channel(after));
            try (OutputStream text = zip.deflated("text-after")) {
                text.write(after);
            }
            zip.finish();
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            assertThat(z.size()).isEqualTo(4);
            ZipEntry zeros = z.getEntry("zeros");
            assertThat(zeros.getSize()).isEqualTo(big);
            assertThat(zeros.getCompressedSize()).isEqualTo(big);
            assertThat(zeros.getCrc()).isEqualTo(0x1234_5678L);
            assertThat(z.getInputStream(z.getEntry("small-after")).readAllBytes()).isEqualTo(after);
            assertThat(z.getInputStream(z.getEntry("text-after")).readAllBytes()).isEqualTo(after);
            assertThat(z.getInputStream(z.getEntry("small-first")).readAllBytes()).isEqualTo(after);
        }
    }

    @Test
    void dosTimesAreUtcAndClampedTo1980() {
        int t = ZipStream.dosTime(Instant.parse("2026-11-30T18:45:12Z"));
        assertThat(t >>> 25).isEqualTo(2026 - 1980);
        assertThat((t >>> 21) & 0xF).isEqualTo(11);
        assertThat((t >>> 16) & 0x1F).isEqualTo(30);
        assertThat((t >>> 11) & 0x1F).isEqualTo(18);
        assertThat((t >>> 5) & 0x3F).isEqualTo(45);
        assertThat((t & 0x1F) * 2).isEqualTo(12);
        assertThat(ZipStream.dosTime(Instant.EPOCH)).isEqualTo((1 << 21) | (1 << 16));
    }

    private static ReadableByteChannel channel(byte[] content) {
        return Channels.newChannel(new ByteArrayInputStream(content));
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    /** Writes to a file, leaving holes for whole pieces of zeros. */
    private static final class SparseOutput extends OutputStream {
        private final FileChannel channel;
        private final byte[] zeros = new byte[1 << 16];

        SparseOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len <= zeros.length && Arrays.equals(b, off, off + len, zeros, 0, len)) {
                channel.position(channel.position() + len);
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
