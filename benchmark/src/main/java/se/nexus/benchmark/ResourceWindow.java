package se.nexus.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jdk.jfr.Recording;

/**
 * Opens and closes the measured window for the resources: CPU of every watched process and of the machine,
 * commits per database, and (when profiling) a flight recording in every JVM.
 */
final class ResourceWindow {

    static final String POSTGRES = "PostgreSQL (all server processes)";
    static final String LAUNCHER = "launcher JVM (Kafka broker, load generator)";

    private final Platform platform;
    private final Ledgers ledgers;
    private final boolean profile;
    private final Map<String, Path> recordings;
    private final List<String> problems = new ArrayList<>();

    private long openNanos;
    private long closeNanos;
    private long[] machineOpen;
    private long[] machineClose;
    private Map<String, Map<Long, Double>> cpuOpen;
    private Map<String, Map<Long, ProcessProbe.Sample>> atClose;
    private Map<String, Double> threadsOpen;
    private Map<String, Double> threadsClose;
    private Map<String, Long> commitsOpen;
    private Map<String, Long> commitsClose;
    private Map<String, List<Long>> profiled = Map.of();
    private Recording launcherRecording;

    ResourceWindow(Platform platform, Ledgers ledgers, boolean profile, Map<String, Path> recordings) {
        this.platform = platform;
        this.ledgers = ledgers;
        this.profile = profile;
        this.recordings = recordings;
    }

    void open() {
        try {
            commitsOpen = ledgers.commits();
            Map<String, List<Long>> pids = pids();
            if (profile) {
                startRecordings(pids);
            }
            threadsOpen = ProcessProbe.launcherThreads();
            machineOpen = ProcessProbe.machine();
            cpuOpen = new LinkedHashMap<>();
            pids.forEach((group, list) -> {
                Map<Long, Double> cpu = new HashMap<>();
                list.forEach(pid -> cpu.put(pid, ProcessProbe.sample(pid).cpuSeconds()));
                cpuOpen.put(group, cpu);
            });
            openNanos = System.nanoTime();
        } catch (Exception e) {
            problems.add("window open: " + e);
        }
    }

    void close() {
        try {
            closeNanos = System.nanoTime();
            machineClose = ProcessProbe.machine();
            threadsClose = ProcessProbe.launcherThreads();
            atClose = new LinkedHashMap<>();
            pids().forEach((group, list) -> {
                Map<Long, ProcessProbe.Sample> samples = new HashMap<>();
                list.forEach(pid -> samples.put(pid, ProcessProbe.sample(pid)));
                atClose.put(group, samples);
            });
            commitsClose = ledgers.commits();
            if (profile) {
                stopRecordings();
            }
        } catch (Exception e) {
            problems.add("window close: " + e);
        }
    }

    private Map<String, List<Long>> pids() {
        Map<String, Predicate<ProcessProbe.Proc>> groups = new LinkedHashMap<>(platform.processes());
        Map<String, List<Long>> pids = new LinkedHashMap<>(ProcessProbe.find(groups, platform.instances()));
        pids.put(POSTGRES, ProcessProbe.postgres(platform.postmaster()));
        pids.put(LAUNCHER, List.of(ProcessHandle.current().pid()));
        return pids;
    }

    private void startRecordings(Map<String, List<Long>> pids) throws Exception {
        Map<String, List<Long>> started = new LinkedHashMap<>();
        for (String service : List.of(Platform.REFERRAL, Platform.NOTIFICATION, Platform.AUDIT)) {
            if (!pids.get(service).isEmpty()) {
                FlightRecordings.start(pids.get(service).get(0));
                started.put(service, pids.get(service));
            }
        }
        profiled = started;
        launcherRecording = FlightRecordings.startHere();
    }

    private void stopRecordings() throws Exception {
        for (Map.Entry<String, List<Long>> service : profiled.entrySet()) {
            FlightRecordings.stop(service.getValue().get(0), recordings.get(service.getKey()));
        }
        if (launcherRecording != null) {
            launcherRecording.dump(recordings.get("launcher"));
            launcherRecording.close();
        }
    }

    double seconds() {
        return (closeNanos - openNanos) / 1e9;
    }

    Map<String, Report.ProcessUse> processes() {
        Map<String, Report.ProcessUse> uses = new LinkedHashMap<>();
        if (atClose == null || cpuOpen == null) {
            return uses;
        }
        atClose.forEach((group, samples) -> {
            Map<Long, Double> before = cpuOpen.getOrDefault(group, Map.of());
            double cpu = 0;
            ProcessProbe.Sample sum = ProcessProbe.Sample.NONE;
            for (Map.Entry<Long, ProcessProbe.Sample> sample : samples.entrySet()) {
                cpu += sample.getValue().cpuSeconds() - before.getOrDefault(sample.getKey(), 0.0);
                sum = sum.plus(sample.getValue());
            }
            uses.put(group, new Report.ProcessUse(sum.processes(), 100 * cpu / seconds(), sum.rssKb() / 1024.0,
                sum.peakRssKb() / 1024.0, sum.pssKb() / 1024.0));
        });
        return uses;
    }

    /**
     * The platform's memory now, in MB: PSS (shared pages counted once) summed over its processes. The Kafka broker
     * runs inside the benchmark's own JVM beside the load generator, so it is not in this figure.
     */
    double platformMemoryMbNow() {
        Map<String, List<Long>> pids = pids();
        pids.remove(LAUNCHER);
        return pids.values().stream().mapToLong(list -> ProcessProbe.sample(list).pssKb()).sum() / 1024.0;
    }

    /** The same at the measured window's end. */
    double platformMemoryMbAtClose() {
        Map<String, Report.ProcessUse> processes = new LinkedHashMap<>(processes());
        processes.remove(LAUNCHER);
        return processes.values().stream().mapToDouble(Report.ProcessUse::pssMb).sum();
    }

    double machineCpuPercent() {
        if (machineOpen == null || machineClose == null || machineClose[1] == machineOpen[1]) {
            return 0;
        }
        return 100.0 * (machineClose[0] - machineOpen[0]) / (machineClose[1] - machineOpen[1]);
    }

    /** CPU used by processes that are not part of the platform (e.g. other builds on the machine), % of one core. */
    double otherCpuPercent() {
        if (machineOpen == null || machineClose == null) {
            return 0;
        }
        double machineSeconds = (machineClose[0] - machineOpen[0]) / 100.0;
        double platform = processes().values().stream().mapToDouble(Report.ProcessUse::cpuPercentOfOneCore).sum()
            * seconds() / 100;
        return Math.max(0, 100 * (machineSeconds - platform) / seconds());
    }

    Map<String, Double> launcherThreads() {
        Map<String, Double> percent = new LinkedHashMap<>();
        if (threadsOpen != null && threadsClose != null) {
            threadsClose.forEach((kind, cpu) -> percent.put(kind,
                Math.round(1000 * (cpu - threadsOpen.getOrDefault(kind, 0.0)) / seconds()) / 10.0));
        }
        return percent;
    }

    Map<String, Long> commits() {
        Map<String, Long> delta = new LinkedHashMap<>();
        if (commitsOpen != null && commitsClose != null) {
            commitsClose.forEach((db, n) -> delta.put(db, n - commitsOpen.getOrDefault(db, 0L)));
        }
        return delta;
    }

    Map<String, List<Long>> profiled() {
        return profiled;
    }

    List<String> problems() {
        return problems;
    }
}
