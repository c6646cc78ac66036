package dev.peersteam.team;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys allowed at one level of the team file, and what to tell someone who used another key there.
 *
 * @param keys      the allowed keys, in the order the documentation lists them
 * @param misplaced keys that belong to another level, each with a hint saying where it goes
 */
record KnownKeys(List<String> keys, Map<String, String> misplaced) {

    /** Keys a role and {@code defaults:} share. */
    static final List<String> SHARED_ROLE_KEYS = List.of(
            "agent", "model", "permission_mode", "allowed_tools", "command", "budget_usd", "sim_script", "sandbox");

    /** Keys only a role itself may set: they make no sense for every role at once. */
    static final List<String> ROLE_ONLY_KEYS =
            List.of("lead", "prompt", "prompt_file", "agent_file", "description", "watches");

    static final KnownKeys TEAM = new KnownKeys(
            List.of(
                    "name",
                    "repo",
                    "base",
                    "worktrees",
                    "defaults",
                    "setup",
                    "copy",
                    "shared",
                    "budget_usd",
                    "budget_usd_per_hour",
                    "max_active",
                    "goal",
                    "notify",
                    "roles"),
            Stream.concat(
                            SHARED_ROLE_KEYS.stream()
                                    .filter(key -> !key.equals("budget_usd"))
                                    .map(key -> Map.entry(
                                            key,
                                            "'" + key + "' is a role setting: put it under"
                                                    + " 'defaults:' (for every role) or under one role in 'roles:'")),
                            ROLE_ONLY_KEYS.stream()
                                    .map(key -> Map.entry(
                                            key,
                                            "'" + key + "' is set for each role on its own: put"
                                                    + " it under one role in 'roles:'")))
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));

    static final KnownKeys DEFAULTS = new KnownKeys(
            SHARED_ROLE_KEYS,
            ROLE_ONLY_KEYS.stream()
                    .collect(Collectors.toUnmodifiableMap(
                            key -> key,
                            key -> "'" + key
                                    + "' is different for each role: set it on the role itself, not in 'defaults:'")));

    static final KnownKeys ROLE = new KnownKeys(
            Stream.concat(ROLE_ONLY_KEYS.stream(), SHARED_ROLE_KEYS.stream()).toList(),
            TEAM.keys().stream()
                    .filter(key -> !SHARED_ROLE_KEYS.contains(key))
                    .collect(Collectors.toUnmodifiableMap(
                            key -> key,
                            key -> "'" + key
                                    + "' is a team setting: move it to the top level of the file, outside 'roles:'")));

    /** The keys of a role's {@code watches:}. */
    static final KnownKeys WATCHES = new KnownKeys(List.of("commits", "tasks"), Map.of());

    /** The keys of one entry of {@code shared:}. */
    static final KnownKeys SHARED_FILE = new KnownKeys(
            List.of("path", "owners"),
            Map.of(
                    "owner",
                    "'owners' is a list, even for one role: 'owners: [backend]'",
                    "file",
                    "the file is named by 'path:'"));

    KnownKeys {
        keys = List.copyOf(keys);
        misplaced = Map.copyOf(misplaced);
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

    /** A hint for an unknown key: where it belongs, or the closest known key, and always the allowed keys. */
    String fixFor(String unknown) {
        String allowed = "allowed keys: " + String.join(", ", keys);
        if (unknown.equals("<<")) {
            return "YAML merge keys are not supported; put settings shared by roles under 'defaults:' (" + allowed
                    + ")";
        }
        if (misplaced.containsKey(unknown)) {
            return misplaced.get(unknown) + " (" + allowed + ")";
        }
        return closestTo(unknown)
                .map(key -> "did you mean '" + key + "'? " + allowed)
                .orElse(allowed);
    }

    /** The known key nearest to a misspelling, if one is near enough to be a likely meaning. */
    Optional<String> closestTo(String unknown) {
        String typed = comparable(unknown);
        return keys.stream()
                .filter(key -> isPlausibleTypo(typed, comparable(key)))
                .min(Comparator.comparingInt(key -> editDistance(typed, comparable(key))));
    }

    /** Case, '_' and '-' are ignored, so allowedTools and allowed-tools both find allowed_tools. */
    private static String comparable(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static boolean isPlausibleTypo(String typed, String key) {
        if (typed.length() >= 4 && (key.startsWith(typed) || key.endsWith(typed))) {
            return true; // "permission" for permission_mode, "tools" for allowed_tools
        }
        return editDistance(typed, key) <= Math.max(1, Math.min(3, key.length() / 3));
    }

    /**
     * Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one edit each (optimal
     * string alignment), since swapped letters ("rolse") are the most common typo.
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
