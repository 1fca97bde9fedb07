package kz.taza.emission.api;

import static kz.taza.platform.test.ApiProbe.object;
import static kz.taza.platform.test.RequestBodies.MISSING;
import static kz.taza.platform.test.RequestBodies.at;
import static kz.taza.platform.test.RequestBodies.readDecimal;
import static kz.taza.platform.test.RequestBodies.readInt;
import static kz.taza.platform.test.RequestBodies.readText;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.Producer;
import org.awaitility.Awaitility;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.emission.EmissionServiceApplication;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.test.ApiProbe;
import kz.taza.platform.test.ApiProbe.Answer;
import kz.taza.platform.test.ApiProbe.Expected;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.RequestBodies;
import kz.taza.platform.test.RequestBodies.Findings;
import kz.taza.platform.test.RequestBodies.Raw;
import kz.taza.platform.test.RequestBodies.Read;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TestNames;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever an AMS gateway or an operator's reporting system posts, the emission API answers without a server error: a
 * batch of readings is answered item by item, each reading valid by the documented rules ({@code ReadingRules}: a
 * concentration of 0 to 100,000 mg/Nm3, a flow above 0 and at most 20,000,000 Nm3/h, an interval that divides a day
 * and a start aligned to it, from 2000 and not in the future, a monitored pollutant, a known facility and source)
 * accepted and written once, every other one rejected naming its fields; an annual report is written once when valid
 * (a registered facility, a year from 2000 to this one, at most 1,000,000 t) and refused with a problem document
 * naming each bad field otherwise. The expectation is computed from the request alone; what is written is counted by
 * the ingestion producer ({@code record-send-total}).
 */
class EmissionApiPropertiesTest {

    private static final List<String> POLLUTANTS = List.of("SO2", "NOX", "CO", "DUST", "H2S", "NH3", "VOC",
            "OTHER");
    private static final List<String> STATUSES = List.of("VALID", "CALIBRATION", "MAINTENANCE", "FAULT",
            "SUBSTITUTED", "UNKNOWN");
    /** In a region no other test of the module counts KPIs for (they assert exact regional totals). */
    private static final String FACILITY = TestNames.unique("KZ-47-FZ");

    private static ServiceSuite suite;
    private static ApiProbe api;
    private static Producer<?, ?> ingestion;
    private static String gateway;
    private static String operator;

