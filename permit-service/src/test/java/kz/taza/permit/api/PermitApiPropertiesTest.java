package kz.taza.permit.api;

import static kz.taza.platform.test.RequestBodies.MISSING;
import static kz.taza.platform.test.RequestBodies.at;
import static kz.taza.platform.test.RequestBodies.readBoolean;
import static kz.taza.platform.test.RequestBodies.readDate;
import static kz.taza.platform.test.RequestBodies.readDecimal;
import static kz.taza.platform.test.RequestBodies.readText;
import static kz.taza.platform.test.ApiProbe.object;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.permit.PermitServiceApplication;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.ApiProbe;
import kz.taza.platform.test.ApiProbe.Answer;
import kz.taza.platform.test.ApiProbe.Expected;
import kz.taza.platform.test.RequestBodies;
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
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever an officer's client sends to the registry and permit API, the service answers it without a server error:
 * a request that is valid by the documented rules (the permit rules' {@code CommandValidation}, the request types'
 * own shape) is sent as exactly one command, and anything else is refused with a problem document that names each
 * field at fault, sending nothing. The expectation is computed from the request alone, by the rules as documented.
 *
 * <p>The service runs whole (security, validation, problem handlers, the command gateway and processor) on the
 * JVM's shared broker; commands are counted at the gateway ({@code taza.commands}).
 */
class PermitApiPropertiesTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final String FRESH = "<fresh facility>";
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 1000;
    private static final int MAX_ITEMS = 1000;
    private static final List<String> POLLUTANTS = List.of("SO2", "NOX", "CO", "DUST", "H2S", "NH3", "VOC",
            "OTHER");

    private static ServiceSuite suite;
    private static ApiProbe api;
    private static MeterRegistry meters;
    private static String officer;
    /** Facilities this run has registered, with their sources (a second registration is decided as a conflict). */
    private static final Map<String, Set<String>> registered = new java.util.HashMap<>();
    /** A facility only updated (it holds no permit, so every valid update is accepted). */
    private static String updated;
    /** A facility whose permit the permit commands change. */
    private static String permitted;

    @BeforeContainer
    static void startTheService() {
        suite = new ServiceSuite().start("permit-service", PermitServiceApplication.class, Map.of(
                // a loaded machine must not turn a decided command into a 202 here
                "taza.commands.wait-for-result", "30s"));
        api = new ApiProbe(suite.url("permit-service"));
        meters = suite.context("permit-service").getBean(MeterRegistry.class);
        officer = SharedIdentityProvider.get().token(Role.OFFICER);
        ApiProbe.awaitReady(suite.managementUrl("permit-service"));
        updated = register();
        permitted = register();
    }

    @AfterContainer
    static void stopTheService() {
        suite.close();
    }

    private static String register() {
        String id = fresh();
        Answer answer = api.send("POST", "/api/v1/facilities", officer, RequestBodies.json(registration(id)));
        if (answer.status() != 201) {
            throw new IllegalStateException("the fixture's facility was not registered: " + answer);
        }
        registered.put(id, Set.of("STACK-1", "STACK-2"));
        return id;
    }

    private static String fresh() {
        return "FZ-" + RUN + "-" + SERIAL.incrementAndGet();
    }

    // ---------------------------------------------------------------- registrations and updates

    /** A registration or an update of a facility, with its body changed, or not JSON at all. */
    record Registration(boolean update, Map<String, Object> body, String malformed) {
    }

    @Property(tries = 60)
    void aRegistrationOrUpdateIsSentOnlyWhenValidAndARefusalNamesEachBadField(
            @ForAll("registrations") Registration request) {
        Map<String, Object> body = request.body();
        String facilityId = request.update() ? updated : null;
        if (body != null && FRESH.equals(body.get("facilityId"))) {
            body.put("facilityId", fresh());
        }
        Expected expected;
        String text;
        if (request.malformed() != null) {
            expected = new Expected.Malformed();
            text = request.malformed();
        } else {
            expected = expectRegistration(body, request.update() ? facilityId : at(body, "facilityId"),
                    request.update());
            text = RequestBodies.json(body);
        }
        long before = commandsSent();
        Answer answer = request.update()
                ? api.send("PUT", "/api/v1/facilities/" + ApiProbe.segment(facilityId), officer, text)
                : api.send("POST", "/api/v1/facilities", officer, text);
        ApiProbe.assertAnswer(answer, expected, commandsSent() - before);
        if (!request.update() && answer.status() == 201) {
            Set<String> sources = new HashSet<>();
            ((List<?>) body.get("sources")).forEach(source -> sources.add((String) at(source, "sourceId")));
            registered.put((String) body.get("facilityId"), sources);
        }
    }

    @Provide
    Arbitrary<Registration> registrations() {
        Map<String, Object> valid = registration(FRESH);
        Map<String, Arbitrary<Object>> fields = new java.util.LinkedHashMap<>();
        fields.put("facilityId", RequestBodies.ids());
        fields.put("operatorBin", Arbitraries.oneOf(RequestBodies.texts(), Arbitraries.of("12345678901",
                "1234567890123", "99024000123a", "９９０２４０００１２３４", " 990240001234", "000000000000")));
        fields.put("operatorName", RequestBodies.texts());
        fields.put("facilityName", RequestBodies.texts());
        fields.put("regionCode", Arbitraries.oneOf(RequestBodies.texts(),
                Arbitraries.of("55", " 55 ", "00", "5", "555", "71", "75", "79", "11", "99")));
        fields.put("category", RequestBodies.names("I", "II", "III", "IV"));
        fields.put("sector", Arbitraries.oneOf(RequestBodies.texts(), Arbitraries.of("energy", "Energy",
                "oil_gas", "_x", "mining2", "x".repeat(64), "x".repeat(65))));
        fields.put("top50", RequestBodies.booleans());
        fields.put("sources", Arbitraries.oneOf(Arbitraries.of(MISSING, null, new RequestBodies.Raw("{}"),
                "STACK-1", List.of(), new ArrayList<>(java.util.Collections.nCopies(2, (Object) null)))
                .map(v -> v), Arbitraries.integers().between(999, 1001).map(PermitApiPropertiesTest::sources)));
        fields.put("sources[0]", Arbitraries.of(null, "STACK-1", new RequestBodies.Raw("[]"), object()));
        fields.put("sources[0].sourceId", RequestBodies.ids());
        fields.put("sources[1].sourceId", Arbitraries.of("STACK-1", "stack-1", "STACK-2 "));
        fields.put("sources[0].name", RequestBodies.texts());
        fields.put("sources[1].amsRequired", RequestBodies.booleans());
        fields.put("sources[0].amsInstalled", RequestBodies.booleans());
        Arbitrary<Map<String, Object>> bodies = mutated(valid, fields);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Combinators.combine(Arbitraries.of(false, true), bodies)
                        .as((update, body) -> new Registration(update, update ? withoutId(body) : body, null))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(false, true),
                        RequestBodies.malformed(RequestBodies.json(valid)))
                        .as((update, text) -> new Registration(update, null, text))));
    }

    private static Map<String, Object> withoutId(Map<String, Object> body) {
        Map<String, Object> copy = RequestBodies.copy(body);
        copy.remove("facilityId");
        return copy;
    }

    /** The expectation for a registration (or, with {@code update}, an update of the facility in the path). */
    private static Expected expectRegistration(Map<String, Object> body, Object facilityId, boolean update) {
        Set<String> unreadable = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        if (!update) {
            id(readText(facilityId), "facilityId", unreadable, invalid);
        }
        Read<String> bin = readText(at(body, "operatorBin"));
        if (required(bin, "operatorBin", unreadable, invalid) && !bin.value().matches("[0-9]{12}")) {
            invalid.add("operatorBin");
        }
        text(readText(at(body, "operatorName")), "operatorName", MAX_NAME, unreadable, invalid);
        text(readText(at(body, "facilityName")), "facilityName", MAX_NAME, unreadable, invalid);
        Read<String> region = readText(at(body, "regionCode"));
        if (required(region, "regionCode", unreadable, invalid)
                && !Regions.codes().contains(region.value().strip())) {
            invalid.add("regionCode");
        }
        Read<String> category = readText(at(body, "category"));
        if (required(category, "category", unreadable, invalid)
                && !List.of("I", "II", "III", "IV").contains(category.value().strip())) {
            invalid.add("category");
        }
        Read<String> sector = readText(at(body, "sector"));
        if (required(sector, "sector", unreadable, invalid) && !sector.value().matches("[a-z][a-z0-9_]{0,63}")) {
            invalid.add("sector");
        }
        required(readBoolean(at(body, "top50")), "top50", unreadable, invalid);
        Object sources = at(body, "sources");
        if (sources == MISSING || sources == null) {
            invalid.add("sources");
        } else if (!(sources instanceof List<?> list)) {
            unreadable.add("sources");
        } else {
            if (list.size() > MAX_ITEMS) {
                invalid.add("sources");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "sources[" + i + "]";
                Object source = list.get(i);
                if (source == null) {
                    invalid.add(path);
                    continue;
                }
                if (!(source instanceof Map<?, ?>)) {
                    unreadable.add(path);
                    continue;
                }
                Read<String> sourceId = readText(at(source, "sourceId"));
                if (id(sourceId, path + ".sourceId", unreadable, invalid) && !seen.add(sourceId.value())) {
                    invalid.add(path + ".sourceId");
                }
                text(readText(at(source, "name")), path + ".name", MAX_NAME, unreadable, invalid);
                // optional: without it the AMS obligation rule decides (no attributes here, so nothing is obliged)
                if (!readBoolean(at(source, "amsRequired")).readable()) {
                    unreadable.add(path + ".amsRequired");
                }
                required(readBoolean(at(source, "amsInstalled")), path + ".amsInstalled", unreadable, invalid);
            }
        }
        Expected expected = ApiProbe.expect(unreadable, invalid);
        if (!update && expected instanceof Expected.Accepted && registered.containsKey(facilityId)) {
            return new Expected.Decided(); // a second registration: the processor's conflict
        }
        return expected;
    }

    // ---------------------------------------------------------------- permit commands

    /** One of the permit commands, to a facility and permit in the path, with a body changed or not JSON. */
    record PermitCommand(String action, String facilityId, String permitId, Map<String, Object> body,
            String malformed) {
    }

    @Property(tries = 60)
    void aPermitCommandIsSentOnlyWhenValidAndARefusalNamesEachBadField(
            @ForAll("permitCommands") PermitCommand request) {
        String facilityId = request.facilityId() == null ? permitted : request.facilityId();
        String permitId = request.permitId() == null ? "P-" + RUN : request.permitId();
        String path = "/api/v1/facilities/" + ApiProbe.segment(facilityId) + "/permits"
                + (request.action().equals("issue") ? ""
                        : "/" + ApiProbe.segment(permitId) + "/" + request.action());
        Expected expected = ApiProbe.throughFirewall(request.malformed() != null ? new Expected.Malformed()
                : expectPermitCommand(request.action(), facilityId, permitId, request.body()), facilityId,
                request.action().equals("issue") ? null : permitId);
        String text = request.malformed() != null ? request.malformed()
                : request.body() == null ? null : RequestBodies.json(request.body());
        long before = commandsSent();
        Answer answer = api.send("POST", path, officer, text);
        ApiProbe.assertAnswer(answer, expected, commandsSent() - before);
    }

    @Provide
    Arbitrary<PermitCommand> permitCommands() {
        Map<String, Object> issue = object("permitId", "P-" + RUN, "validFrom", "2025-01-01", "validTo", "2034-12-31",
                "limits", List.of(limit("STACK-1", "SO2"), limit("STACK-2", "DUST")),
                "batConclusions", List.of("LCP BREF 2017"));
        Map<String, Arbitrary<Object>> issueFields = permitFields();
        issueFields.put("permitId", RequestBodies.ids());
        Map<String, Object> amend = object("validTo", "2035-12-31", "limits", List.of(limit("STACK-1", "NOX")),
                "reason", "BAT conclusion for large combustion plants");
        Map<String, Arbitrary<Object>> amendFields = permitFields();
        amendFields.put("reason", RequestBodies.texts());
        amendFields.put("limits", Arbitraries.of(MISSING, null, List.of(), "SO2", new RequestBodies.Raw("{}")));
        Map<String, Object> reason = object("reason", "court decision of the fuzz run");
        Map<String, Arbitrary<Object>> reasonFields = new java.util.LinkedHashMap<>();
        reasonFields.put("reason", RequestBodies.texts());
        Arbitrary<String> paths = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(null),
                Arbitraries.just(null), RequestBodies.pathIds());
        Arbitrary<PermitCommand> issues = Combinators.combine(paths, mutated(issue, issueFields))
                .as((facility, body) -> new PermitCommand("issue", facility, null, body, null));
        Arbitrary<PermitCommand> amendments = Combinators.combine(paths, paths, mutated(amend, amendFields))
                .as((facility, permit, body) -> new PermitCommand("amendments", facility, permit, body, null));
        Arbitrary<PermitCommand> statusChanges = Combinators.combine(
                Arbitraries.of("suspension", "reinstatement", "revocation"), paths, paths,
                Arbitraries.oneOf(mutated(reason, reasonFields), Arbitraries.just(null)))
                .as((action, facility, permit, body) -> new PermitCommand(action, facility, permit, body, null));
        Arbitrary<PermitCommand> malformed = Combinators.combine(Arbitraries.of("issue", "amendments"),
                RequestBodies.malformed(RequestBodies.json(issue)))
                .as((action, text) -> new PermitCommand(action, null, null, null, text));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, issues), net.jqwik.api.Tuple.of(3, amendments),
                net.jqwik.api.Tuple.of(3, statusChanges), net.jqwik.api.Tuple.of(1, malformed));
    }

    private static Map<String, Arbitrary<Object>> permitFields() {
        LocalDate today = LocalDate.now();
        Map<String, Arbitrary<Object>> fields = new java.util.LinkedHashMap<>();
        fields.put("validFrom", RequestBodies.dates(today));
        fields.put("validTo", RequestBodies.dates(today));
        fields.put("limits", Arbitraries.of(MISSING, null, List.of(), "SO2", new RequestBodies.Raw("{}"),
                java.util.Collections.singletonList(null)));
        fields.put("limits[0]", Arbitraries.of(object(), "STACK-1", limit("STACK-2", "DUST"),
                limit("STACK-9", "SO2")));
        fields.put("limits[0].sourceId", RequestBodies.ids());
        fields.put("limits[0].pollutant", RequestBodies.names("SO2", "NOX", "DUST", "OTHER"));
        fields.put("limits[0].gramsPerSecond", RequestBodies.decimals());
        fields.put("limits[0].tonnesPerYear", RequestBodies.decimals());
        fields.put("limits[0].mgPerNm3", RequestBodies.decimals());
        fields.put("batConclusions", Arbitraries.of(MISSING, null, List.of(), "BREF", new RequestBodies.Raw("{}"),
                java.util.Collections.singletonList(null), List.of("x".repeat(201)), List.of(" ")));
        return fields;
    }

    private static Expected expectPermitCommand(String action, String facilityId, String permitId,
            Map<String, Object> body) {
        Set<String> unreadable = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        id(pathValue(facilityId), "facilityId", unreadable, invalid);
        Object limits = MISSING;
        switch (action) {
            case "issue" -> {
                Read<String> id = readText(at(body, "permitId"));
                if (!id.readable() || id.value() != null) {
                    id(id, "permitId", unreadable, invalid);
                }
                Read<LocalDate> from = readDate(at(body, "validFrom"));
                Read<LocalDate> to = readDate(at(body, "validTo"));
                required(from, "validFrom", unreadable, invalid);
                required(to, "validTo", unreadable, invalid);
                validity(from, to, invalid);
                limits = at(body, "limits");
                if (limits == MISSING || limits == null) {
                    invalid.add("limits");
                } else {
                    limits(limits, unreadable, invalid);
                }
                batConclusions(at(body, "batConclusions"), unreadable, invalid);
            }
            case "amendments" -> {
                id(pathValue(permitId), "permitId", unreadable, invalid);
                Read<LocalDate> from = readDate(at(body, "validFrom"));
                Read<LocalDate> to = readDate(at(body, "validTo"));
                limits = at(body, "limits");
                Object bat = at(body, "batConclusions");
                if (from.readable() && to.readable() && from.value() == null && to.value() == null
                        && (limits == MISSING || limits == null) && (bat == MISSING || bat == null)) {
                    invalid.add("limits");
                }
                if (!from.readable()) {
                    unreadable.add("validFrom");
                }
                if (!to.readable()) {
                    unreadable.add("validTo");
                }
                validity(from, to, invalid);
                if (limits != MISSING && limits != null) {
                    limits(limits, unreadable, invalid);
                }
                batConclusions(bat, unreadable, invalid);
                Read<String> reason = readText(at(body, "reason"));
                if (!reason.readable()) {
                    unreadable.add("reason");
                } else if (reason.value() != null && reason.value().length() > MAX_TEXT) {
                    invalid.add("reason");
                }
            }
            default -> {
                id(pathValue(permitId), "permitId", unreadable, invalid);
                Read<String> reason = readText(body == null ? MISSING : at(body, "reason"));
                if (action.equals("reinstatement")) {
                    if (!reason.readable()) {
                        unreadable.add("reason");
                    } else if (reason.value() != null && reason.value().length() > MAX_TEXT) {
                        invalid.add("reason");
                    }
                } else {
                    text(reason, "reason", MAX_TEXT, unreadable, invalid);
                }
            }
        }
        Expected expected = ApiProbe.expect(unreadable, invalid);
        if (!(expected instanceof Expected.Accepted)) {
            return expected;
        }
        // valid on its face: the facility must be known to this instance, and the limits must name its sources
        if (!registered.containsKey(facilityId)) {
            return new Expected.Refused(404, "FACILITY_NOT_REGISTERED");
        }
        if (limits instanceof List<?> list) {
            Set<String> unknown = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!registered.get(facilityId).contains(at(list.get(i), "sourceId"))) {
                    unknown.add("limits[" + i + "].sourceId");
                }
            }
            if (!unknown.isEmpty()) {
                return new Expected.Invalid(unknown);
            }
        }
        return new Expected.Decided();
    }

    private static Read<String> pathValue(String pathValue) {
        return readText(pathValue);
    }

    /** Validity days from 2000 to 2100 (every date a client sends has a documented range), the end not first. */
    private static void validity(Read<LocalDate> from, Read<LocalDate> to, Set<String> invalid) {
        LocalDate earliest = LocalDate.of(2000, 1, 1);
        LocalDate latest = LocalDate.of(2100, 12, 31);
        if (from.present() && (from.value().isBefore(earliest) || from.value().isAfter(latest))) {
            invalid.add("validFrom");
        }
        if (to.present() && (to.value().isBefore(earliest) || to.value().isAfter(latest))) {
            invalid.add("validTo");
        }
        if (from.present() && to.present() && to.value().isBefore(from.value())) {
            invalid.add("validTo");
        }
    }

    private static void limits(Object limits, Set<String> unreadable, Set<String> invalid) {
        if (!(limits instanceof List<?> list)) {
            unreadable.add("limits");
            return;
        }
        if (list.isEmpty() || list.size() > MAX_ITEMS) {
            invalid.add("limits");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "limits[" + i + "]";
            Object limit = list.get(i);
            if (limit == null) {
                invalid.add(path);
                continue;
            }
            if (!(limit instanceof Map<?, ?>)) {
                unreadable.add(path);
                continue;
            }
            Read<String> sourceId = readText(at(limit, "sourceId"));
            boolean source = id(sourceId, path + ".sourceId", unreadable, invalid);
            Read<String> pollutant = readText(at(limit, "pollutant"));
            String parsed = null;
            if (required(pollutant, path + ".pollutant", unreadable, invalid)) {
                parsed = pollutant.value().strip().toUpperCase(Locale.ROOT);
                if (!POLLUTANTS.contains(parsed)) {
                    invalid.add(path + ".pollutant");
                    parsed = null;
                }
            }
            if (source && parsed != null && !seen.add(sourceId.value() + "|" + parsed)) {
                invalid.add(path);
            }
            boolean any = false;
            for (String measure : List.of("gramsPerSecond", "tonnesPerYear", "mgPerNm3")) {
                Read<Double> value = readDecimal(at(limit, measure));
                if (!value.readable()) {
                    unreadable.add(path + "." + measure);
                } else if (value.value() != null) {
                    any = true;
                    if (!(value.value() > 0 && Double.isFinite(value.value()))) {
                        invalid.add(path + "." + measure);
                    }
                }
            }
            if (!any) {
                invalid.add(path);
            }
        }
    }

    private static void batConclusions(Object references, Set<String> unreadable, Set<String> invalid) {
        if (references == MISSING || references == null) {
            return;
        }
        if (!(references instanceof List<?> list)) {
            unreadable.add("batConclusions");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            text(readText(list.get(i)), "batConclusions[" + i + "]", MAX_NAME, unreadable, invalid);
        }
    }

    // ---------------------------------------------------------------- the documented checks of one field

    private static boolean required(Read<?> read, String field, Set<String> unreadable, Set<String> invalid) {
        if (!read.readable()) {
            unreadable.add(field);
            return false;
        }
        if (read.value() == null) {
            invalid.add(field);
            return false;
        }
        return true;
    }

    private static boolean id(Read<String> read, String field, Set<String> unreadable, Set<String> invalid) {
        if (!required(read, field, unreadable, invalid)) {
            return false;
        }
        if (!read.value().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            invalid.add(field);
            return false;
        }
        return true;
    }

    private static void text(Read<String> read, String field, int max, Set<String> unreadable, Set<String> invalid) {
        if (required(read, field, unreadable, invalid) && (read.value().isBlank() || read.value().length() > max)) {
            invalid.add(field);
        }
    }

    // ---------------------------------------------------------------- bodies

    /** The valid body with one or two of its fields changed, an extra member added, or as it is. */
    static Arbitrary<Map<String, Object>> mutated(Map<String, Object> valid, Map<String, Arbitrary<Object>> fields) {
        List<String> paths = new ArrayList<>(fields.keySet());
        Arbitrary<Map<String, Object>> one = Arbitraries.of(paths).flatMap(path -> fields.get(path)
                .map(value -> RequestBodies.with(valid, path, value)));
        Arbitrary<Map<String, Object>> two = one.flatMap(first -> Arbitraries.of(paths)
                .flatMap(path -> fields.get(path).map(value -> {
                    // the first change may have removed what the second addresses
                    try {
                        return RequestBodies.with(first, path, value);
                    } catch (RuntimeException e) {
                        return first;
                    }
                })));
        Arbitrary<Map<String, Object>> extra = RequestBodies.extraMembers().map(member -> {
            Map<String, Object> body = RequestBodies.copy(valid);
            body.put(member.getKey(), member.getValue());
            return body;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(valid).map(RequestBodies::copy)),
                net.jqwik.api.Tuple.of(8, one), net.jqwik.api.Tuple.of(2, two), net.jqwik.api.Tuple.of(1, extra));
    }

    private static Map<String, Object> registration(String facilityId) {
        return object("facilityId", facilityId, "operatorBin", "990240001234", "operatorName", "Pavlodar Energy JSC",
                "facilityName", "Pavlodar CHP-2", "regionCode", "55", "category", "II", "sector", "energy",
                "top50", false, "sources", List.of(
                        object("sourceId", "STACK-1", "name", "Stack 1", "amsRequired", true, "amsInstalled", true),
                        object("sourceId", "STACK-2", "name", "Stack 2", "amsRequired", false,
                                "amsInstalled", false)));
    }

    private static Object sources(int count) {
        List<Object> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sources.add(object("sourceId", "S-" + i, "name", "Stack " + i, "amsRequired", false,
                    "amsInstalled", false));
        }
        return sources;
    }

    private static Map<String, Object> limit(String sourceId, String pollutant) {
        return object("sourceId", sourceId, "pollutant", pollutant, "gramsPerSecond", 12.5, "tonnesPerYear", 300.0,
                "mgPerNm3", 500.0);
    }

    private static long commandsSent() {
        return ApiProbe.commandsSent(meters, PermitTopics.COMMANDS.name());
    }
}
