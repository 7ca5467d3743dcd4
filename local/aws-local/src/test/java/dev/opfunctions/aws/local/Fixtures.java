package dev.opfunctions.aws.local;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test fixtures on the class path and in the repository. */
final class Fixtures {
    private Fixtures() {}

    static SamTemplate fixtureTemplate() {
        try {
            return SamTemplate.load(
                    Path.of(Fixtures.class.getResource("/fixture-template.yaml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path repoRoot() {
        String root = System.getProperty("repo.root");
        if (root == null) {
            throw new IllegalStateException("repo.root is not set (surefire sets it from the root pom)");
        }
        return Path.of(root);
    }
}
