package dev.evident.evidence.internal.pack;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A zip written front to back onto a stream, for audit packages. Two kinds of entry:
 * <ul>
 *   <li><b>stored</b> entries whose size and CRC-32 are known before the first byte (evidence files:
 *   the CRC was taken at upload). Their bytes go from a channel through one direct buffer straight
 *   to the output — when the output is a servlet stream, {@link ServletOutputStream#write(ByteBuffer)}
 *   hands that buffer to the socket without another copy — and are never checksummed again;</li>
 *   <li><b>deflated</b> entries of generated text (manifest, ledger, index), whose sizes and CRC
 *   follow the data in a data descriptor.</li>
 * </ul>
 * ZIP64 records are written wherever a size, an offset or the entry count exceeds the classic
 * format, following the same rules as the JDK's own writer, so {@code java.util.zip.ZipFile},
 * {@code ZipInputStream} and common unzip tools read the result.
 *
 * <p>Not thread-safe; one instance writes one zip. The caller owns and closes {@code out}.
 */
final class ZipStream {

    private static final long MAX32 = 0xFFFFFFFFL;
    private static final int MAX16 = 0xFFFF;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int FLAG_DESCRIPTOR = 1 << 3;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int VERSION_20 = 20;
    private static final int VERSION_ZIP64 = 45;
    private static final int MADE_BY_UNIX = 3 << 8;

    /** A central-directory record in waiting. */
    private record Entry(byte[] name, int method, int flags, long crc, long compressedSize, long size, long offset) {
    }

    private final OutputStream out;
    private final ServletOutputStream servlet;
    private final ByteBuffer direct;
    private final byte[] heap = new byte[64 * 1024];
    private int heapUsed;
    private long written;
    private final List<Entry> entries = new ArrayList<>();
    private final int dosTime;
    private final long unixSeconds;
    private boolean open;

    /**
     * @param time       the modification time of every entry
     * @param bufferSize the size of the direct buffer stored entries pass through
     */
    ZipStream(OutputStream out, Instant time, int bufferSize) {
        this.out = out;
        this.servlet = out instanceof ServletOutputStream s ? s : null;
        this.direct = ByteBuffer.allocateDirect(bufferSize);
        this.dosTime = dosTime(time);
        this.unixSeconds = time.getEpochSecond();
    }

    /** Bytes written so far. */
    long written() {
        return written + heapUsed;
    }

    /**
     * Writes a stored entry of exactly {@code size} bytes read from {@code content}, whose CRC-32 is
     * already known. Fails if the channel gives fewer or more bytes (the content changed since).
     */
    void stored(String name, long size, long crc, ReadableByteChannel content) throws IOException {
        Entry entry = localHeader(name, STORED, 0, crc, size, size);
        long left = size;
        if (left <= heap.length - heapUsed) {
            // a small file travels with the headers around it instead of in a write of its own
            ByteBuffer into = ByteBuffer.wrap(heap, heapUsed, (int) left);
            while (into.hasRemaining()) {
                if (content.read(into) < 0) {
                    throw shortContent(name, size, into.position() - heapUsed);
                }
            }
            heapUsed += (int) left;
            left = 0;
        } else {
            flushHeap();
            while (left > 0) {
                direct.clear();
                if (left < direct.capacity()) {
                    direct.limit((int) left);
                }
                int n = content.read(direct);
                if (n < 0) {
                    throw shortContent(name, size, size - left);
                }
                left -= n;
                direct.flip();
                writeDirect(direct);
            }
        }
        direct.clear().limit(1);
        if (content.read(direct) > 0) {
            throw new IOException(name + ": the content is longer than the " + size + " bytes it was recorded with");
        }
        entries.add(entry);
    }

    /** Writes a small stored entry from memory. */
    void stored(String name, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        Entry entry = localHeader(name, STORED, 0, crc.getValue(), content.length, content.length);
        put(content, 0, content.length);
        entries.add(entry);
    }

    /**
     * Starts a deflated entry; write its content to the returned stream and close it (which ends the
     * entry, not the zip) before starting the next.
     */
    OutputStream deflated(String name) throws IOException {
        Entry header = localHeader(name, DEFLATED, FLAG_DESCRIPTOR, 0, 0, 0);
        return new DeflatingEntry(header);
    }

    /** Writes the central directory and the end records, and flushes. Does not close the stream. */
    void finish() throws IOException {
        if (open) {
            throw new IllegalStateException("an entry is still open");
        }
        long cdStart = written();
        for (Entry e : entries) {
            boolean bigSize = e.size >= MAX32;
            boolean bigCompressed = e.compressedSize >= MAX32;
            boolean bigOffset = e.offset >= MAX32;
            int extraLength = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
            boolean zip64 = extraLength > 0;
            int timeExtra = 9; // extended timestamp: header 4 + flags 1 + mtime 4
            putInt(0x02014b50);
            putShort(MADE_BY_UNIX | (zip64 ? VERSION_ZIP64 : VERSION_20));
            putShort(zip64 ? VERSION_ZIP64 : VERSION_20);
            putShort(e.flags);
            putShort(e.method);
            putInt(dosTime);
            putInt(e.crc);
            putInt(bigCompressed ? MAX32 : e.compressedSize);
            putInt(bigSize ? MAX32 : e.size);
            putShort(e.name.length);
            putShort((zip64 ? 4 + extraLength : 0) + timeExtra);
            putShort(0); // comment
            putShort(0); // disk
            putShort(0); // internal attributes
            putInt(0100644L << 16); // external attributes: a regular file, rw-r--r--
            putInt(bigOffset ? MAX32 : e.offset);
            put(e.name, 0, e.name.length);
            if (zip64) {
                putShort(0x0001);
                putShort(extraLength);
                if (bigSize) {
                    putLong(e.size);
                }
                if (bigCompressed) {
                    putLong(e.compressedSize);
                }
                if (bigOffset) {
                    putLong(e.offset);
                }
            }
            putTimestamp();
        }
        long cdEnd = written();
        long cdSize = cdEnd - cdStart;
        int count = entries.size();
        if (count >= MAX16 || cdStart >= MAX32 || cdSize >= MAX32) {
            putInt(0x06064b50); // ZIP64 end of central directory record
            putLong(44);
            putShort(MADE_BY_UNIX | VERSION_ZIP64);
            putShort(VERSION_ZIP64);
            putInt(0);
            putInt(0);
            putLong(count);
            putLong(count);
            putLong(cdSize);
            putLong(cdStart);
            putInt(0x07064b50); // ZIP64 end of central directory locator
            putInt(0);
            putLong(cdEnd);
            putInt(1);
        }
        putInt(0x06054b50);
        putShort(0);
        putShort(0);
        putShort(Math.min(count, MAX16));
        putShort(Math.min(count, MAX16));
        putInt(Math.min(cdSize, MAX32));
        putInt(Math.min(cdStart, MAX32));
        putShort(0);
        flushHeap();
        out.flush();
    }

    private Entry localHeader(String name, int method, int flags, long crc, long compressedSize, long size)
            throws IOException {
        if (open) {
            throw new IllegalStateException("an entry is still open");
        }
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        if (encoded.length > MAX16) {
            throw new IllegalArgumentException("entry name too long: " + name);
        }
        long offset = written();
        boolean zip64 = method == STORED && size >= MAX32;
        putInt(0x04034b50);
        putShort(zip64 ? VERSION_ZIP64 : VERSION_20);
        putShort(flags | FLAG_UTF8);
        putShort(method);
        putInt(dosTime);
        boolean descriptor = (flags & FLAG_DESCRIPTOR) != 0;
        putInt(descriptor ? 0 : crc);
        putInt(descriptor ? 0 : zip64 ? MAX32 : compressedSize);
        putInt(descriptor ? 0 : zip64 ? MAX32 : size);
        putShort(encoded.length);
        putShort((zip64 ? 20 : 0) + 9);
        put(encoded, 0, encoded.length);
        if (zip64) {
            putShort(0x0001);
            putShort(16);
            putLong(size);
            putLong(compressedSize);
        }
        putTimestamp();
        return new Entry(encoded, method, flags | FLAG_UTF8, crc, compressedSize, size, offset);
    }

    private void putTimestamp() throws IOException {
        putShort(0x5455);
        putShort(5);
        heapByte(1); // modification time present
        putInt(unixSeconds & MAX32);
    }

    /** The deflated entry being written: deflates into the heap buffer, then writes the descriptor. */
    private final class DeflatingEntry extends OutputStream {

        private final Entry header;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final CRC32 crc = new CRC32();
        private final byte[] chunk = new byte[16 * 1024];
        private final long dataStart;

        DeflatingEntry(Entry header) {
            this.header = header;
            this.dataStart = written();
            open = true;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!open) {
                throw new IOException("entry closed");
            }
            crc.update(b, off, len);
            deflater.setInput(b, off, len);
            while (!deflater.needsInput()) {
                drain(Deflater.NO_FLUSH);
            }
        }

        private void drain(int flush) throws IOException {
            int n = deflater.deflate(chunk, 0, chunk.length, flush);
            put(chunk, 0, n);
        }

        @Override
        public void close() throws IOException {
            if (!open) {
                return;
            }
            deflater.finish();
            while (!deflater.finished()) {
                drain(Deflater.NO_FLUSH);
            }
            long size = deflater.getBytesRead();
            long compressed = written() - dataStart;
            deflater.end();
            open = false;
            putInt(0x08074b50);
            putInt(crc.getValue());
            if (size >= MAX32 || compressed >= MAX32) {
                putLong(compressed);
                putLong(size);
            } else {
                putInt(compressed);
                putInt(size);
            }
            entries.add(new Entry(header.name, DEFLATED, header.flags, crc.getValue(), compressed, size, header.offset));
        }
    }

    private static IOException shortContent(String name, long size, long got) {
        return new IOException(name + ": the content ended after " + got + " of the " + size
                + " bytes it was recorded with");
    }

    private void writeDirect(ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        if (servlet != null) {
            servlet.write(buffer);
        } else {
            while (buffer.hasRemaining()) {
                int piece = Math.min(buffer.remaining(), heap.length);
                buffer.get(heap, 0, piece);
                out.write(heap, 0, piece);
            }
        }
        written += n;
    }

    private void flushHeap() throws IOException {
        if (heapUsed > 0) {
            out.write(heap, 0, heapUsed);
            written += heapUsed;
            heapUsed = 0;
        }
    }

    private void put(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (heapUsed == heap.length) {
                flushHeap();
            }
            int piece = Math.min(len, heap.length - heapUsed);
            System.arraycopy(b, off, heap, heapUsed, piece);
            heapUsed += piece;
            off += piece;
            len -= piece;
        }
    }

    private void heapByte(int b) throws IOException {
        if (heapUsed == heap.length) {
            flushHeap();
        }
        heap[heapUsed++] = (byte) b;
    }

    private void putShort(int v) throws IOException {
        heapByte(v);
        heapByte(v >>> 8);
    }

    private void putInt(long v) throws IOException {
        putShort((int) (v & 0xFFFF));
        putShort((int) ((v >>> 16) & 0xFFFF));
    }

    private void putLong(long v) throws IOException {
        putInt(v & MAX32);
        putInt(v >>> 32);
    }

    /** MS-DOS date and time (UTC, two-second resolution); dates before 1980 are clamped to 1980. */
    static int dosTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        if (t.getYear() < 1980) {
            return (1 << 21) | (1 << 16);
        }
        return ((t.getYear() - 1980) << 25) | (t.getMonthValue() << 21) | (t.getDayOfMonth() << 16)
                | (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() >> 1);
    }
}
