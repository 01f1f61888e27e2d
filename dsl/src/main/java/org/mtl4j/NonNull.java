package org.mtl4j;

import java.util.Arrays;
import java.util.List;

/** Rejects null DSL arguments with a message naming the call and an example. */
final class NonNull {

    private NonNull() {}

    static <T> List<T> list(String call, T[] values, String example) {
        if (values == null || Arrays.asList(values).contains(null)) {
            throw new IllegalArgumentException(
                    call + "() received null. Received: " + call + "("
                            + (values == null ? "null" : Arrays.toString(values))
                            + "). Pass values such as " + call + "(" + example + ").");
        }
        return Arrays.asList(values);
    }
}
