package dev.peersteam.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A seeded random task graph for the scheduling benchmark: tasks in layers, each task after the first layer depending
 * on one to three tasks of earlier layers (at least one of the layer just before, so the layers are real), each with
 * a duration drawn uniformly. Tasks are numbered 0..n-1 in layer order, so a dependency always has a smaller number.
 *
 * @param durations milliseconds per task
 * @param dependsOn per task, the tasks it waits for (smaller numbers)
 */
record TaskDag(long seed, long[] durations, List<List<Integer>> dependsOn) {

    /** {@code tasks} tasks in {@code layers} layers (each at least one task), durations in [minMs, maxMs]. */
    static TaskDag random(long seed, int tasks, int layers, long minMs, long maxMs) {
        if (layers < 1 || layers > tasks || minMs > maxMs) {
            throw new IllegalArgumentException("need 1 <= layers <= tasks and minMs <= maxMs");
        }
        Random random = new Random(seed);
        int[] layerSize = new int[layers];
        Arrays.fill(layerSize, 1);
        for (int i = layers; i < tasks; i++) {
            layerSize[random.nextInt(layers)]++;
        }
        long[] durations = new long[tasks];
        List<List<Integer>> dependsOn = new ArrayList<>();
        int first = 0; // the first task of the current layer
        int previousFirst = 0;
        for (int layer = 0; layer < layers; layer++) {
            for (int k = 0; k < layerSize[layer]; k++) {
                int id = first + k;
                durations[id] = minMs + (long) (random.nextDouble() * (maxMs - minMs + 1));
                durations[id] = Math.min(durations[id], maxMs);
                List<Integer> deps = new ArrayList<>();
                if (layer > 0) {
                    deps.add(previousFirst + random.nextInt(first - previousFirst)); // one of the layer before
                    int more = random.nextInt(3); // and up to two of any earlier layer
                    for (int m = 0; m < more; m++) {
                        int d = random.nextInt(first);
                        if (!deps.contains(d)) {
                            deps.add(d);
                        }
                    }
                    deps.sort(null);
                }
                dependsOn.add(List.copyOf(deps));
            }
            previousFirst = first;
            first += layerSize[layer];
        }
        return new TaskDag(seed, durations, List.copyOf(dependsOn));
    }

    /** The same graph with every duration {@code factor} times as long (the same schedules, scaled). */
    TaskDag scaled(long factor) {
        return new TaskDag(seed, Arrays.stream(durations).map(d -> d * factor).toArray(), dependsOn);
    }

    int size() {
        return durations.length;
    }

    long totalWork() {
        return Arrays.stream(durations).sum();
    }

    /** Per task: its duration plus the longest chain of tasks that wait for it (the "bottom level"). */
    long[] bottomLevels() {
        long[] level = new long[size()];
        List<List<Integer>> dependents = dependents();
        for (int id = size() - 1; id >= 0; id--) {
            long behind = 0;
            for (int d : dependents.get(id)) {
                behind = Math.max(behind, level[d]);
            }
            level[id] = durations[id] + behind;
        }
        return level;
    }

    /** The longest chain of durations through the graph: no schedule can finish sooner. */
    long criticalPath() {
        return Arrays.stream(bottomLevels()).max().orElse(0);
    }

    /** The tasks of one longest chain, first to last. */
    List<Integer> criticalChain() {
        long[] level = bottomLevels();
        List<List<Integer>> dependents = dependents();
        List<Integer> chain = new ArrayList<>();
        int at = -1;
        for (int id = 0; id < size(); id++) {
            if (dependsOn.get(id).isEmpty() && (at < 0 || level[id] > level[at])) {
                at = id;
            }
        }
        while (at >= 0) {
            chain.add(at);
            int next = -1;
            for (int d : dependents.get(at)) {
                if (next < 0 || level[d] > level[next]) {
                    next = d;
                }
            }
            at = next;
        }
        return chain;
    }

    /**
     * The lower bound on the makespan with {@code slots} tasks running at once: the critical path, or all the work
     * spread evenly, whichever is longer.
     */
    long lowerBound(int slots) {
        return Math.max(criticalPath(), (totalWork() + slots - 1) / slots);
    }

