package org.mtl4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ("development" when run from classes). */
public final class Mtl4jVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Mtl4jVersion.class.getPackage().getImplementationVersion();
        return new String[] {"mtl4j " + (version == null ? "development" : version)};
    }
}
