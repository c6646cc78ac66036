package dev.peersteam.board;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the board still waits behind each open task: the length, in tasks, of the longest chain of open tasks
 * that starts with it and follows "is depended on by". When only some sessions may run at once, the one holding the
 * task with the longest chain behind it goes first: the board cannot finish sooner than that chain.
 */
public final class CriticalPath {
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, Task> open = new HashMap<>();
    private final Map<String, Integer> lengths = new HashMap<>();
    private final Board board;

    public CriticalPath(Board board) {
        this.board = board;
        for (Task task : board.tasks()) {
            if (task.status().isOpen()) {
                open.put(task.id(), task);
            }
        }
        for (Task task : open.values()) {
            for (String dependency : task.dependsOn()) {
                dependents.computeIfAbsent(dependency, d -> new ArrayList<>()).add(task.id());
            }
        }
    }

    /** The longest chain behind any task {@code role} holds; 0 when it holds none. */
    public int ofRole(String role) {
        int longest = 0;
        for (Task task : board.openTasksOf(role)) {
            longest = Math.max(longest, length(task.id(), new HashSet<>()));
        }
        return longest;
    }

    /** 1 for the task itself, plus the longest chain of open tasks that depend on it. */
    int length(String taskId, Set<String> onPath) {
        Integer known = lengths.get(taskId);
        if (known != null) {
            return known;
        }
        if (!open.containsKey(taskId) || !onPath.add(taskId)) {
            return 0; // finished, unknown, or a cycle (the board refuses them; a journal may be older than the rule)
        }
        int behind = 0;
        for (String dependent : dependents.getOrDefault(taskId, List.of())) {
            behind = Math.max(behind, length(dependent, onPath));
        }
        onPath.remove(taskId);
        lengths.put(taskId, 1 + behind);
        return 1 + behind;
    }
}