    @BeforeContainer
    static void startTheService() {
        suite = new ServiceSuite().start("emission-service", EmissionServiceApplication.class,
                Map.of("taza.emission.reference-refresh", "0s"));
        api = new ApiProbe(suite.url("emission-service"));
        ingestion = suite.context("emission-service").getBean("ingestionProducer", Producer.class);
        gateway = SharedIdentityProvider.get().gatewayToken(SharedIdentityProvider.OPERATOR_A);
        operator = SharedIdentityProvider.get().operatorToken(SharedIdentityProvider.OPERATOR_A);
        ApiProbe.awaitReady(suite.managementUrl("emission-service"));
        // a facility of the gateway's operator, as the permit service publishes it
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(FACILITY, EmissionFixtures.facility(FACILITY, "47",
                FacilityCategory.II, "energy", false)));
        Awaitility.await("the facility known to the service").atMost(Duration.ofSeconds(60)).until(() -> api.send(
                "POST", "/api/v1/reports", operator, RequestBodies.json(report())).status() == 202);
    }

    @AfterContainer
    static void stopTheService() {
        suite.close();
    }

    // ---------------------------------------------------------------- AMS readings

    @Property(tries = 60)
    void everyReadingOfABatchIsTakenInOnlyWhenValidAndARejectedOneNamesItsFields(
            @ForAll("batches") Map<String, Object> batch) {
        Object readings = at(batch, "readings");
        Set<String> unreadable = new LinkedHashSet<>();
        List<Set<String>> items = new ArrayList<>();
        boolean batchInvalid = false;
        if (readings == MISSING || readings == null) {
            batchInvalid = true;
        } else if (!(readings instanceof List<?> list)) {
            unreadable.add("readings");
        } else {
            // every item is read before the batch's size is checked
            for (int i = 0; i < list.size(); i++) {
                items.add(readingFaults(list.get(i), "readings[" + i + "].", unreadable));
            }
            batchInvalid = list.isEmpty() || list.size() > 1000;
        }
        double before = sent();
        Answer answer = api.send("POST", "/api/v1/ams/readings", gateway, RequestBodies.json(batch));
        double written = sent() - before;
        if (!unreadable.isEmpty()) {
            ApiProbe.assertAnswer(answer, new Expected.Unreadable(unreadable), (long) written);
            return;
        }
        if (batchInvalid) {
            ApiProbe.assertAnswer(answer, new Expected.Invalid(Set.of("readings")), (long) written);
            return;
        }
        // each item answered by itself: accepted when nothing is wrong, else rejected naming its fields
        ApiProbe.assertAnswered(answer);
        assertThat(answer.status()).as("batch answered: %s", answer).isEqualTo(200);
        long accepted = items.stream().filter(Set::isEmpty).count();
        assertThat(answer.json().path("accepted").asLong()).as("accepted in %s", answer).isEqualTo(accepted);
        assertThat(answer.json().path("rejected").asLong()).as("rejected in %s", answer)
                .isEqualTo(items.size() - accepted);
        for (int i = 0; i < items.size(); i++) {
            var result = answer.json().get("results").get(i);
            assertThat(result.path("outcome").asString()).as("outcome of item %d in %s", i, answer)
                    .isEqualTo(items.get(i).isEmpty() ? "ACCEPTED" : "REJECTED");
            Set<String> named = new LinkedHashSet<>();
            result.path("violations").forEach(v -> named.add(v.path("field").asString()));
            assertThat(named).as("fields of item %d in %s", i, answer)
                    .containsExactlyInAnyOrderElementsOf(items.get(i));
        }
        // every accepted reading written once, nothing else
        assertThat(written).as("readings written for %s", answer).isEqualTo((double) accepted);
    }

    /**
     * The faults of one reading as the documented rules find them: first its own shape (missing or unparsable
     * fields), and only when that is whole the rules of the door.
     */
    private static Set<String> readingFaults(Object item, String prefix, Set<String> unreadable) {
        Set<String> faults = new LinkedHashSet<>();
        if (item == null) {
            faults.add("reading");
            return faults;
        }
        if (!(item instanceof Map<?, ?>)) {
            unreadable.add(prefix.substring(0, prefix.length() - 1));
            return faults;
        }
        Read<String> facility = readText(at(item, "facilityId"));
        Read<String> source = readText(at(item, "sourceId"));
        Read<String> pollutant = readText(at(item, "pollutant"));
        Read<String> status = readText(at(item, "status"));
        Read<String> start = readText(at(item, "intervalStart"));
        Read<Long> minutes = readInt(at(item, "intervalMinutes"));
        Read<Double> concentration = readDecimal(at(item, "concentrationMgNm3"));
        Read<Double> flow = readDecimal(at(item, "flowNm3PerHour"));
        Map<String, Read<?>> reads = new LinkedHashMap<>();
        reads.put("facilityId", facility);
        reads.put("sourceId", source);
        reads.put("pollutant", pollutant);
        reads.put("status", status);
        reads.put("intervalStart", start);
        reads.put("intervalMinutes", minutes);
        reads.put("concentrationMgNm3", concentration);
        reads.put("flowNm3PerHour", flow);
        reads.forEach((field, read) -> {
            if (!read.readable()) {
                unreadable.add(prefix + field);
            }
        });
        if (!unreadable.isEmpty()) {
            return faults;
        }
        if (facility.value() == null || facility.value().isBlank()) {
            faults.add("facilityId");
        }
        if (source.value() == null || source.value().isBlank()) {
            faults.add("sourceId");
        }
        if (!named(pollutant.value(), POLLUTANTS)) {
            faults.add("pollutant");
        }
        if (!named(status.value(), STATUSES) || status.value().strip().equalsIgnoreCase("UNKNOWN")) {
            faults.add("status");
        }
        Instant from = null;
        try {
            from = start.value() == null ? null : Instant.parse(start.value());
        } catch (DateTimeParseException e) {
            // named below
        }
        if (from != null && (from.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))
                || from.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE)))) {
            from = null; // an instant, but no time in milliseconds since 1970: refused with the shape
        }
        if (from == null) {
            faults.add("intervalStart");
        }
        if (concentration.value() == null) {
            faults.add("concentrationMgNm3");
        }
        if (flow.value() == null) {
            faults.add("flowNm3PerHour");
        }
        if (!faults.isEmpty()) {
            return faults;
        }
        double c = concentration.value();
        if (!(c >= 0) || Double.isInfinite(c) || c > 100_000) {
            faults.add("concentrationMgNm3");
        }
        double q = flow.value();
        if (!(q > 0) || Double.isInfinite(q) || q > 20_000_000) {
            faults.add("flowNm3PerHour");
        }
        long length = minutes.value() == null ? 20 : minutes.value();
        if (length <= 0 || 1440 % length != 0) {
            faults.add("intervalMinutes");
        } else if (Math.floorMod(from.toEpochMilli(), length * 60_000L) != 0) {
            faults.add("intervalStart");
        }
        if (from.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                || from.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
            faults.add("intervalStart");
        }
        if (pollutant.value().strip().equalsIgnoreCase("OTHER")) {
            faults.add("pollutant"); // not a monitored pollutant
        }
        if (!facility.value().strip().equals(FACILITY)) {
            faults.add("facilityId");
        } else if (!source.value().strip().equals(EmissionFixtures.STACK)) {
            faults.add("sourceId");
        }
        return faults;
    }

    private static boolean named(String value, List<String> names) {
        return value != null && !value.isBlank() && names.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<Map<String, Object>> batches() {
        Map<String, Object> valid = object("readings", List.of(reading(), reading()));
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("readings", Arbitraries.of(MISSING, null, List.of(), "x", new Raw("{}"),
                Collections.singletonList(null), Collections.nCopies(1001, reading())));
        fields.put("readings[1]", Arbitraries.of(null, "x", new Raw("[]"), object()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Arbitrary<Object>> item = new LinkedHashMap<>();
        item.put("facilityId", Arbitraries.oneOf(RequestBodies.ids(), Arbitraries.of(" " + FACILITY + " ")));
        item.put("sourceId", Arbitraries.oneOf(RequestBodies.ids(), Arbitraries.of("STACK-1 ", "stack-1")));
        item.put("pollutant", RequestBodies.names("SO2", "NOX", "OTHER"));
        item.put("status", RequestBodies.names("VALID", "FAULT", "UNKNOWN"));
        item.put("intervalStart", Arbitraries.oneOf(RequestBodies.texts(), Arbitraries.of(
                now.minusSeconds(60).toString(), now.plus(Duration.ofHours(1)).toString(),
                now.plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.MINUTES).toString(),
                "1999-12-31T23:40:00Z", "2000-01-01T00:00:00Z", "1969-12-31T23:40:00Z", "2025-03-01T10:20:00",
                "2025-03-01", "+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "2025-03-01T10:20:00+05:00",
                now.minus(Duration.ofMinutes(10)).toString())));
        item.put("intervalMinutes", Arbitraries.oneOf(RequestBodies.integers(1440),
                Arbitraries.of(1, 7, 10, 15, 30, 60, 90, 720, 2880)));
        item.put("concentrationMgNm3", RequestBodies.decimals(100_000));
        item.put("flowNm3PerHour", RequestBodies.decimals(20_000_000));
        item.forEach((field, values) -> fields.put("readings[0]." + field, values));
        return RequestBodies.mutations(valid, fields);
    }

    private static Map<String, Object> reading() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        return object("facilityId", FACILITY, "sourceId", EmissionFixtures.STACK, "pollutant", "SO2",
                "intervalStart", start.toString(), "intervalMinutes", 20, "concentrationMgNm3", 412.5,
                "flowNm3PerHour", 350_000.0, "status", "VALID");
    }

    // ---------------------------------------------------------------- annual reports

    record Report(Map<String, Object> body, String malformed) {
    }

    @Property(tries = 40)
    void aReportIsWrittenOnlyWhenValidAndARefusalNamesEachBadField(@ForAll("reports") Report request) {
        Expected expected;
        if (request.malformed() != null) {
            expected = new Expected.Malformed();
        } else {
            Map<String, Object> body = request.body();
            Findings f = new Findings();
            f.require(readText(at(body, "facilityId")), "facilityId", id -> id.strip().equals(FACILITY));
            int thisYear = Year.now(ZoneOffset.ofHours(5)).getValue();
            Read<Long> year = readInt(at(body, "year"));
            if (f.readable(year, "year") && (year.value() == null || year.value() < 2000
                    || year.value() > thisYear)) {
                f.invalid("year");
            }
            f.require(readText(at(body, "pollutant")), "pollutant", p -> named(p, POLLUTANTS));
            f.require(readDecimal(at(body, "tonnes")), "tonnes", t -> t >= 0 && t <= 1_000_000);
            expected = f.expected();
        }
        double before = sent();
        Answer answer = api.send("POST", "/api/v1/reports", operator,
                request.malformed() != null ? request.malformed() : RequestBodies.json(request.body()));
        ApiProbe.assertAnswer(answer, expected, (long) (sent() - before));
    }

    @Provide
    Arbitrary<Report> reports() {
        Map<String, Object> valid = report();
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("facilityId", Arbitraries.oneOf(RequestBodies.ids(), Arbitraries.of(" " + FACILITY)));
        fields.put("year", RequestBodies.integers(2000, Year.now(ZoneOffset.ofHours(5)).getValue()));
        fields.put("pollutant", RequestBodies.names("SO2", "DUST", "OTHER"));
        fields.put("tonnes", RequestBodies.decimals(1_000_000));
        return Arbitraries.frequencyOf(
                Tuple.of(8, RequestBodies.mutations(valid, fields).map(b -> new Report(b, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid)).map(t -> new Report(null, t))));
    }

    private static Map<String, Object> report() {
        return object("facilityId", FACILITY, "year", 2024, "pollutant", "SO2", "tonnes", 12_500.5);
    }

    /** Records the ingestion producer has sent so far (readings and reports). */
    private static double sent() {
        return ingestion.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("record-send-total")
                        && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }
}
