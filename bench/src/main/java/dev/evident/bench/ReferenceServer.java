package dev.evident.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A reference download to disk: one file sent by the kernel ({@link FileChannel#transferTo},
 * sendfile) over loopback, fetched by curl into a file, so the export's download-to-disk figure can be
 * read against what the client side alone costs on this machine.
 */
final class ReferenceServer {

    private ReferenceServer() {
    }

    /** Serves {@code file} once and times {@code curl -o target} fetching it; deletes the target after. */
    static double curlSeconds(Path file, Path target) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Thread serving = new Thread(() -> serveOnce(server, file), "reference-server");
            serving.start();
            long start = System.nanoTime();
            Process curl = new ProcessBuilder("curl", "-sS", "-o", target.toString(), "http://127.0.0.1:" + port + "/")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (curl.waitFor() != 0) {
                throw new IOException("curl failed against the reference server (exit " + curl.exitValue() + ")");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            serving.join();
            if (Files.size(target) != Files.size(file)) {
                throw new IOException("the reference download is " + Files.size(target) + " bytes, not " + Files.size(file));
            }
            Files.delete(target);
            return seconds;
        }
    }

    private static void serveOnce(ServerSocketChannel server, Path file) {
        try (SocketChannel socket = server.accept(); FileChannel content = FileChannel.open(file)) {
            socket.read(ByteBuffer.allocate(16 * 1024)); // the request: one small GET
            long size = content.size();
            ByteBuffer head = ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + size + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (head.hasRemaining()) {
                socket.write(head);
            }
            for (long sent = 0; sent < size; ) {
                sent += content.transferTo(sent, size - sent, socket);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
