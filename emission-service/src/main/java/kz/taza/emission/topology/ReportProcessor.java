package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.contracts.emission.ReportVersions;
import kz.taza.emission.topology.StateSerdes.ReportVersion;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * Annual emission reports into the reported-emission totals. The latest submission of a facility, year and pollutant
 * counts ({@link ReportVersions}); a replacing one changes the totals by the difference, an older one arriving late
 * changes nothing. A report's tonnes are rounded once to the gram ({@link Micros}) and kept so with its version, so
 * that a replacing one takes back exactly what it added. Tonnes go to NATIONAL, POLLUTANT, REGION, SECTOR, CATEGORY
 * and, for Category I facilities of the 50 largest enterprises, GROUP:TOP50_CAT1, by the facility's registration when
 * the report arrives.
 */
final class ReportProcessor implements Processor<String, EmissionReportSubmitted, String, KpiDelta> {

    private static final String SEPARATOR = ",";

    private ProcessorContext<String, KpiDelta> context;
    private KeyValueStore<String, ValueAndTimestamp<Facility>> facilities;
    private KeyValueStore<String, ReportVersion> versions;

    @Override
    public void init(ProcessorContext<String, KpiDelta> context) {
        this.context = context;
        this.facilities = context.getStateStore(EmissionStores.FACILITIES);
        this.versions = context.getStateStore(EmissionStores.REPORTS);
    }

    @Override
    public void process(Record<String, EmissionReportSubmitted> record) {
        EmissionReportSubmitted report = record.value();
        if (report == null) {
            return; // a tombstone on an event topic carries no report
        }
        String key = report.getFacilityId() + '|' + report.getYear() + '|' + report.getPollutant();
        long submittedAt = report.getSubmittedAt().toEpochMilli();
        ReportVersion current = versions.get(key);
        if (!ReportVersions.replaces(submittedAt, report.getReportId(),
                current == null ? Long.MIN_VALUE : current.submittedAt(),
                current == null ? null : current.reportId())) {
            return;
        }
        ValueAndTimestamp<Facility> stored = facilities.get(report.getFacilityId());
        List<String> scopes = scopes(report, stored == null ? null : stored.value());
        long grams = Micros.of(report.getTonnes());
        versions.put(key, new ReportVersion(submittedAt, report.getReportId(), grams,
                String.join(SEPARATOR, scopes)));
        long yearStart = java.time.LocalDate.of(report.getYear(), 1, 1).toEpochDay();
        if (current != null) {
            for (String scope : current.scopes().split(SEPARATOR)) {
                forward(scope, yearStart, Micros.minus(0, current.grams()), -1, submittedAt);
            }
        }
        for (String scope : scopes) {
            forward(scope, yearStart, grams, 1, submittedAt);
        }
    }

    private void forward(String scope, long yearStart, long grams, long events, long submittedAt) {
        KpiDelta delta = new KpiDelta(EmissionKpi.REPORTED_TONNES, scope, KpiGranularity.YEAR, yearStart, grams,
                events, submittedAt);
        context.forward(new Record<>(delta.routingKey(), delta, submittedAt));
    }

    static List<String> scopes(EmissionReportSubmitted report, Facility facility) {
        List<String> scopes = new ArrayList<>(6);
        scopes.add(KpiScopes.NATIONAL);
        scopes.add(KpiScopes.pollutant(report.getPollutant()));
        if (facility != null) {
            Regions.byCode(facility.getRegionCode()).ifPresent(region -> scopes.add(KpiScopes.region(region)));
            if (facility.getSector() != null && !facility.getSector().isBlank()) {
                scopes.add(KpiScopes.sector(facility.getSector()));
            }
            FacilityCategory category = facility.getCategory();
            if (category != null && category != FacilityCategory.UNKNOWN) {
                scopes.add(KpiScopes.category(category.name()));
            }
            if (facility.getTop50() && category == FacilityCategory.I) {
                scopes.add(KpiScopes.TOP50_CAT1);
            }
        }
        return scopes;
    }
}
