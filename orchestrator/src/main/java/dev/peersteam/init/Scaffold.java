package dev.peersteam.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files {@code peers-team init} writes for one pattern: {@code team.yaml} and the role prompts it names under
 * {@code roles/}. It never overwrites: {@link #existing} lists what is in the way, and {@link #write} creates each
 * file only if it does not exist.
 *
 * @param pattern the team pattern
 * @param files   what to write, relative to the target directory, in the order written
 */
public record Scaffold(TeamPattern pattern, List<File> files) {

    /** One file to write. */
    public record File(Path relative, String content) {}

    public static final Path TEAM_FILE = Path.of("team.yaml");

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Scaffold {
        files = List.copyOf(files);
    }

    /** The files for {@code pattern}, with {@code teamName} (e.g. the directory's name) as the team's name. */
    public static Scaffold of(TeamPattern pattern, String teamName) {
        List<File> files = new ArrayList<>();
        files.add(new File(TEAM_FILE, pattern.teamFileTemplate().replace("{{name}}", yamlName(teamName))));
        for (String role : pattern.prompts()) {
            files.add(new File(Path.of("roles", role + ".md"), TeamPattern.rolePrompt(role)));
        }
        return new Scaffold(pattern, files);
    }

    /** A team name as a YAML value: plain when it is a simple word, else quoted; {@code team} when it is unusable. */
    static String yamlName(String name) {
        if (name == null || name.isBlank()) {
            return "team";
        }
        if (PLAIN_NAME.matcher(name).matches() && !name.matches("(?i)true|false|yes|no|on|off|null|~")) {
            return name;
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "team";
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * What is in the way in {@code dir}, relative to it: files that already exist (a dangling link counts), and a
     * file where a folder must go (a file named {@code roles}). {@link #write} would refuse to touch any of them.
     */
    public List<Path> existing(Path dir) {
        Set<Path> inTheWay = new LinkedHashSet<>();
        for (File file : files) {
            Path relative = file.relative();
            for (Path folder = relative.getParent(); folder != null; folder = folder.getParent()) {
                Path at = dir.resolve(folder);
                if (Files.exists(at, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(at)) {
                    inTheWay.add(folder);
                }
            }
            if (Files.exists(dir.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
                inTheWay.add(relative);
            }
        }
        return List.copyOf(inTheWay);
    }

    /**
     * Creates every file in {@code dir} (and the directories they need). Each file is created new: if one exists by
     * now, this stops there with a {@link java.nio.file.FileAlreadyExistsException}, having touched nothing that
     * existed before.
     *
     * @return the files written, relative to {@code dir}
     */
    public List<Path> write(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (File file : files) {
            Path target = dir.resolve(file.relative());
            Files.createDirectories(target.getParent());
            Files.writeString(
                    target,
                    file.content(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            written.add(file.relative());
        }
        return written;
    }

    /** Whether {@code dir} is inside a git work tree: it or a folder above it holds {@code .git}. */
    public static boolean inGitRepository(Path dir) {
        for (Path at = dir.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }
}
