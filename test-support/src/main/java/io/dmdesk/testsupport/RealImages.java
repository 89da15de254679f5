package io.dmdesk.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * The real MongoDB and Kafka images, for machines that have a Docker engine. Tests that use them are
 * annotated {@code @Testcontainers(disabledWithoutDocker = true)}: without Docker JUnit records them as
 * skipped with that reason, and .ci/run prints the list.
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

    private RealImages() {}
}
