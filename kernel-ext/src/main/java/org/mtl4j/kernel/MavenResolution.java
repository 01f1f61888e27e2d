package org.mtl4j.kernel;

import java.nio.file.Path;
import java.util.List;

/** Placeholder until %maven lands. */
final class MavenResolution {

    private MavenResolution() {}

    static List<Path> resolve(List<String> coordinates) {
        throw new UnsupportedOperationException("%maven is not available yet.");
    }
}
