package se.nexus.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU and memory of processes from /proc: CPU time is utime + stime (clock ticks) of /proc/pid/stat, memory
 * is VmRSS and VmHWM of /proc/pid/status and Pss of /proc/pid/smaps_rollup (shared pages counted once).
 */
final class ProcessProbe {

    /** Linux's USER_HZ on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessProbe() {
    }

    /** A process as /proc shows it. */
    record Proc(long pid, long parent, String name, String commandLine) {
    }

    /** CPU seconds and memory of one process (or a group summed) at one moment. */
    record Sample(double cpuSeconds, long rssKb, long peakRssKb, long pssKb, int processes) {

        static final Sample NONE = new Sample(0, 0, 0, 0, 0);

        Sample plus(Sample other) {
            return new Sample(cpuSeconds + other.cpuSeconds, rssKb + other.rssKb, peakRssKb + other.peakRssKb,
                pssKb + other.pssKb, processes + other.processes);
        }
    }

    static List<Proc> all() {
        List<Proc> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                .forEach(p -> read(p).ifPresent(found::add));
        } catch (IOException e) {
            throw new IllegalStateException("/proc is not readable", e);
        }
        return found;
    }

    private static Optional<Proc> read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String commandLine = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
            return Optional.of(new Proc(Long.parseLong(dir.getFileName().toString()), Long.parseLong(fields[1]), name,
                commandLine));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone while we looked
        }
    }

    /** The pids of each named group: the first processes matching each predicate, at most perGroup of them. */
    static Map<String, List<Long>> find(Map<String, Predicate<Proc>> groups, int perGroup) {
        List<Proc> processes = all();
        Map<String, List<Long>> found = new LinkedHashMap<>();
        groups.forEach((name, matches) -> found.put(name,
            processes.stream().filter(matches).map(Proc::pid).limit(perGroup).toList()));
        return found;
    }

    /** The postmaster matching the predicate and all its children (backends, WAL writer, checkpointer, ...). */
    static List<Long> postgres(Predicate<Proc> postmaster) {
        List<Proc> processes = all();
        Optional<Proc> server = processes.stream().filter(postmaster).findFirst();
        if (server.isEmpty()) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>(List.of(server.get().pid()));
        processes.stream().filter(p -> p.parent() == server.get().pid()).map(Proc::pid).forEach(pids::add);
        return pids;
    }

    static Sample sample(List<Long> pids) {
        return pids.stream().map(ProcessProbe::sample).reduce(Sample.NONE, Sample::plus);
    }

    static Sample sample(long pid) {
        Path dir = Path.of("/proc", String.valueOf(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            String status = Files.readString(dir.resolve("status"));
            return new Sample(cpu, kb(status, "VmRSS:"), kb(status, "VmHWM:"), pss(dir), 1);
        } catch (IOException | RuntimeException e) {
            return Sample.NONE;
        }
    }

    private static long pss(Path dir) {
        try {
            return kb(Files.readString(dir.resolve("smaps_rollup")), "Pss:");
        } catch (IOException e) {
            return 0;
        }
    }

    private static long kb(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return 0;
        }
        String rest = text.substring(at + key.length()).trim();
        return Long.parseLong(rest.substring(0, rest.indexOf(' ')));
    }

    /** Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat. */
    static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] { total - idle, total };
        } catch (IOException e) {
            return new long[] { 0, 0 };
        }
    }

    /**
     * CPU seconds of this JVM's live threads by kind: the load generator's own threads (HTTP client and workers)
     * and the rest (the Kafka broker, JDBC readers). Threads that ended are not counted.
     */
    static Map<String, Double> launcherThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> byKind = new LinkedHashMap<>(Map.of("load generator", 0.0, "Kafka broker and the rest", 0.0));
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            String kind = info.getThreadName().startsWith("bench-") || info.getThreadName().startsWith("HttpClient")
                ? "load generator" : "Kafka broker and the rest";
            byKind.merge(kind, Math.max(nanos, 0) / 1e9, Double::sum);
        }
        return byKind;
    }
}
