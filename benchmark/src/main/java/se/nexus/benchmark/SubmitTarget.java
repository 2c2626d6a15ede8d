package se.nexus.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.nexus.infrastructure.KafkaConnection;

/**
 * Where referrals are submitted and where the submitted event lands: the same driver measures Nexus and the peer,
 * each with its own request and answer, so that the figures differ only by the system under test.
 */
interface SubmitTarget {

    Duration TIMEOUT = Duration.ofSeconds(30);

    /** The name the report uses. */
    String system();

    /** The next submit, spread round-robin over the instances. */
    HttpRequest next();

    /** The referral id in a 201 answer: the key its event carries on the topic. */
    String referralId(String body);

    String topic();

    /** How the driver's consumer reaches the broker the target's events land on. */
    Map<String, Object> kafka();

    /**
     * Nexus: a referral on a statutory basis from one demo agency to another, as CaseTraffic submits it, with the
     * sender's caseworker token and an Idempotency-Key; its ReferralSubmitted event is keyed by referral id on
     * nexus.referrals.
     */
    static SubmitTarget nexus(Platform platform) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Platform.AGENCIES.forEach(agency -> tokens.put(agency, platform.token(agency, "CASEWORKER")));
        return new Nexus(platform.urls(Platform.REFERRAL), tokens, platform.kafka(), new AtomicLong());
    }

    /** The peer: its own body ({toAgency, subjectRef, urgency}) and answer ({referralId}), no token. */
    static SubmitTarget peer(PeerPlatform peer) {
        return new Peer(peer);
    }

    /** Nexus's referral service, one or more instances. */
    record Nexus(List<String> urls, Map<String, String> tokens, KafkaConnection connection, AtomicLong sent)
            implements SubmitTarget {

        /** The operator's tool principal over mutual TLS, as every client of the platform's broker. */
        @Override
        public Map<String, Object> kafka() {
            return connection.properties();
        }

        private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

        @Override
        public String system() {
            return "Nexus";
        }

        @Override
        public HttpRequest next() {
            List<String> agencies = new ArrayList<>(Platform.AGENCIES);
            Collections.shuffle(agencies, ThreadLocalRandom.current());
            String subjectRef = "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            String url = urls.get((int) (sent.getAndIncrement() % urls.size()));
            return HttpRequest.newBuilder(URI.create(url + "/api/v1/referrals"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tokens.get(agencies.get(0)))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                    CaseTraffic.referralJson(agencies.get(1), subjectRef, CaseTraffic.statutoryBasis())))
                .build();
        }

        @Override
        public String referralId(String body) {
            Matcher id = ID.matcher(body);
            return id.find() ? id.group(1) : null;
        }

        @Override
        public String topic() {
            return "nexus.referrals";
        }
    }

    /** The peer's one app instance. */
    record Peer(PeerPlatform peer) implements SubmitTarget {

        private static final Pattern ID = Pattern.compile("\"referralId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        private static final List<String> URGENCIES = List.of("IMMEDIATE", "URGENT", "ROUTINE");

        @Override
        public String system() {
            return PeerPlatform.NAME;
        }

        @Override
        public HttpRequest next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String agency = Platform.AGENCIES.get(random.nextInt(Platform.AGENCIES.size()));
            String body = "{\"toAgency\":\"" + agency + "\",\"subjectRef\":\"bench-"
                + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "\",\"urgency\":\""
                + URGENCIES.get(random.nextInt(URGENCIES.size())) + "\"}";
            return HttpRequest.newBuilder(URI.create(peer.url() + "/referrals"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        }

        @Override
        public String referralId(String body) {
            Matcher id = ID.matcher(body);
            return id.find() ? id.group(1) : null;
        }

        @Override
        public String topic() {
            return peer.topic();
        }

        /** The peer's own broker (not the platform's): plaintext, as the peer was handed over. */
        @Override
        public Map<String, Object> kafka() {
            return KafkaConnection.plaintext(peer.kafkaBootstrapServers()).properties();
        }
    }
}
