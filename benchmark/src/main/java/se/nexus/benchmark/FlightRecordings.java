package se.nexus.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Java Flight Recorder over exactly the measured window: started and dumped with jcmd in the services (which
 * run with -XX:+DebugNonSafepoints for accurate frames), in-process for the launcher JVM. Each recording is then
 * summarised: execution samples by the component their stack is in, by top frame, GC pauses and lock waits.
 */
final class FlightRecordings {

    private static final String NAME = "nexus-benchmark";

    /** Stack frames are attributed to the first component, from the top of the stack, whose package they are in. */
    private static final List<String[]> COMPONENTS = List.of(
        new String[] { "sun.security.", "crypto (RSA, SHA-256, AES)" },
        new String[] { "com.sun.crypto.", "crypto (RSA, SHA-256, AES)" },
        new String[] { "javax.crypto.", "crypto (RSA, SHA-256, AES)" },
        new String[] { "java.security.", "crypto (RSA, SHA-256, AES)" },
        new String[] { "java.math.BigInteger", "crypto (RSA, SHA-256, AES)" },
        new String[] { "org.postgresql.", "PostgreSQL JDBC driver" },
        new String[] { "com.zaxxer.hikari.", "connection pool (Hikari)" },
        new String[] { "org.apache.kafka.", "Kafka client" },
        new String[] { "kafka.", "Kafka broker" },
        new String[] { "org.apache.avro.", "Avro" },
        new String[] { "se.nexus.schemas.", "schema registry serde" },
        new String[] { "tools.jackson.", "JSON (Jackson)" },
        new String[] { "com.fasterxml.jackson.", "JSON (Jackson)" },
        new String[] { "com.nimbusds.", "JWT (Nimbus)" },
        new String[] { "org.springframework.security.", "Spring Security" },
        new String[] { "org.hibernate.validator.", "bean validation" },
        new String[] { "org.flywaydb.", "Flyway" },
        new String[] { "ch.qos.logback.", "logging" },
        new String[] { "org.slf4j.", "logging" },
        new String[] { "io.micrometer.", "metrics (Micrometer)" },
        new String[] { "org.apache.tomcat.", "HTTP server (Tomcat)" },
        new String[] { "org.apache.coyote.", "HTTP server (Tomcat)" },
        new String[] { "org.apache.catalina.", "HTTP server (Tomcat)" },
        new String[] { "org.springframework.kafka.", "Spring Kafka" },
        new String[] { "org.springframework.jdbc.", "Spring JDBC" },
        new String[] { "org.springframework.transaction.", "Spring transactions" },
        new String[] { "org.springframework.web.", "Spring MVC" },
        new String[] { "org.springframework.http.", "Spring MVC" },
        new String[] { "org.springframework.", "Spring (other)" },
        new String[] { "se.nexus.", "Nexus code" },
        new String[] { "jdk.internal.net.http.", "JDK HTTP client (load generator)" },
        new String[] { "se.nexus.benchmark.", "load generator" });

    private FlightRecordings() {
    }

    /** One recording, summarised. */
    record Profile(String process, String file, long samples, List<Cost> components, List<Cost> topFrames,
            long gcPauses, double gcPauseMillis, double longestGcPauseMillis, List<Cost> lockWaits) {
    }

    /** A share of the samples (or, for lock waits, milliseconds waited). */
    record Cost(String what, long count, double percent, String hottestMethod) {
    }

