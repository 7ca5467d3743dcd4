package dev.opfunctions.aws.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where to find a Python 3 that can import moto with its server extras, in the order a user's
 * shell would: {@code $MOTO_PYTHON} (what the {@code bin/} scripts export after
 * {@code bin/moto-python}), then {@code python3} on {@code PATH}, then the project's own
 * {@code .venv-moto/} (created by {@code bin/moto-python} when the first two lack moto).
 *
 * <p>The candidates are not probed here (an import costs as much as starting the server);
 * {@link MotoServer} starts the launcher with each in turn and moves on when it exits with
 * "moto missing".
 */
final class MotoPython {
    /** The moto release the project is tested with; bin/moto-python installs exactly this one. */
    static final String PINNED = "moto[server]==5.2.1";

    private MotoPython() {}

    /** The interpreters to try, most specific first, without duplicates. */
    static List<String> candidates() {
        List<String> found = new ArrayList<>();
        Optional.ofNullable(System.getenv("MOTO_PYTHON"))
                .filter(s -> !s.isBlank())
                .ifPresent(found::add);
        onPath("python3").ifPresent(found::add);
        projectVenv().map(Path::toString).filter(p -> !found.contains(p)).ifPresent(found::add);
        return found;
    }

    /** What to tell a developer whose machine has none of the candidates working. */
    static String howToInstall(List<String> tried) {
        if (tried.isEmpty()) {
            return "No Python 3 found (no $MOTO_PYTHON, no python3 on PATH, no .venv-moto/). The local AWS servers run on moto: "
                    + "install Python 3 with venv support (Debian: apt-get install python3 python3-venv), then run bin/moto-python.";
        }
        return "None of " + tried
                + " can import moto with its server extras. Run bin/moto-python (it creates .venv-moto/ with " + PINNED
                + ") or pip install '" + PINNED + "' into your python3.";
    }

    private static Optional<String> onPath(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) return Optional.of(candidate.toString());
        }
        return Optional.empty();
    }

    /** {@code .venv-moto/bin/python} in the repository root ({@code -Drepo.root}) or a parent of the working directory. */
    private static Optional<Path> projectVenv() {
        List<Path> roots = new ArrayList<>();
        Optional.ofNullable(System.getProperty("repo.root"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .ifPresent(roots::add);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) roots.add(dir);
        return roots.stream()
                .map(r -> r.resolve(".venv-moto/bin/python"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
