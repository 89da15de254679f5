package io.dmdesk.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * The real MongoDB and Kafka images, for machines that have a Docker engine. Tests that use them are
 * annotated {@code @Testcontainers(disabledWithoutDocker = true)} and call {@link #reportSkipIfNoDocker}, so
 * a run without Docker says plainly that they were skipped.
 */
public final class RealImages {

    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGO_IMAGE = "mongo:8.0";

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static void reportSkipIfNoDocker(String test) {
        if (!dockerAvailable()) {
            System.out.println("SKIPPED " + test + ": no Docker engine, so the real " + KAFKA_IMAGE + " and "
                    + MONGO_IMAGE + " images were not run; the embedded broker and store tests cover the behaviour.");
        }
    }

    private RealImages() {
    }
}