    static void start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
    }

    static void stop(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.dump", "name=" + NAME, "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=" + NAME);
    }

    static Recording startHere() throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName(NAME);
        recording.start();
        return recording;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            String.valueOf(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed for " + pid + ": " + output);
        }
    }

    static Profile summarise(String process, Path file) throws IOException {
        Map<String, Long> byComponent = new HashMap<>();
        Map<String, Map<String, Long>> methodsByComponent = new HashMap<>();
        Map<String, Long> byTopFrame = new HashMap<>();
        Map<String, Long> lockWaits = new HashMap<>();
        long samples = 0;
        long gcPauses = 0;
        double gcMillis = 0;
        double longestGc = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        sample(event.getStackTrace(), byComponent, methodsByComponent, byTopFrame);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcPauses++;
                        double millis = event.getDuration("sumOfPauses").toNanos() / 1e6;
                        gcMillis += millis;
                        longestGc = Math.max(longestGc, event.getDuration("longestPause").toNanos() / 1e6);
                    }
                    case "jdk.JavaMonitorEnter" -> lockWaits.merge(lockSite(event),
                        event.getDuration().toMillis(), Long::sum);
                    default -> { }
                }
            }
        }
        return new Profile(process, file.getFileName().toString(), samples,
            top(byComponent, samples, methodsByComponent, 6), top(byTopFrame, samples, Map.of(), 8), gcPauses,
            gcMillis, longestGc, top(lockWaits, 0, Map.of(), 5));
    }

    private static void sample(RecordedStackTrace stack, Map<String, Long> byComponent,
            Map<String, Map<String, Long>> methodsByComponent, Map<String, Long> byTopFrame) {
        if (stack == null || stack.getFrames().isEmpty()) {
            byComponent.merge("(no stack)", 1L, Long::sum);
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        byTopFrame.merge(method(frames.get(0)), 1L, Long::sum);
        String component = "JDK and other";
        String method = method(frames.get(0));
        for (RecordedFrame frame : frames) {
            String owner = frame.getMethod().getType().getName();
            String found = component(owner);
            if (found != null) {
                component = found;
                method = method(frame);
                break;
            }
        }
        byComponent.merge(component, 1L, Long::sum);
        methodsByComponent.computeIfAbsent(component, c -> new HashMap<>()).merge(method, 1L, Long::sum);
    }

    private static String component(String className) {
        String found = null;
        for (String[] component : COMPONENTS) {
            if (className.startsWith(component[0])) {
                // The longest matching prefix wins (se.nexus.benchmark. over se.nexus.).
                if (found == null || component[0].length() > found.length()) {
                    found = component[0];
                }
            }
        }
        if (found == null) {
            return null;
        }
        for (String[] component : COMPONENTS) {
            if (component[0].equals(found)) {
                return component[1];
            }
        }
        return null;
    }

    private static String lockSite(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null) {
            return event.getEventType().getName();
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String owner = frame.getMethod().getType().getName();
            if (!owner.startsWith("java.") && !owner.startsWith("jdk.") && !owner.startsWith("sun.")) {
                return event.getEventType().getName().replace("jdk.", "") + " in " + method(frame);
            }
        }
        return event.getEventType().getName();
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " ("
            + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
    }

    private static List<Cost> top(Map<String, Long> counts, long total, Map<String, Map<String, Long>> methods, int n) {
        long sum = total > 0 ? total : counts.values().stream().mapToLong(Long::longValue).sum();
        List<Cost> costs = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
            .forEach(entry -> costs.add(new Cost(entry.getKey(), entry.getValue(),
                sum == 0 ? 0 : 100.0 * entry.getValue() / sum, hottest(methods.get(entry.getKey())))));
        return costs;
    }

    private static String hottest(Map<String, Long> methods) {
        if (methods == null) {
            return null;
        }
        return methods.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
            .map(Map.Entry::getKey).orElse(null);
    }

    /** Writes `jfr summary` of the file next to it, for a quick look at what was recorded. */
    static void writeSummary(Path file) {
        try {
            Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
            Process process = new ProcessBuilder(jfr.toString(), "summary", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(file.resolveSibling(file.getFileName() + ".summary.txt").toFile())
                .start();
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            // The summary is a convenience; the recording itself is what matters.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Path> files(Path dir, List<String> processes) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        processes.forEach(process -> files.put(process, dir.resolve(process.replace(' ', '-') + ".jfr")));
        return files;
    }
}
