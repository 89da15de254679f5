package io.dmdesk.support.mongo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one class that owns a store collection: it alone knows the collection's field names and
 * turns its documents into a typed record and back. No {@code org.bson.Document} crosses the class
 * boundary; architecture-tests' ArchitectureTest enforces that.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DocumentStore {
    /** The collections this class owns. */
    String[] value();
}