    List<List<Integer>> dependents() {
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int id = 0; id < size(); id++) {
            for (int d : dependsOn.get(id)) {
                dependents.get(d).add(id);
            }
        }
        return dependents;
    }

    /** An assignment of every task to a role (0..roles-1), and the makespan its plan promised. */
    record Schedule(int[] roleOf, long plannedMakespan) {}

    /**
     * Standard list scheduling (highest bottom level first, HLFET): whenever a role is free, it takes the ready task
     * with the longest chain behind it; the assignment is what a lead who knew every duration would hand out up
     * front.
     */
    Schedule listSchedule(int roles) {
        long[] level = bottomLevels();
        int[] roleOf = new int[size()];
        long[] finish = new long[size()];
        int[] waitingFor = new int[size()];
        List<List<Integer>> dependents = dependents();
        PriorityQueue<Integer> ready = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(t -> -level[t]).thenComparingInt(t -> t));
        long[] readyAt = new long[size()];
        for (int id = 0; id < size(); id++) {
            waitingFor[id] = dependsOn.get(id).size();
            if (waitingFor[id] == 0) {
                ready.add(id);
            }
        }
        long[] freeAt = new long[roles];
        // running tasks by finish time, to release dependents in time order
        PriorityQueue<Integer> running = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(t -> finish[t]).thenComparingInt(t -> t));
        long now = 0;
        int scheduled = 0;
        while (scheduled < size()) {
            // start ready tasks on free roles at `now`
            while (!ready.isEmpty()) {
                int role = earliestFree(freeAt);
                if (freeAt[role] > now) {
                    break;
                }
                int task = ready.poll();
                roleOf[task] = role;
                long start = Math.max(now, readyAt[task]);
                finish[task] = start + durations[task];
                freeAt[role] = finish[task];
                running.add(task);
                scheduled++;
            }
            // advance to the next event: a task finishing (releases dependents and its role)
            int done = running.poll();
            now = Math.max(now, finish[done]);
            for (int d : dependents.get(done)) {
                readyAt[d] = Math.max(readyAt[d], finish[done]);
                if (--waitingFor[d] == 0) {
                    ready.add(d);
                }
            }
        }
        long makespan = Arrays.stream(finish).max().orElse(0);
        return new Schedule(roleOf, makespan);
    }

    private static int earliestFree(long[] freeAt) {
        int best = 0;
        for (int r = 1; r < freeAt.length; r++) {
            if (freeAt[r] < freeAt[best]) {
                best = r;
            }
        }
        return best;
    }

    /**
     * The makespan of an assignment as the team runs it, without any overhead: a task goes to its role when its
     * dependencies are done, each role works through its tasks in the order they became ready, and at most
     * {@code slots} roles work at once (a role keeps its slot while it has tasks queued, as a session keeps its turn
     * while messages are folded into it; a waiting role whose task became ready first goes next).
     */
    long replay(int[] roleOf, int roles, int slots) {
        int n = size();
        List<List<Integer>> dependents = dependents();
        int[] waitingFor = new int[n];
        long[] readyAt = new long[n];
        long[] finish = new long[n];
        Arrays.fill(finish, -1);
        List<List<Integer>> queue = new ArrayList<>();
        for (int r = 0; r < roles; r++) {
            queue.add(new ArrayList<>());
        }
        int[] runningTask = new int[roles];
        Arrays.fill(runningTask, -1);
        for (int id = 0; id < n; id++) {
            waitingFor[id] = dependsOn.get(id).size();
            if (waitingFor[id] == 0) {
                queue.get(roleOf[id]).add(id);
            }
        }
        long now = 0;
        int finished = 0;
        int busy = 0;
        while (finished < n) {
            // roles with a slot continue; others wait for one, the one whose head task became ready first goes first
            for (int r = 0; r < roles; r++) {
                if (runningTask[r] == -2 && !queue.get(r).isEmpty()) {
                    start(r, queue, runningTask, finish, now);
                } else if (runningTask[r] == -2) {
                    runningTask[r] = -1; // idle: gives its slot back
                    busy--;
                }
            }
            while (busy < slots) {
                int next = -1;
                for (int r = 0; r < roles; r++) {
                    if (runningTask[r] == -1
                            && !queue.get(r).isEmpty()
                            && (next < 0
                                    || readyAt[queue.get(r).getFirst()]
                                            < readyAt[queue.get(next).getFirst()])) {
                        next = r;
                    }
                }
                if (next < 0) {
                    break;
                }
                start(next, queue, runningTask, finish, now);
                busy++;
            }
            // the next task to finish
            long soonest = Long.MAX_VALUE;
            for (int r = 0; r < roles; r++) {
                if (runningTask[r] >= 0) {
                    soonest = Math.min(soonest, finish[runningTask[r]]);
                }
            }
            if (soonest == Long.MAX_VALUE) {
                throw new IllegalStateException("nothing runs and " + (n - finished) + " tasks are left");
            }
            now = soonest;
            for (int r = 0; r < roles; r++) {
                int task = runningTask[r];
                if (task >= 0 && finish[task] == now) {
                    finished++;
                    runningTask[r] = -2; // just finished: keeps its slot if it has more queued
                    for (int d : dependents.get(task)) {
                        readyAt[d] = Math.max(readyAt[d], now);
                        if (--waitingFor[d] == 0) {
                            queue.get(roleOf[d]).add(d);
                        }
                    }
                }
            }
        }
        return Arrays.stream(finish).max().orElse(0);
    }

    private void start(int role, List<List<Integer>> queue, int[] runningTask, long[] finish, long now) {
        int task = queue.get(role).removeFirst();
        runningTask[role] = task;
        finish[task] = now + durations[task];
    }
}
