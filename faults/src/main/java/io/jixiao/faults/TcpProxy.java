package io.jixiao.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that the suite controls, between a client (a service, the relay, a consumer) and a server
 * (PostgreSQL, Kafka). Normally it forwards both ways. {@link #loseAcknowledgements} makes it keep forwarding what the
 * client sends while dropping every byte the server answers, and then reset every connection: the server did the
 * work (a commit, an append to the log), the client never heard so, and must retry on a new connection.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean dropping;
    final AtomicLong connections = new AtomicLong();
    final AtomicLong droppedBytes = new AtomicLong();
    final AtomicLong resets = new AtomicLong();

    TcpProxy(int listenPort, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 200);
        Thread acceptor = new Thread(this::accept, "proxy-" + listenPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    // the server is down: the client sees its connection refused, as it would without the proxy
                    reset(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                connections.incrementAndGet();
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                // closed, or one accept failed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (answers && dropping) {
                        droppedBytes.addAndGet(n);
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                close(from);
                close(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /**
     * For {@code millis}, the server's answers are dropped (requests still go through); then every connection is
     * reset. Returns the bytes dropped.
     */
    long loseAcknowledgements(long millis) throws InterruptedException {
        long before = droppedBytes.get();
        dropping = true;
        try {
            java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        } finally {
            for (Socket s : open) {
                reset(s);
            }
            resets.incrementAndGet();
            dropping = false;
        }
        return droppedBytes.get() - before;
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        close(s);
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            close(s);
        }
    }
}
