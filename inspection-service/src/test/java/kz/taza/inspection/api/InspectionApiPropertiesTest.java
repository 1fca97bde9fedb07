package kz.taza.inspection.api;

import static kz.taza.platform.test.ApiProbe.object;
import static kz.taza.platform.test.RequestBodies.MISSING;
import static kz.taza.platform.test.RequestBodies.at;
import static kz.taza.platform.test.RequestBodies.readDate;
import static kz.taza.platform.test.RequestBodies.readInt;
import static kz.taza.platform.test.RequestBodies.readLong;
import static kz.taza.platform.test.RequestBodies.readName;
import static kz.taza.platform.test.RequestBodies.readText;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.micrometer.core.instrument.MeterRegistry;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.inspection.InspectionFixtures;
import kz.taza.inspection.InspectionServiceApplication;
import kz.taza.platform.security.Role;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever an inspector's client sends (inspections scheduled and completed, fines, payments, remediation orders and
 * their fulfilment, the yearly plan), the service answers without a server error: a request valid by the documented
 * rules ({@code ComplianceRules#validate}: texts not blank, known types and severities, amounts positive and within
 * their ranges, days on the right side of today and within the era, an MCI for the offence's year) about a registered
 * facility is sent as exactly one command (a plan as one per planned inspection), and anything else is refused with a
 * problem document naming each field at fault, sending nothing. The expectation is computed from the request alone;
 * what the processor then decides against the facility's record (completing twice, paying too much) is its answer.
 *
 * <p>The service runs whole on the JVM's shared broker; commands are counted at the gateway ({@code taza.commands}).
 */
class InspectionApiPropertiesTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** In a region no other test of the module counts KPIs for (they assert exact regional counts). */
    private static final String FACILITY = "KZ-47-FZ-" + RUN;
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    private static final Set<Integer> MCI_YEARS = Set.of(2024, 2025, 2026);

    private static ServiceSuite suite;
    private static ApiProbe api;
    private static MeterRegistry meters;
    private static String inspector;
    /** An inspection scheduled and not completed (the completions' target), and one completed with a violation. */
    private static String open;
    private static String completed;
    private static String fine;
    private static String order;

    @BeforeContainer
    static void startTheService() {
        suite = new ServiceSuite().start("inspection-service", InspectionServiceApplication.class,
                Map.of("taza.commands.wait-for-result", "30s"));
        api = new ApiProbe(suite.url("inspection-service"));
        meters = suite.context("inspection-service").getBean(MeterRegistry.class);
        inspector = SharedIdentityProvider.get().token(Role.INSPECTOR);
        ApiProbe.awaitReady(suite.managementUrl("inspection-service"));
        KafkaTestClients.send(PermitTopics.FACILITIES,
                Map.entry(FACILITY, InspectionFixtures.facility(FACILITY, "47", FacilityCategory.I)));
        Awaitility.await("registration of " + FACILITY).atMost(Duration.ofSeconds(60)).until(() -> api.send("GET",
                "/api/v1/facilities/" + FACILITY + "/compliance", inspector, null).status() == 200);
        open = created("/inspections", object("type", "RISK_BASED", "reason", "open for the fuzz run"));
        completed = created("/inspections", object("type", "RISK_BASED", "reason", "completed for the fuzz run"));
        fixture("/inspections/" + completed + "/completion", object("violations", List.of(object("article",
                "Environmental Code art. 39", "description", "SO2 above the KEP standard", "severity", "GROSS"))));
        fine = created("/inspections/" + completed + "/fines", object("amountMci", 100_000L,
                "offenceDate", "2025-06-01"));
        order = created("/orders", object("inspectionId", completed, "description", "install a scrubber",
                "dueOn", today().plusYears(1).toString()));
    }

    @AfterContainer
    static void stopTheService() {
        suite.close();
    }

    private static String created(String path, Map<String, Object> body) {
        return fixture(path, body).json().path("resourceId").asString();
    }

    private static Answer fixture(String path, Map<String, Object> body) {
        Answer answer = api.send("POST", "/api/v1/facilities/" + FACILITY + path, inspector,
                RequestBodies.json(body));
        if (answer.status() >= 300) {
            throw new IllegalStateException("the fuzz run's fixture was refused: " + answer);
        }
        return answer;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(5));
    }

    // ---------------------------------------------------------------- officers' commands

    /** One of the commands on a facility (or an unknown one), its path's ids and its body, or a body not JSON. */
    record Command(String action, String facilityId, Map<String, Object> body, String malformed) {
    }

    @Property(tries = 80)
    void aCommandIsSentOnlyWhenValidAndARefusalNamesEachBadField(@ForAll("commands") Command request) {
        String facility = request.facilityId() == null ? FACILITY : request.facilityId();
        String path = "/api/v1/facilities/" + ApiProbe.segment(facility) + switch (request.action()) {
            case "schedule" -> "/inspections";
            case "complete" -> "/inspections/" + open + "/completion";
            case "fine" -> "/inspections/" + completed + "/fines";
            case "pay" -> "/fines/" + fine + "/payments";
            case "order" -> "/orders";
            default -> "/orders/" + order + "/fulfilment";
        };
        Expected expected;
        if (request.malformed() != null || request.body() == null && !request.action().equals("fulfil")) {
            expected = new Expected.Malformed(); // not JSON, or no body where one is required
        } else {
            expected = expect(request.action(), request.body());
            if (expected instanceof Expected.Accepted) {
                // valid on its face: an unknown facility is refused, a known one's record decides
                expected = facility.equals(FACILITY) ? new Expected.Decided()
                        : new Expected.Refused(404, "FACILITY_UNKNOWN");
            }
        }
        expected = ApiProbe.throughFirewall(expected, facility);
        long before = commandsSent();
        Answer answer = api.send("POST", path, inspector, request.malformed() != null ? request.malformed()
                : request.body() == null ? null : RequestBodies.json(request.body()));
        ApiProbe.assertAnswer(answer, expected, commandsSent() - before);
    }

    private static Expected expect(String action, Map<String, Object> body) {
        Findings f = new Findings();
        // bean validation of the request record, which answers before the compliance rules run
        Set<String> bean = new LinkedHashSet<>();
        LocalDate today = today();
        switch (action) {
            case "schedule" -> {
                f.required(readName(at(body, "type"), List.of("RISK_BASED", "UNSCHEDULED")), "type");
                f.require(readText(at(body, "reason")), "reason", r -> !r.isBlank());
                Read<LocalDate> planned = readDate(at(body, "plannedOn"));
                if (f.readable(planned, "plannedOn") && planned.value() != null
                        && (planned.value().isBefore(today) || planned.value().isAfter(LATEST))) {
                    f.invalid("plannedOn");
                }
            }
            case "complete" -> {
                Object violations = at(body, "violations");
                if (violations == MISSING || violations == null) {
                    bean.add("violations");
                } else if (!(violations instanceof List<?> list)) {
                    f.unreadable("violations");
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        String prefix = "violations[" + i + "]";
                        Object v = list.get(i);
                        if (v == null) {
                            bean.add(prefix);
                        } else if (!(v instanceof Map<?, ?>)) {
                            f.unreadable(prefix);
                        } else {
                            f.require(readText(at(v, "article")), prefix + ".article", a -> !a.isBlank());
                            f.require(readText(at(v, "description")), prefix + ".description", d -> !d.isBlank());
                            f.required(readName(at(v, "severity"), List.of("MINOR", "SIGNIFICANT", "GROSS")),
                                    prefix + ".severity");
                        }
                    }
                }
                day(readDate(at(body, "completedOn")), "completedOn", today, f);
            }
            case "fine" -> {
                // no article: the officer sets the amount, so one missing is the rules' "must be positive"
                Read<Long> amount = readLong(at(body, "amountMci"));
                if (f.readable(amount, "amountMci")
                        && (amount.value() == null || amount.value() <= 0 || amount.value() > 100_000_000L)) {
                    f.invalid("amountMci");
                }
                Read<LocalDate> offence = readDate(at(body, "offenceDate"));
                if (f.required(offence, "offenceDate") && (offence.value().isAfter(today)
                        || !MCI_YEARS.contains(offence.value().getYear()))) {
                    f.invalid("offenceDate");
                }
            }
            case "pay" -> {
                Read<Long> amount = readLong(at(body, "amountKzt"));
                if (f.readable(amount, "amountKzt") && amount.value() == null) {
                    bean.add("amountKzt");
                } else if (amount.present() && (amount.value() <= 0 || amount.value() > 1_000_000_000_000L)) {
                    f.invalid("amountKzt");
                }
                day(readDate(at(body, "paidOn")), "paidOn", today, f);
            }
            case "order" -> {
                f.require(readText(at(body, "inspectionId")), "inspectionId", i -> !i.isBlank());
                f.require(readText(at(body, "description")), "description", d -> !d.isBlank());
                f.require(readDate(at(body, "dueOn")), "dueOn", d -> d.isAfter(today) && !d.isAfter(LATEST));
            }
            default -> day(readDate(body == null ? MISSING : at(body, "fulfilledOn")), "fulfilledOn", today, f);
        }
        return f.expected(bean);
    }

    /** A day that defaults to today: when given, from 2000 and not in the future. */
    private static void day(Read<LocalDate> day, String field, LocalDate today, Findings f) {
        if (f.readable(day, field) && day.value() != null
                && (day.value().isAfter(today) || day.value().isBefore(EARLIEST))) {
            f.invalid(field);
        }
    }

    @Provide
    Arbitrary<Command> commands() {
        LocalDate today = today();
        Map<String, Map<String, Object>> valid = new LinkedHashMap<>();
        Map<String, Map<String, Arbitrary<Object>>> fields = new LinkedHashMap<>();
        valid.put("schedule", object("type", "RISK_BASED", "reason", "complaint of the fuzz run", "plannedOn",
                today.plusDays(30).toString()));
        fields.put("schedule", Map.of("type", names(), "reason", RequestBodies.texts(),
                "plannedOn", RequestBodies.dates(today, LATEST)));
        valid.put("complete", object("completedOn", today.toString(), "violations", List.of(object("article",
                "Environmental Code art. 186(4)", "description", "AMS data not transmitted", "severity", "MINOR"))));
        fields.put("complete", Map.of("completedOn", RequestBodies.dates(today, EARLIEST),
                "violations", Arbitraries.of(MISSING, null, List.of(), "x", new Raw("{}"),
                        Collections.singletonList(null)),
                "violations[0].article", RequestBodies.texts(), "violations[0].description", RequestBodies.texts(),
                "violations[0].severity", names()));
        valid.put("fine", object("amountMci", 100L, "offenceDate", "2025-06-01"));
        fields.put("fine", Map.of("amountMci", RequestBodies.integers(100_000_000L),
                "offenceDate", RequestBodies.dates(today, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31))));
        valid.put("pay", object("amountKzt", 1_000L, "paidOn", today.toString()));
        fields.put("pay", Map.of("amountKzt", RequestBodies.integers(1_000_000_000_000L),
                "paidOn", RequestBodies.dates(today, EARLIEST)));
        valid.put("order", object("inspectionId", "<completed>", "description", "install a scrubber",
                "dueOn", today.plusDays(90).toString()));
        fields.put("order", Map.of("inspectionId", RequestBodies.ids(), "description", RequestBodies.texts(),
                "dueOn", RequestBodies.dates(today, LATEST)));
        valid.put("fulfil", object("fulfilledOn", today.toString()));
        fields.put("fulfil", Map.of("fulfilledOn", RequestBodies.dates(today, EARLIEST)));
        Arbitrary<String> facilities = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just((String) null)),
                Tuple.of(1, RequestBodies.pathIds()));
        Arbitrary<Command> bodies = Arbitraries.of(List.copyOf(valid.keySet())).flatMap(action -> Combinators
                .combine(facilities, RequestBodies.mutations(valid.get(action), fields.get(action)))
                .as((facility, body) -> new Command(action, facility, completedIn(body), null)));
        Arbitrary<Command> malformed = Combinators.combine(Arbitraries.of("schedule", "fine", "complete"),
                RequestBodies.malformed(RequestBodies.json(valid.get("fine"))))
                .as((action, text) -> new Command(action, null, null, text));
        Arbitrary<Command> noBody = Arbitraries.of("fulfil", "pay").map(a -> new Command(a, null, null, null));
        return Arbitraries.frequencyOf(Tuple.of(12, bodies), Tuple.of(1, malformed), Tuple.of(1, noBody));
    }

    private static Map<String, Object> completedIn(Map<String, Object> body) {
        return "<completed>".equals(at(body, "inspectionId")) ? RequestBodies.with(body, "inspectionId", completed)
                : body;
    }

    /** Names of an enum for a field Jackson reads into the enum itself: only the exact name reads. */
    private static Arbitrary<Object> names() {
        return Arbitraries.oneOf(Arbitraries.of(MISSING, null, new Raw("{}"), new Raw("1")),
                Arbitraries.of("RISK_BASED", "UNSCHEDULED", "MINOR", "SIGNIFICANT", "GROSS", "risk_based",
                        " GROSS", "UNKNOWN", "OTHER"));
    }

    // ---------------------------------------------------------------- the yearly plan

    @Property(tries = 20)
    void aPlanIsMadeOnlyForAValidYearAndCapacityAndEachPlannedInspectionIsOneCommand(
            @ForAll("years") String year, @ForAll("capacities") String capacity) {
        Findings f = new Findings();
        Read<Long> y = readInt(new Raw(year));
        if (f.readable(y, "year") && (y.value() < 2000 || y.value() > 2100)) {
            f.invalid("year");
        }
        if (capacity != null) {
            Read<Long> c = readInt(new Raw(capacity));
            if (f.readable(c, "capacity") && (c.value() < 1 || c.value() > 100_000)) {
                f.invalid("capacity");
            }
        }
        long before = commandsSent();
        Answer answer = api.send("POST", "/api/v1/inspection-plans/" + ApiProbe.segment(year)
                + (capacity == null ? "" : "?capacity=" + ApiProbe.segment(capacity)), inspector, null);
        long sent = commandsSent() - before;
        Expected expected = f.expected();
        if (!(expected instanceof Expected.Accepted)) {
            ApiProbe.assertAnswer(answer, expected, sent);
            return;
        }
        // a new plan schedules its inspections, one command each; an existing one is answered as it is
        ApiProbe.assertAnswered(answer);
        assertThat(answer.status()).as("plan: %s", answer).isIn(200, 201);
        boolean created = answer.json().path("created").asBoolean();
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(created ? 201 : 200);
        assertThat(sent).as("commands of %s", answer).isEqualTo(created ? answer.json().get("inspections").size() : 0);
    }

    @Provide
    Arbitrary<String> years() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("2090", "2091")),
                Tuple.of(4, Arbitraries.of("1999", "2101", "0", "-2025", "2025.0", "twenty", "99999999999",
                        "2147483648", "1e3")));
    }

    @Provide
    Arbitrary<String> capacities() {
        return Arbitraries.of(null, "1", "2", "0", "-1", "100000", "100001", "2147483648", "lots", "1.5");
    }

    private static long commandsSent() {
        return ApiProbe.commandsSent(meters, InspectionTopics.COMMANDS.name());
    }
}
