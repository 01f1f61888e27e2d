package org.mtl4j.train;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * What a DJL manager holds, read from its private {@code resources} map: for tests that a fit or
 * a replica leaves nothing behind.
 *
 * <p>Example: {@code int before = ManagerResources.arrays(parts.manager());}
 */
final class ManagerResources {

    private ManagerResources() {
    }

    /** The resources (arrays and sub-managers) {@code manager} itself holds. */
    static int held(NDManager manager) {
        return resources(manager).size();
    }

    /** The arrays {@code manager} and its open sub-managers hold. */
    static int arrays(NDManager manager) {
        int arrays = 0;
        for (Object resource : resources(manager).values()) {
            arrays += resource instanceof NDManager sub ? arrays(sub) : 1;
        }
        return arrays;
    }

    private static Map<?, ?> resources(NDManager manager) {
        try {
            Field field = BaseNDManager.class.getDeclaredField("resources");
            field.setAccessible(true);
            return (Map<?, ?>) field.get(manager);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's BaseNDManager has no 'resources' field", e);
        }
    }
}
