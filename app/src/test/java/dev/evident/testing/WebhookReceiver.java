package dev.evident.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** A WireMock server on a free loopback port, one for the whole test run; tests use their own paths. */
public final class WebhookReceiver {

    private static WireMockServer instance;

    private WebhookReceiver() {
    }

    public static synchronized WireMockServer instance() {
        if (instance == null) {
            instance = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public static String url(String path) {
        return "http://127.0.0.1:" + instance().port() + path;
    }
}
