package dev.evident.evidence.internal.pack;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat writes a large response to the socket in pieces of its socket write buffer, 8 KiB by
 * default: a 2 GB audit package would take 260,000 write calls. 64 KiB pieces cut that eightfold;
 * the buffer is allocated per open connection (64 KiB × a few hundred connections at most). The
 * socket buffers are direct, so the JDK does not copy every piece once more into a temporary direct
 * buffer before the write call.
 */
@Configuration(proxyBeanMethods = false)
class LargeResponses {

    static final int SOCKET_WRITE_BUFFER = 64 * 1024;

    @Bean
    TomcatConnectorCustomizer largeSocketWrites() {
        return connector -> {
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_WRITE_BUFFER));
            connector.setProperty("socket.directBuffer", "true");
        };
    }
}
