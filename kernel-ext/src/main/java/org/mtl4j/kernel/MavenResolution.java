package org.mtl4j.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.interpolation.ModelInterpolator;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies, as Maven would, with Maven's own
 * resolver: the local repository {@code ~/.m2/repository} first, then Maven Central (or {@code
 * MTL4J_MAVEN_REPOSITORY} when set, e.g. a mirror).
 *
 * <p>Example: {@code MavenResolution.resolve(List.of("org.apache.commons:commons-csv:1.10.0"))}
 * gives the path of the jar in the local repository.
 */
final class MavenResolution {

    private MavenResolution() {}

    static List<Path> resolve(List<String> coordinates) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException(
                    "%maven needs coordinates. Received: %maven. Use e.g. %maven"
                            + " org.apache.commons:commons-csv:1.10.0");
        }
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            collect.addDependency(new Dependency(artifact(coordinate), "runtime"));
        }
        collect.setRepositories(repositories());
        RepositorySystem system = new RepositorySystemSupplier().get();
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(local)
                .setSystemProperties(System.getProperties())
                .build()) {
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session,
                    new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime")))
                    .getArtifactResults()) {
                jars.add(result.getArtifact().getPath());
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new IllegalArgumentException("%maven could not resolve " + coordinates + ": "
                    + e.getMessage() + ". Check the coordinates and the network.", e);
        } finally {
            system.shutdown();
        }
    }

    private static DefaultArtifact artifact(String coordinate) {
        try {
            return new DefaultArtifact(coordinate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "%maven: '" + coordinate + "' is not a Maven coordinate. Expected"
                            + " groupId:artifactId:version (or"
                            + " groupId:artifactId:extension:classifier:version), e.g."
                            + " org.apache.commons:commons-csv:1.10.0.", e);
        }
    }

    /**
     * {@code MTL4J_MAVEN_REPOSITORY} if set, else Maven Central as Maven itself names it (its
     * {@code maven.repo.central} property, else its built-in default).
     */
    private static List<RemoteRepository> repositories() {
        String mirror = System.getenv("MTL4J_MAVEN_REPOSITORY");
        if (mirror != null && !mirror.isBlank()) {
            return List.of(new RemoteRepository.Builder("mirror", "default", mirror).build());
        }
        String central = System.getProperty(ModelInterpolator.MAVEN_REPO_CENTRAL_KEY,
                ModelInterpolator.DEFAULT_MAVEN_REPO_CENTRAL_URL);
        return List.of(new RemoteRepository.Builder("central", "default", central).build());
    }
}
