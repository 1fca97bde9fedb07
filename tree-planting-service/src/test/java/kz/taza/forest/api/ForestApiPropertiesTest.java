package kz.taza.forest.api;

import static kz.taza.platform.test.ApiProbe.object;
import static kz.taza.platform.test.RequestBodies.MISSING;
import static kz.taza.platform.test.RequestBodies.at;
import static kz.taza.platform.test.RequestBodies.readBoolean;
import static kz.taza.platform.test.RequestBodies.readDate;
import static kz.taza.platform.test.RequestBodies.readDecimal;
import static kz.taza.platform.test.RequestBodies.readInt;
import static kz.taza.platform.test.RequestBodies.readLong;
import static kz.taza.platform.test.RequestBodies.readText;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.forest.TreePlantingServiceApplication;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.ApiProbe;
import kz.taza.platform.test.ApiProbe.Answer;
import kz.taza.platform.test.ApiProbe.Expected;
import kz.taza.platform.test.RequestBodies;
import kz.taza.platform.test.RequestBodies.Findings;
import kz.taza.platform.test.RequestBodies.Raw;
import kz.taza.platform.test.RequestBodies.Read;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.schemas.Regions;
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
 * Whatever a forestry office's client sends (plans, plantings alone or in a batch, survival surveys, lots of planting
 * material, fire reports,
 * containments and extinguishments, detection systems), the service
 * answers without a server error: a request valid by the documented rules ({@code ForestRules}: positive counts and
 * areas within their ranges, a plausible density, dates from 2000 and not in the future, known regions and methods,
 * surveys in year 1 or 3 counting no more trees than were planted) is sent, one command per planting or survey, and
 * anything else is refused with a problem document naming each field at fault, sending nothing. The expectation is
 * computed from the request alone.
 *
 * <p>The service runs whole on the JVM's shared broker; commands are counted at the gateway ({@code taza.commands}).
 */
class ForestApiPropertiesTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final String FRESH = "<fresh id>";
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final long PLANTED = 10_000;
    private static final LocalDate PLANTED_ON = LocalDate.of(2024, 4, 10);
    /** Plans and plantings in a region no other test of the module counts KPIs for (they assert exact totals). */
    private static final String REGION = "47";

    private static ServiceSuite suite;
    private static ApiProbe api;
    private static MeterRegistry meters;
    private static String forester;
    /** The planting the surveys count. */
    private static String planting;
    /** The fire the extinguishments put out, reported (never contained) on {@link #FIRE_REPORTED_ON}. */
    private static String fire;
    private static final LocalDate FIRE_REPORTED_ON = LocalDate.of(2024, 7, 10);
    /** The fire the containments contain, reported on {@link #FIRE_REPORTED_ON}; contained once one is accepted. */
    private static String toContain;
    private static boolean contained;
    /** Planting and survey ids this run has used: a repeat with another body is the processor's conflict. */
    private static final Set<String> used = new HashSet<>();

    @BeforeContainer
    static void startTheService() {
        suite = new ServiceSuite().start("tree-planting-service", TreePlantingServiceApplication.class,
                Map.of("taza.commands.wait-for-result", "30s"));
        api = new ApiProbe(suite.url("tree-planting-service"));
        meters = suite.context("tree-planting-service").getBean(MeterRegistry.class);
        forester = SharedIdentityProvider.get().token(Role.FORESTER);
        ApiProbe.awaitReady(suite.managementUrl("tree-planting-service"));
        planting = fresh();
        Map<String, Object> body = planting(planting);
        body.put("treeCount", PLANTED);
        body.put("hectares", 4.0);
        body.put("plantedOn", PLANTED_ON.toString());
        Answer answer = api.send("POST", "/api/v1/plantings", forester, RequestBodies.json(body));
        if (answer.status() != 201) {
            throw new IllegalStateException("the surveys' planting was not recorded: " + answer);
        }
        fire = fresh();
        Map<String, Object> report = fire(fire);
        report.put("reportedOn", FIRE_REPORTED_ON.toString());
        Answer reported = api.send("POST", "/api/v1/fires", forester, RequestBodies.json(report));
        if (reported.status() != 201) {
            throw new IllegalStateException("the extinguishments' fire was not reported: " + reported);
        }
        toContain = fresh();
        Map<String, Object> second = fire(toContain);
        second.put("reportedOn", FIRE_REPORTED_ON.toString());
        Answer reportedToo = api.send("POST", "/api/v1/fires", forester, RequestBodies.json(second));
        if (reportedToo.status() != 201) {
            throw new IllegalStateException("the containments' fire was not reported: " + reportedToo);
        }
    }

    @AfterContainer
    static void stopTheService() {
        suite.close();
    }

    private static String fresh() {
        String id = "FZ-" + RUN + "-" + SERIAL.incrementAndGet();
        used.add(id);
        return id;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(5));
    }

    // ---------------------------------------------------------------- plans

    record Plan(String regionCode, String year, Map<String, Object> body, String malformed) {
    }

    @Property(tries = 40)
    void aPlanIsSentOnlyWhenValidAndARefusalNamesEachBadField(@ForAll("plans") Plan request) {
        Expected expected;
        if (request.malformed() != null) {
            expected = new Expected.Malformed();
        } else {
            Findings f = new Findings();
            Read<Long> year = readInt(request.year().isEmpty() ? new Raw("x") : new Raw(request.year()));
            if (f.readable(year, "year")) {
                if (year.value() < 2000 || year.value() > 2100) {
                    f.invalid("year");
                }
            }
            region(request.regionCode(), f);
            Read<Long> trees = readLong(at(request.body(), "plannedTrees"));
            f.require(trees, "plannedTrees", t -> t > 0 && t <= 2_000_000_000L);
            Read<Double> hectares = readDecimal(at(request.body(), "plannedHectares"));
            f.require(hectares, "plannedHectares", h -> h > 0 && h <= 5_000_000);
            expected = f.expected();
        }
        String text = request.malformed() != null ? request.malformed() : RequestBodies.json(request.body());
        send("PUT", "/api/v1/regions/" + ApiProbe.segment(request.regionCode()) + "/plans/"
                + ApiProbe.segment(request.year()), text, expected);
    }

    @Provide
    Arbitrary<Plan> plans() {
        Map<String, Object> valid = object("plannedTrees", 100_000L, "plannedHectares", 40.0);
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("plannedTrees", RequestBodies.integers(2_000_000_000L));
        fields.put("plannedHectares", RequestBodies.decimals(5_000_000));
        Arbitrary<String> regions = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(REGION)),
                Tuple.of(1, Arbitraries.of(" " + REGION + " ", "00", "4", "Mangystau", REGION + "a", "ЖЖ",
                        "x".repeat(300))));
        Arbitrary<String> years = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("2024", "2025", "2027")),
                Tuple.of(1, Arbitraries.of("1999", "2000", "2100", "2101", "-1", "0", "2025.5", "twenty",
                        "99999999999", "2147483648")));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(regions, years, RequestBodies.mutations(valid, fields))
                        .as((region, year, body) -> new Plan(region, year, body, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid))
                        .map(text -> new Plan(REGION, "2025", null, text))));
    }

    // ---------------------------------------------------------------- plantings, alone and in a batch

    record Planting(Map<String, Object> body, String malformed) {
    }

    @Property(tries = 50)
    void aPlantingIsSentOnlyWhenValidAndARefusalNamesEachBadField(@ForAll("plantings") Planting request) {
        if (request.malformed() != null) {
            send("POST", "/api/v1/plantings", request.malformed(), new Expected.Malformed());
            return;
        }
        Map<String, Object> body = withFreshIds(request.body(), "plantingId");
        Findings f = new Findings();
        String id = planting(body, "", f);
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted && used.contains(id)) {
            expected = new Expected.Decided(); // a repeated plantingId: the first answer, or 409 for another body
        }
        send("POST", "/api/v1/plantings", RequestBodies.json(body), expected);
        used.add(id);
    }

    @Provide
    Arbitrary<Planting> plantings() {
        Map<String, Object> valid = planting(FRESH);
        return Arbitraries.frequencyOf(
                Tuple.of(8, RequestBodies.mutations(valid, plantingFields()).map(b -> new Planting(b, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid)).map(t -> new Planting(null, t))));
    }

    @Property(tries = 30)
    void aBatchIsSentWholeOnlyWhenEveryPlantingIsValidAndARefusalNamesEachBadField(
            @ForAll("batches") Map<String, Object> request) {
        Object plantings = at(request, "plantings");
        Findings f = new Findings();
        int count = 0;
        if (plantings == MISSING || plantings == null) {
            f.invalid("plantings");
        } else if (!(plantings instanceof List<?> list)) {
            f.unreadable("plantings");
        } else if (list.isEmpty()) {
            f.invalid("plantings");
        } else {
            count = list.size();
            List<Object> items = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String prefix = "plantings[" + i + "].";
                if (item == null) {
                    f.invalid(prefix + "body");
                    items.add(null);
                } else if (!(item instanceof Map<?, ?>)) {
                    f.unreadable("plantings[" + i + "]");
                    items.add(item);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fresh = withFreshIds((Map<String, Object>) item, "plantingId");
                    ids.add(planting(fresh, prefix, f));
                    items.add(fresh);
                }
            }
            request = RequestBodies.with(request, "plantings", items);
            if (f.ok() && (!Collections.disjoint(ids, used) || ids.size() < count)) {
                // a planting reported before, or twice in the batch, is decided as a repeat: not modelled here
                return;
            }
            used.addAll(ids);
        }
        long before = commandsSent();
        Answer answer = api.send("POST", "/api/v1/plantings/batch", forester, RequestBodies.json(request));
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted) {
            ApiProbe.assertAnswered(answer);
            org.assertj.core.api.Assertions.assertThat(answer.status()).as("accepted: %s", answer).isEqualTo(200);
            // every planting of the batch is one command, each accepted
            org.assertj.core.api.Assertions.assertThat(commandsSent() - before).as("commands of %s", answer)
                    .isEqualTo(count);
            answer.json().get("results").forEach(r -> org.assertj.core.api.Assertions.assertThat(
                    r.path("outcome").asString()).as("outcome in %s", answer).isEqualTo("ACCEPTED"));
        } else {
            ApiProbe.assertAnswer(answer, expected, commandsSent() - before);
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> batches() {
        Map<String, Object> valid = object("plantings", List.of(planting(FRESH), planting(FRESH)));
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("plantings", Arbitraries.of(MISSING, null, List.of(), "x", new Raw("{}"),
                Collections.singletonList(null)));
        fields.put("plantings[1]", Arbitraries.of(null, "x", new Raw("[]"), object()));
        plantingFields().forEach((field, values) -> fields.put("plantings[0]." + field, values));
        return RequestBodies.mutations(valid, fields);
    }

    /** Checks a planting as the documented rules do, noting its fields' faults under the prefix; its id. */
    private static String planting(Map<String, Object> body, String prefix, Findings f) {
        Read<String> id = readText(at(body, "plantingId"));
        String stripped = id.present() ? id.value().strip() : null;
        if (f.readable(id, prefix + "plantingId")
                && (stripped == null || !stripped.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"))) {
            f.invalid(prefix + "plantingId");
        }
        Read<String> region = readText(at(body, "regionCode"));
        if (f.readable(region, prefix + "regionCode")) {
            region(region.value(), f, prefix);
        }
        for (String text : List.of("forestryInstitution", "site", "species")) {
            f.require(readText(at(body, text)), prefix + text, t -> !t.isBlank());
        }
        Read<Long> trees = readLong(at(body, "treeCount"));
        boolean countOk = f.require(trees, prefix + "treeCount", t -> t > 0 && t <= 200_000_000L);
        Read<Double> hectares = readDecimal(at(body, "hectares"));
        boolean areaOk = f.require(hectares, prefix + "hectares", h -> h > 0 && h <= 1_000_000);
        if (countOk && areaOk) {
            double density = trees.value() / hectares.value();
            if (density < 100 || density > 10_000) {
                f.invalid(prefix + "hectares");
            }
        }
        f.require(readDate(at(body, "plantedOn")), prefix + "plantedOn",
                d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        f.required(readBoolean(at(body, "aralSeabed")), prefix + "aralSeabed");
        f.require(readText(at(body, "method")), prefix + "method",
                m -> List.of("SEEDLINGS", "SEEDING").contains(m.strip().toUpperCase(Locale.ROOT)));
        return stripped;
    }

    private static Map<String, Arbitrary<Object>> plantingFields() {
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("plantingId", RequestBodies.ids());
        fields.put("regionCode", Arbitraries.oneOf(RequestBodies.texts(),
                Arbitraries.of(REGION, " " + REGION + " ", "00", REGION + "a")));
        fields.put("forestryInstitution", RequestBodies.texts());
        fields.put("site", RequestBodies.texts());
        fields.put("species", RequestBodies.texts());
        fields.put("treeCount", RequestBodies.integers(200_000_000L, 400, 4000, 40_000, 100, 10_000));
        fields.put("hectares", RequestBodies.decimals(1_000_000, 4.0, 0.04, 400));
        fields.put("plantedOn", RequestBodies.dates(today(), LocalDate.of(2000, 1, 1)));
        fields.put("aralSeabed", RequestBodies.booleans());
        fields.put("method", RequestBodies.names("SEEDLINGS", "SEEDING"));
        return fields;
    }

    // ---------------------------------------------------------------- surveys

    record Survey(String plantingId, Map<String, Object> body, String malformed) {
    }

    @Property(tries = 50)
    void aSurveyIsSentOnlyWhenValidAndCountsNoMoreTreesThanWerePlanted(@ForAll("surveys") Survey request) {
        String plantingId = request.plantingId() == null ? planting : request.plantingId();
        String path = "/api/v1/plantings/" + ApiProbe.segment(plantingId) + "/surveys";
        if (request.malformed() != null || RequestBodies.refusedByFirewall(plantingId)) {
            send("POST", path, request.malformed() != null ? request.malformed() : RequestBodies.json(request.body()),
                    ApiProbe.throughFirewall(new Expected.Malformed(), plantingId));
            return;
        }
        Map<String, Object> body = withFreshIds(request.body(), "surveyId");
        Findings f = new Findings();
        Read<String> id = readText(at(body, "surveyId"));
        String stripped = id.present() ? id.value().strip() : null;
        if (f.readable(id, "surveyId") && (stripped == null
                || !stripped.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"))) {
            f.invalid("surveyId");
        }
        f.require(readInt(at(body, "surveyYear")), "surveyYear", y -> y == 1 || y == 3);
        Read<Long> alive = readLong(at(body, "alive"));
        Read<Long> dead = readLong(at(body, "dead"));
        boolean aliveOk = f.require(alive, "alive", a -> a >= 0);
        boolean deadOk = f.require(dead, "dead", d -> d >= 0);
        if (aliveOk && deadOk && alive.value() + dead.value() == 0) {
            f.invalid("alive");
        }
        Read<LocalDate> on = readDate(at(body, "surveyedOn"));
        f.require(on, "surveyedOn", d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted) {
            // valid on its own; then checked against the planting it counts
            if (!plantingId.equals(planting)) {
                expected = used.contains(plantingId) ? new Expected.Decided()
                        : new Expected.Rejected(404, "UNKNOWN_PLANTING");
            } else if (used.contains(stripped)) {
                expected = new Expected.Decided();
            } else if (BigInteger.valueOf(alive.value()).add(BigInteger.valueOf(dead.value()))
                    .compareTo(BigInteger.valueOf(PLANTED)) > 0) {
                expected = new Expected.Rejected(422, "SURVEY_EXCEEDS_PLANTED");
            } else if (on.value().isBefore(PLANTED_ON)) {
                expected = new Expected.Rejected(422, "SURVEY_BEFORE_PLANTING");
            }
        }
        send("POST", path, RequestBodies.json(body), expected);
        if (stripped != null) {
            used.add(stripped);
        }
    }

    @Provide
    Arbitrary<Survey> surveys() {
        Map<String, Object> valid = object("surveyId", FRESH, "surveyYear", 1, "alive", 6_000L, "dead", 3_000L,
                "surveyedOn", "2025-04-12");
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("surveyId", RequestBodies.ids());
        fields.put("surveyYear", Arbitraries.oneOf(RequestBodies.integers(1, 3), Arbitraries.of(2, 0, 4)));
        fields.put("alive", RequestBodies.integers(PLANTED, PLANTED - 3_000, Long.MAX_VALUE - 2_999));
        fields.put("dead", RequestBodies.integers(PLANTED, PLANTED - 6_000, Long.MAX_VALUE - 5_999));
        fields.put("surveyedOn", RequestBodies.dates(today(), PLANTED_ON));
        Arbitrary<String> paths = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just((String) null)),
                Tuple.of(1, RequestBodies.pathIds()));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(paths, RequestBodies.mutations(valid, fields))
                        .as((path, body) -> new Survey(path, body, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid)).map(t -> new Survey(null, null, t))));
    }

    // ---------------------------------------------------------------- fires and detection systems

    record Body(Map<String, Object> body, String malformed) {
    }

    @Property(tries = 40)
    void aFireReportIsSentOnlyWhenValidAndARefusalNamesEachBadField(@ForAll("fireReports") Body request) {
        if (request.malformed() != null) {
            send("POST", "/api/v1/fires", request.malformed(), new Expected.Malformed());
            return;
        }
        Map<String, Object> body = withFreshIds(request.body(), "fireId");
        Findings f = new Findings();
        String id = id(body, "fireId", f);
        regionAndInstitution(body, f);
        f.require(readDecimal(at(body, "hectares")), "hectares", h -> h > 0 && h <= 1_000_000);
        Read<String> cause = readText(at(body, "cause"));
        if (f.readable(cause, "cause") && cause.value() != null && !cause.value().isBlank()
                && !CAUSES.contains(cause.value().strip().toUpperCase(Locale.ROOT))) {
            f.invalid("cause"); // absent or blank is UNKNOWN
        }
        f.require(readDate(at(body, "reportedOn")), "reportedOn", d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted && used.contains(id)) {
            expected = new Expected.Decided(); // a repeated fireId: the first answer, or 409 for another body
        }
        send("POST", "/api/v1/fires", RequestBodies.json(body), expected);
        used.add(id);
    }

    @Provide
    Arbitrary<Body> fireReports() {
        Map<String, Object> valid = fire(FRESH);
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("fireId", RequestBodies.ids());
        fields.put("regionCode", regionCodes());
        fields.put("forestryInstitution", RequestBodies.texts());
        fields.put("hectares", RequestBodies.decimals(1_000_000, 0.5, 40));
        fields.put("cause", RequestBodies.names("LIGHTNING", "ARSON", "POWER_LINE"));
        fields.put("reportedOn", RequestBodies.dates(today(), LocalDate.of(2000, 1, 1)));
        return bodies(valid, fields);
    }

    @Property(tries = 30)
    void aDetectionSystemIsSentOnlyWhenValidAndARefusalNamesEachBadField(@ForAll("detectionSystems") Body request) {
        if (request.malformed() != null) {
            send("POST", "/api/v1/detection-systems", request.malformed(), new Expected.Malformed());
            return;
        }
        Map<String, Object> body = withFreshIds(request.body(), "systemId");
        Findings f = new Findings();
        String id = id(body, "systemId", f);
        regionAndInstitution(body, f);
        f.require(readDecimal(at(body, "coveredHectares")), "coveredHectares", h -> h > 0 && h <= 5_000_000);
        f.require(readDate(at(body, "installedOn")), "installedOn", d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted && used.contains(id)) {
            expected = new Expected.Decided();
        }
        send("POST", "/api/v1/detection-systems", RequestBodies.json(body), expected);
        used.add(id);
    }

    @Provide
    Arbitrary<Body> detectionSystems() {
        Map<String, Object> valid = object("systemId", FRESH, "regionCode", REGION, "forestryInstitution",
                "Mangystau forestry institution", "coveredHectares", 25_000.0, "installedOn", "2025-04-01");
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("systemId", RequestBodies.ids());
        fields.put("regionCode", regionCodes());
        fields.put("forestryInstitution", RequestBodies.texts());
        fields.put("coveredHectares", RequestBodies.decimals(5_000_000, 100, 25_000));
        fields.put("installedOn", RequestBodies.dates(today(), LocalDate.of(2000, 1, 1)));
        return bodies(valid, fields);
    }

    record Extinguishment(String fireId, Map<String, Object> body, String malformed) {
    }

    @Property(tries = 30)
    void anExtinguishmentIsSentOnlyWhenValidAndOnlyForAReportedFireAfterItsReport(
            @ForAll("extinguishments") Extinguishment request) {
        String fireId = request.fireId() == null ? fire : request.fireId();
        String path = "/api/v1/fires/" + ApiProbe.segment(fireId) + "/extinguishment";
        if (request.malformed() != null || RequestBodies.refusedByFirewall(fireId)) {
            send("POST", path, request.malformed() != null ? request.malformed() : RequestBodies.json(request.body()),
                    ApiProbe.throughFirewall(new Expected.Malformed(), fireId));
            return;
        }
        Findings f = new Findings();
        if (!fireId.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            f.invalid("fireId");
        }
        f.require(readDecimal(at(request.body(), "hectaresBurned")), "hectaresBurned",
                h -> h >= 0 && h <= 1_000_000);
        Read<LocalDate> on = readDate(at(request.body(), "extinguishedOn"));
        f.require(on, "extinguishedOn", d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted) {
            // valid on its own; then checked against the fire: it must be reported, and put out after the report
            if (!fireId.strip().equals(fire)) {
                expected = new Expected.Rejected(404, "UNKNOWN_FIRE");
            } else if (on.value().isBefore(FIRE_REPORTED_ON)) {
                expected = new Expected.Rejected(422, "EXTINGUISHED_TOO_EARLY");
            } else {
                expected = new Expected.Decided(); // the first, a repeat (no change) or a correction
            }
        }
        send("POST", path, RequestBodies.json(request.body()), expected);
    }

    @Provide
    Arbitrary<Extinguishment> extinguishments() {
        Map<String, Object> valid = object("hectaresBurned", 120.0, "extinguishedOn", "2024-07-14");
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("hectaresBurned", RequestBodies.decimals(1_000_000, 0, 120));
        fields.put("extinguishedOn", RequestBodies.dates(today(), FIRE_REPORTED_ON));
        Arbitrary<String> paths = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just((String) null)),
                Tuple.of(1, RequestBodies.pathIds()));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(paths, RequestBodies.mutations(valid, fields))
                        .as((path, body) -> new Extinguishment(path, body, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid))
                        .map(t -> new Extinguishment(null, null, t))));
    }

    record Containment(String fireId, Map<String, Object> body, String malformed) {
    }

    @Property(tries = 25)
    void aContainmentIsSentOnlyWhenValidAndTheFirstOneAfterTheReportStands(
            @ForAll("containments") Containment request) {
        String fireId = request.fireId() == null ? toContain : request.fireId();
        String path = "/api/v1/fires/" + ApiProbe.segment(fireId) + "/containment";
        if (request.malformed() != null || RequestBodies.refusedByFirewall(fireId)) {
            send("POST", path, request.malformed() != null ? request.malformed() : RequestBodies.json(request.body()),
                    ApiProbe.throughFirewall(new Expected.Malformed(), fireId));
            return;
        }
        Findings f = new Findings();
        if (!fireId.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            f.invalid("fireId");
        }
        Read<LocalDate> on = readDate(at(request.body(), "containedOn"));
        f.require(on, "containedOn", d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        Expected expected = f.expected();
        boolean nowContained = false;
        if (expected instanceof Expected.Accepted) {
            if (!fireId.strip().equals(toContain)) {
                expected = new Expected.Rejected(404, "UNKNOWN_FIRE");
            } else if (!contained && on.value().isBefore(FIRE_REPORTED_ON)) {
                expected = new Expected.Rejected(422, "CONTAINED_BEFORE_REPORT");
            } else {
                expected = new Expected.Decided(); // the first containment, or one that changes nothing
                nowContained = true;
            }
        }
        send("POST", path, RequestBodies.json(request.body()), expected);
        contained |= nowContained;
    }

    @Provide
    Arbitrary<Containment> containments() {
        Map<String, Object> valid = object("containedOn", "2024-07-12");
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("containedOn", RequestBodies.dates(today(), FIRE_REPORTED_ON));
        Arbitrary<String> paths = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just((String) null)),
                Tuple.of(1, RequestBodies.pathIds()));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(paths, RequestBodies.mutations(valid, fields))
                        .as((path, body) -> new Containment(path, body, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid))
                        .map(t -> new Containment(null, null, t))));
    }

    // ---------------------------------------------------------------- planting material

    private static final Set<String> KINDS = Set.of("SEEDLING", "SAPLING", "SEED");

    @Property(tries = 40)
    void aLotOfPlantingMaterialIsSentOnlyWhenValidAndARefusalNamesEachBadField(
            @ForAll("materialLots") Body request) {
        if (request.malformed() != null) {
            send("POST", "/api/v1/planting-material", request.malformed(), new Expected.Malformed());
            return;
        }
        Map<String, Object> body = withFreshIds(request.body(), "lotId");
        Findings f = new Findings();
        String id = id(body, "lotId", f);
        regionAndInstitution(body, f);
        f.require(readText(at(body, "nursery")), "nursery", t -> !t.isBlank());
        f.require(readText(at(body, "species")), "species", t -> !t.isBlank());
        Read<String> kindText = readText(at(body, "kind"));
        String kind = null;
        if (f.required(kindText, "kind")) {
            String name = kindText.value().strip().toUpperCase(Locale.ROOT);
            if (KINDS.contains(name)) {
                kind = name;
            } else {
                f.invalid("kind");
            }
        }
        String known = kind;
        f.require(readDecimal(at(body, "quantity")), "quantity", q -> q > 0 && (known == null
                || ("SEED".equals(known) ? q <= 5_000_000 : q == Math.rint(q) && q <= 200_000_000)));
        Read<LocalDate> prepared = readDate(at(body, "preparedOn"));
        f.require(prepared, "preparedOn", d -> !d.isBefore(EARLIEST) && !d.isAfter(today()));
        // the planting year is checked against the preparation's year whenever there is one
        LocalDate on = prepared.present() ? prepared.value() : null;
        f.require(readInt(at(body, "plantingYear")), "plantingYear", y -> on == null
                || (y >= on.getYear() && y <= on.getYear() + 5));
        Expected expected = f.expected();
        if (expected instanceof Expected.Accepted && used.contains(id)) {
            expected = new Expected.Decided(); // a repeated lotId: the first answer, or 409 for another body
        }
        send("POST", "/api/v1/planting-material", RequestBodies.json(body), expected);
        used.add(id);
    }

    @Provide
    Arbitrary<Body> materialLots() {
        Map<String, Object> valid = object("lotId", FRESH, "regionCode", REGION, "forestryInstitution",
                "Mangystau forestry institution", "nursery", "Aktau forest nursery", "plantingYear", 2026,
                "species", "elm", "kind", "SEEDLING", "quantity", 40_000.0, "preparedOn", "2025-10-01");
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        fields.put("lotId", RequestBodies.ids());
        fields.put("regionCode", regionCodes());
        fields.put("forestryInstitution", RequestBodies.texts());
        fields.put("nursery", RequestBodies.texts());
        fields.put("plantingYear", RequestBodies.integers(2019, 2025, 2030, 2031));
        fields.put("species", RequestBodies.texts());
        fields.put("kind", RequestBodies.names("SEEDLING", "SAPLING", "SEED"));
        fields.put("quantity", RequestBodies.decimals(200_000_000, 5_000_000, 0.5, 40_000));
        fields.put("preparedOn", RequestBodies.dates(today(), LocalDate.of(2000, 1, 1), LocalDate.of(2025, 10, 1)));
        return bodies(valid, fields);
    }

    private static final Set<String> CAUSES = java.util.Arrays.stream(kz.taza.events.forest.FireCause.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toSet());

    private static Arbitrary<Body> bodies(Map<String, Object> valid, Map<String, Arbitrary<Object>> fields) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, RequestBodies.mutations(valid, fields).map(b -> new Body(b, null))),
                Tuple.of(1, RequestBodies.malformed(RequestBodies.json(valid)).map(t -> new Body(null, t))));
    }

    private static Arbitrary<Object> regionCodes() {
        return Arbitraries.oneOf(RequestBodies.texts(), Arbitraries.of(REGION, " " + REGION + " ", "00", REGION + "a"));
    }

    /** An id field as the rules check it; the id, stripped. */
    private static String id(Map<String, Object> body, String field, Findings f) {
        Read<String> id = readText(at(body, field));
        String stripped = id.present() ? id.value().strip() : null;
        if (f.readable(id, field) && (stripped == null || !stripped.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"))) {
            f.invalid(field);
        }
        return stripped;
    }

    private static void regionAndInstitution(Map<String, Object> body, Findings f) {
        Read<String> region = readText(at(body, "regionCode"));
        if (f.readable(region, "regionCode")) {
            region(region.value(), f);
        }
        f.require(readText(at(body, "forestryInstitution")), "forestryInstitution", t -> !t.isBlank());
    }

    private static Map<String, Object> fire(String id) {
        return object("fireId", id, "regionCode", REGION, "forestryInstitution", "Mangystau forestry institution",
                "hectares", 40.0, "cause", "LIGHTNING", "reportedOn", "2025-07-10");
    }

    // ---------------------------------------------------------------- helpers

    private static void region(String code, Findings f) {
        region(code, f, "");
    }

    /** A region code, in the path or a body: required, and a code of Kazakhstan's regions (spaces aside). */
    private static void region(String code, Findings f, String prefix) {
        if (code == null || code.isBlank() || !Regions.codes().contains(code.strip())) {
            f.invalid(prefix + "regionCode");
        }
    }

    private static Map<String, Object> withFreshIds(Map<String, Object> body, String field) {
        if (FRESH.equals(at(body, field))) {
            return RequestBodies.with(body, field, fresh());
        }
        return body;
    }

    private static void send(String method, String path, String body, Expected expected) {
        long before = commandsSent();
        Answer answer = api.send(method, path, forester, body);
        ApiProbe.assertAnswer(answer, expected, commandsSent() - before);
    }

    private static Map<String, Object> planting(String id) {
        return object("plantingId", id, "regionCode", REGION, "forestryInstitution", "Mangystau forestry institution",
                "site", "Ustyurt, block 12", "species", "saxaul", "treeCount", 4_000L, "hectares", 4.0,
                "plantedOn", "2025-04-10", "aralSeabed", true, "method", "SEEDING");
    }

    private static long commandsSent() {
        return ApiProbe.commandsSent(meters, ForestTopics.FOREST_COMMANDS.name());
    }
}
