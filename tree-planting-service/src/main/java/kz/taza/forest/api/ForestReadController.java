package kz.taza.forest.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Region;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.forest.config.ForestConfiguration;
import kz.taza.forest.domain.FireRules;
import kz.taza.forest.domain.MaterialRules;
import kz.taza.forest.domain.Programme;
import kz.taza.forest.topology.ForestKpiReadModel;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * What the programme looks like: progress towards 2 billion trees and 1.1 million Aral hectares, nationally and per
 * region (from the forest KPIs, held on every instance), and a planting with its surveys (from the command
 * processor's state, on the instance that owns the planting: any instance answers, through {@link StateQueries}).
 * State that cannot be read yet (start-up, rebalance) is the platform's 503 with Retry-After.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "forest reads", description = "Programme progress and plantings")
public class ForestReadController {

    private static final String STATE_STORE = ForestConfiguration.COMMANDS + "-state";

    private final StateQueries state;

    public ForestReadController(StateQueries state) {
        this.state = state;
    }

    /** Progress of one scope: cumulative since the programme's start, and per calendar year. */
    public record Progress(String scope, double treesPlanted, Double treesTarget, Double progressPct,
            double aralSeabedHectares, Double aralSeabedHectaresTarget, Double survivalYear1Pct,
            Double survivalYear3Pct, Double survivalTargetPct, List<YearProgress> years, Instant dataAsOf) {
    }

    /** One calendar year of a scope. */
    public record YearProgress(int year, double treesPlanted, Double planFulfilmentPct) {
    }

    /** The programme nationally and in every region that has reported. */
    public record ProgrammeProgress(LocalDate programmeStart, LocalDate programmeEnd, Progress national,
            List<Progress> regions) {
    }

    /** A planting and every survey of it. */
    public record PlantingView(String plantingId, String regionCode, String forestryInstitution, String site,
            String species, long treeCount, double hectares, LocalDate plantedOn, boolean aralSeabed, String method,
            List<SurveyView> surveys) {
    }

    /** One survey; {@code current} is false for a survey replaced by a later recount of the same survey year. */
    public record SurveyView(String surveyId, int surveyYear, long alive, long dead, Double survivalRatePct,
            LocalDate surveyedOn, boolean current) {
    }

    @Allow({Role.FORESTER, Role.OFFICER, Role.ANALYST, Role.AGENCY})
    @GetMapping("/programme/progress")
    @Operation(summary = "Progress of the programme, nationally and per region")
    public ResponseEntity<ProgrammeProgress> programme() {
        ReadOnlyKeyValueStore<String, KpiValue> kpis = kpiStore();
        List<Progress> regions = new ArrayList<>();
        for (Region region : Regions.all()) {
            Progress progress = progress(kpis, KpiScopes.region(region));
            if (progress.dataAsOf() != null) {
                regions.add(progress);
            }
        }
        return ResponseEntity.ok(new ProgrammeProgress(Programme.START, Programme.END,
                progress(kpis, KpiScopes.NATIONAL), regions));
    }

    @Allow({Role.FORESTER, Role.OFFICER, Role.ANALYST, Role.AGENCY})
    @GetMapping("/programme/progress/regions/{regionCode}")
    @Operation(summary = "Progress of the programme in one region")
    public ResponseEntity<Progress> region(@PathVariable String regionCode) {
        Optional<Region> region = Regions.byCode(regionCode);
        if (region.isEmpty()) {
            return ProblemHandlers.notFound("UNKNOWN_REGION", "'" + regionCode + "' is not a region code");
        }
        return ResponseEntity.ok(progress(kpiStore(), KpiScopes.region(region.get())));
    }

    @Allow({Role.FORESTER, Role.OFFICER, Role.ANALYST, Role.AGENCY, Role.SERVICE})
    @GetMapping("/plantings/{plantingId}")
    @Operation(summary = "A planting with its survival surveys", description = "404 for an unknown planting")
    public ResponseEntity<PlantingView> planting(@PathVariable String plantingId, HttpServletRequest request) {
        return state.answer(STATE_STORE, plantingId, request, () -> {
            PlantingState planting = state.store(STATE_STORE,
                    QueryableStoreTypes.<String, PlantingState>keyValueStore()).get(plantingId);
            if (planting == null || planting.getPlanting() == null) {
                return ProblemHandlers.notFound("UNKNOWN_PLANTING", "no planting " + plantingId
                        + " has been recorded");
            }
            return view(planting);
        });
    }

    /** A fire: its report, containment and (latest) extinguishment. */
    public record FireView(String fireId, String regionCode, String forestryInstitution, String cause,
            double hectaresAtReport, LocalDate reportedOn, LocalDate containedOn, LocalDate extinguishedOn,
            Double hectaresBurned, String status) {
    }

    @Allow({Role.FORESTER, Role.OFFICER, Role.ANALYST, Role.AGENCY, Role.SERVICE})
    @GetMapping("/fires/{fireId}")
    @Operation(summary = "A fire: reported, contained, extinguished", description = "404 for an unknown fire")
    public ResponseEntity<FireView> fire(@PathVariable String fireId, HttpServletRequest request) {
        String aggregate = FireRules.fireAggregateId(fireId);
        return state.answer(STATE_STORE, aggregate, request, () -> {
            PlantingState fire = state.store(STATE_STORE,
                    QueryableStoreTypes.<String, PlantingState>keyValueStore()).get(aggregate);
            if (fire == null || fire.getFireReported() == null) {
                return ProblemHandlers.notFound(FireRules.UNKNOWN_FIRE, "no fire " + fireId + " has been reported");
            }
            FireReported r = fire.getFireReported();
            FireContained c = fire.getFireContained();
            FireExtinguished x = fire.getFireExtinguished();
            String status = x != null ? "EXTINGUISHED" : c != null ? "CONTAINED" : "BURNING";
            return new FireView(r.getFireId(), Regions.code(r.getRegion()), r.getForestryInstitution(),
                    r.getCause().name(), r.getHectares(), r.getReportedOn(), c == null ? null : c.getContainedOn(),
                    x == null ? null : x.getExtinguishedOn(), x == null ? null : x.getHectaresBurned(), status);
        });
    }

    /** An early fire detection system as recorded. */
    public record DetectionSystemView(String systemId, String regionCode, String forestryInstitution,
            double coveredHectares, LocalDate installedOn) {
    }

    @Allow({Role.FORESTER, Role.OFFICER, Role.ANALYST, Role.AGENCY, Role.SERVICE})
    @GetMapping("/detection-systems/{systemId}")
    @Operation(summary = "An early fire detection system", description = "404 for an unknown system")
    public ResponseEntity<DetectionSystemView> detectionSystem(@PathVariable String systemId,
            HttpServletRequest request) {
        String aggregate = FireRules.detectionAggregateId(systemId);
        return state.answer(STATE_STORE, aggregate, request, () -> {
            PlantingState system = state.store(STATE_STORE,
                    QueryableStoreTypes.<String, PlantingState>keyValueStore()).get(aggregate);
            if (system == null || system.getDetectionSystem() == null) {
                return ProblemHandlers.notFound("UNKNOWN_DETECTION_SYSTEM", "no detection system " + systemId
                        + " has been recorded");
            }
            DetectionSystemInstalled d = system.getDetectionSystem();
            return new DetectionSystemView(d.getSystemId(), Regions.code(d.getRegion()), d.getForestryInstitution(),
                    d.getCoveredHectares(), d.getInstalledOn());
        });
    }

    /** A lot of planting material: as prepared, and its quantity now. */
    public record PlantingMaterialView(String lotId, String regionCode, String forestryInstitution, String nursery,
            int plantingYear, String species, String kind, String unit, double preparedQuantity, double quantity,
            LocalDate preparedOn, LocalDate correctedOn, String correctionReason) {
    }

    @Allow({Role.FORESTER, Role.OFFICER, Role.ANALYST, Role.AGENCY, Role.SERVICE})
    @GetMapping("/planting-material/{lotId}")
    @Operation(summary = "A lot of planting material, with its latest correction", description = "404 for an "
            + "unknown lot")
    public ResponseEntity<PlantingMaterialView> plantingMaterial(@PathVariable String lotId,
            HttpServletRequest request) {
        String aggregate = MaterialRules.lotAggregateId(lotId);
        return state.answer(STATE_STORE, aggregate, request, () -> {
            PlantingState lot = state.store(STATE_STORE,
                    QueryableStoreTypes.<String, PlantingState>keyValueStore()).get(aggregate);
            if (lot == null || lot.getMaterialLot() == null) {
                return ProblemHandlers.notFound(MaterialRules.UNKNOWN_LOT, "no lot " + lotId
                        + " of planting material has been recorded");
            }
            PlantingMaterialPrepared p = lot.getMaterialLot();
            PlantingMaterialCorrected c = lot.getMaterialCorrection();
            return new PlantingMaterialView(p.getLotId(), Regions.code(p.getRegion()), p.getForestryInstitution(),
                    p.getNursery(), p.getPlantingYear(), p.getSpecies(), p.getKind().name(), p.getUnit().name(),
                    p.getQuantity(), MaterialRules.currentQuantity(lot), p.getPreparedOn(),
                    c == null ? null : c.getCorrectedOn(), c == null ? null : c.getReason().name());
        });
    }

    static PlantingView view(PlantingState state) {
        TreesPlanted p = state.getPlanting();
        List<SurveyView> surveys = new ArrayList<>();
        List<SurvivalSurveyed> all = state.getSurveys();
        for (int i = 0; i < all.size(); i++) {
            SurvivalSurveyed s = all.get(i);
            int year = s.getSurveyYear();
            boolean replaced = all.subList(i + 1, all.size()).stream().anyMatch(later -> later.getSurveyYear() == year);
            surveys.add(new SurveyView(s.getSurveyId(), year, s.getAlive(), s.getDead(),
                    Programme.survivalRatePct(s.getAlive(), s.getAlive() + s.getDead()), s.getSurveyedOn(),
                    !replaced));
        }
        return new PlantingView(p.getPlantingId(), Regions.code(p.getRegion()), p.getForestryInstitution(),
                p.getSite(), p.getSpecies(), p.getTreeCount(), p.getHectares(), p.getPlantedOn(), p.getAralSeabed(),
                p.getMethod().name(), surveys);
    }

    private Progress progress(ReadOnlyKeyValueStore<String, KpiValue> kpis, String scope) {
        KpiPeriod programme = ForestKpis.PROGRAMME;
        KpiValue planted = kpis.get(ForestKpis.PLANTED.key(scope, programme));
        KpiValue aral = kpis.get(ForestKpis.ARAL_HECTARES.key(scope, programme));
        KpiValue survival1 = kpis.get(ForestKpis.SURVIVAL_YEAR_1.key(scope, programme));
        KpiValue survival3 = kpis.get(ForestKpis.SURVIVAL_YEAR_3.key(scope, programme));
        double trees = planted == null ? 0 : planted.getValue();
        boolean national = KpiScopes.NATIONAL.equals(scope);

        List<YearProgress> years = new ArrayList<>();
        Instant dataAsOf = null;
        String prefix = KpiKeys.prefix(ForestKpis.PLANTED.id(), scope, KpiGranularity.YEAR);
        try (KeyValueIterator<String, KpiValue> yearly = kpis.prefixScan(prefix, Serdes.String().serializer())) {
            while (yearly.hasNext()) {
                KpiValue year = yearly.next().value;
                KpiValue fulfilment = kpis.get(ForestKpis.PLAN_FULFILMENT.key(scope, year.getPeriod()));
                years.add(new YearProgress(year.getPeriod().getStart().getYear(), year.getValue(),
                        fulfilment == null ? null : fulfilment.getValue()));
                dataAsOf = later(dataAsOf, year.getDataAsOf());
            }
        }
        for (KpiValue value : new KpiValue[] {planted, aral, survival1, survival3}) {
            dataAsOf = value == null ? dataAsOf : later(dataAsOf, value.getDataAsOf());
        }
        return new Progress(scope, trees, ForestKpis.PLANTED.target(scope, KpiGranularity.PROGRAMME),
                national ? Programme.progressPct(trees) : null, aral == null ? 0 : aral.getValue(),
                ForestKpis.ARAL_HECTARES.target(scope, KpiGranularity.PROGRAMME),
                survival1 == null ? null : survival1.getValue(), survival3 == null ? null : survival3.getValue(),
                ForestKpis.SURVIVAL_TARGET_PCT, years, dataAsOf);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** The forest KPIs, on every instance; a 503 (platform) while they are not queryable. */
    private ReadOnlyKeyValueStore<String, KpiValue> kpiStore() {
        return state.store(ForestKpiReadModel.STORE, QueryableStoreTypes.<String, KpiValue>keyValueStore());
    }
}
