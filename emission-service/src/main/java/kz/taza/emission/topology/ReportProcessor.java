package kz.taza.emission.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.contracts.emission.ReportVersions;
import kz.taza.emission.domain.KepRedirection;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * Annual emission reports into the reported-emission and emission-fee totals. The latest submission of a facility,
 * year and pollutant counts ({@link ReportVersions}); a replacing one changes the totals by the difference, an older
 * one arriving late changes nothing. A report's tonnes are rounded once to the gram ({@link Micros}) and kept so with
 * its version, so that a replacing one takes back exactly what it added. Tonnes go to NATIONAL, POLLUTANT, REGION,
 * SECTOR, CATEGORY and, for Category I facilities of the 50 largest enterprises, GROUP:TOP50_CAT1, by the facility's
 * registration when the report arrives.
 *
 * <p>Fees: a charged report's fee (its grams × the rate of its pollutant × the MCI of its year,
 * {@link EmissionFeeRates}) goes to {@code emissions.fees.due_kzt} in NATIONAL and its REGION, and also to
 * {@code emissions.fees.kep_redirected_kzt} when its facility held a KEP in the report's year ({@link KepRedirection},
 * judged on the facility's permit in the global permit store). The fee is kept with the version, so that a
 * replacing report takes back exactly the fee (and the redirected part) it added, whatever the rates are by then.
 *
 * <p>A late KEP: the permit store is global and fed apart from the reports, so a report may be counted before its
 * facility's KEP arrives (or a permit may change after). Every {@code recheckEvery} (wall clock) the task looks again
 * at the counted reports of the facilities whose permit changed since the last recheck (a
 * {@link ReferenceData.Changes} feed, a prefix scan per facility) and moves each fee whose redirection no longer
 * matches the facility's permit into or out of the redirected total; the fee due does not change. The first recheck
 * after the task starts looks at all its reports instead: the feed only hears of changes made after it was opened,
 * and the permits restored at start-up, or changed while the task ran elsewhere, came before. So the redirected total
 * follows the latest permit of each facility, within one recheck, and a recheck costs what changed, not every report.
 *
 * <p>Exactly once: a recheck's moves and the versions they rewrite are written in the task's transaction like a
 * report's. A change drained by a recheck whose transaction then aborts is not lost: the task is closed and starts
 * again, and its first recheck looks at everything.
 */
final class ReportProcessor implements Processor<String, EmissionReportSubmitted, String, KpiDelta> {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final ReferenceData reference;
    private final EmissionFeeRates rates;
    private final Duration recheckEvery;
    private ProcessorContext<String, KpiDelta> context;
    private KeyValueStore<String, ValueAndTimestamp<Facility>> facilities;
    private ReferenceData.Reader permits;
    private KeyValueStore<String, ReportVersion> versions;
    private ReferenceData.Changes permitChanges;
    /** The next recheck looks at every report (the first after init). */
    private boolean recheckAll;

    ReportProcessor(ReferenceData reference, EmissionFeeRates rates, Duration recheckEvery) {
        this.reference = reference;
        this.rates = rates;
        this.recheckEvery = recheckEvery;
    }

    @Override
    public void init(ProcessorContext<String, KpiDelta> context) {
        this.context = context;
        this.facilities = context.getStateStore(EmissionStores.FACILITIES);
        this.permits = reference.reader(context);
        this.versions = context.getStateStore(EmissionStores.REPORTS);
        if (permitChanges != null) {
            permitChanges.close(); // a task started again without a close before: the old feed goes
        }
        this.permitChanges = reference.permitChanges();
        this.recheckAll = true;
        context.schedule(recheckEvery, PunctuationType.WALL_CLOCK_TIME, now -> recheckRedirection());
    }

    @Override
    public void process(Record<String, EmissionReportSubmitted> record) {
        EmissionReportSubmitted report = record.value();
        if (report == null) {
            return; // a tombstone on an event topic carries no report
        }
        String key = key(report.getFacilityId(), report.getYear(), report.getPollutant());
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
        int year = report.getYear();
        Pollutant pollutant = report.getPollutant();
        ReportVersion next;
        if (rates.charged(pollutant, year)) {
            next = new ReportVersion(submittedAt, report.getReportId(), grams, ReportVersion.joined(scopes),
                    rates.feeMicroKzt(grams, pollutant, year), rates.rate(pollutant).orElseThrow(),
                    rates.mci(year).orElseThrow(), KepRedirection.redirects(permits.permit(report.getFacilityId()),
                            year));
        } else {
            next = new ReportVersion(submittedAt, report.getReportId(), grams, ReportVersion.joined(scopes));
        }
        versions.put(key, next);
        long yearStart = java.time.LocalDate.of(year, 1, 1).toEpochDay();
        if (current != null) {
            for (String scope : current.scopeList()) {
                forward(EmissionKpi.REPORTED_TONNES, scope, yearStart, Micros.minus(0, current.grams()), -1,
                        submittedAt);
            }
            forwardFee(current, yearStart, -1, submittedAt);
        }
        for (String scope : scopes) {
            forward(EmissionKpi.REPORTED_TONNES, scope, yearStart, grams, 1, submittedAt);
        }
        forwardFee(next, yearStart, 1, submittedAt);
    }

    /** Adds ({@code sign} 1) or takes back (-1) a version's fee and, when redirected, its redirected part. */
    private void forwardFee(ReportVersion version, long yearStart, int sign, long eventTime) {
        if (!version.charged()) {
            return;
        }
        long fee = sign > 0 ? version.feeMicroKzt() : Micros.minus(0, version.feeMicroKzt());
        for (String scope : version.feeScopes()) {
            forward(EmissionKpi.FEES_DUE_KZT, scope, yearStart, fee, sign, eventTime);
            if (version.redirected()) {
                forward(EmissionKpi.FEES_KEP_REDIRECTED_KZT, scope, yearStart, fee, sign, eventTime);
            }
        }
    }

    @Override
    public void close() {
        if (permitChanges != null) {
            permitChanges.close();
        }
    }

    /**
     * Moves the fee of each counted report whose redirection no longer matches its facility's permit into (a KEP
     * arrived, or was reinstated) or out of (the permit is no KEP of that year any more) the redirected total: of every
     * report at the first recheck, then of the reports of the facilities whose permit changed since the last one.
     */
    private void recheckRedirection() {
        // Drained first, also before a full scan: a change made during the scan is looked at again next time.
        List<String> facilitiesChanged = permitChanges.drain();
        List<KeyValue<String, ReportVersion>> changed = new ArrayList<>();
        if (recheckAll) {
            try (KeyValueIterator<String, ReportVersion> all = versions.all()) {
                recheck(all, null, changed);
            }
            recheckAll = false;
        } else {
            for (String facilityId : facilitiesChanged) {
                try (KeyValueIterator<String, ReportVersion> reports = versions.prefixScan(facilityId + '|',
                        KEY_SERIALIZER)) {
                    recheck(reports, facilityId, changed);
                }
            }
        }
        // Written after the scan: the store is not changed under its own iterator.
        for (KeyValue<String, ReportVersion> change : changed) {
            ReportVersion version = change.value;
            versions.put(change.key, version);
            long yearStart = java.time.LocalDate.of(yearOf(change.key), 1, 1).toEpochDay();
            int sign = version.redirected() ? 1 : -1;
            long fee = sign > 0 ? version.feeMicroKzt() : Micros.minus(0, version.feeMicroKzt());
            for (String scope : version.feeScopes()) {
                forward(EmissionKpi.FEES_KEP_REDIRECTED_KZT, scope, yearStart, fee, sign, version.submittedAt());
            }
        }
    }

    /**
     * Adds to {@code changed} each charged report among {@code reports} whose redirection is no longer the permit's,
     * with the redirection it should have; of {@code facilityId}'s reports only when it is not null (a prefix scan of
     * "F|" also meets the reports of a facility "F|…").
     */
    private void recheck(KeyValueIterator<String, ReportVersion> reports, String facilityId,
            List<KeyValue<String, ReportVersion>> changed) {
        while (reports.hasNext()) {
            KeyValue<String, ReportVersion> entry = reports.next();
            ReportVersion version = entry.value;
            int yearAt = yearAt(entry.key);
            if (version == null || !version.charged() || facilityId != null && yearAt != facilityId.length()) {
                continue;
            }
            boolean redirected = KepRedirection.redirects(permits.permit(entry.key.substring(0, yearAt)),
                    yearOf(entry.key));
            if (redirected != version.redirected()) {
                changed.add(KeyValue.pair(entry.key, version.redirected(redirected)));
            }
        }
    }

    private void forward(EmissionKpi kpi, String scope, long yearStart, long amount, long events, long eventTime) {
        KpiDelta delta = new KpiDelta(kpi, scope, KpiGranularity.YEAR, yearStart, amount, events, eventTime);
        context.forward(new Record<>(delta.routingKey(), delta, eventTime));
    }

    /** Key of the report store: facility|year|pollutant. */
    static String key(String facilityId, int year, Pollutant pollutant) {
        return facilityId + '|' + year + '|' + pollutant;
    }

    /** Where the year begins in a key of the report store (facility ids may hold a '|', years and pollutants not). */
    private static int yearAt(String key) {
        return key.lastIndexOf('|', key.lastIndexOf('|') - 1);
    }

    private static int yearOf(String key) {
        return Integer.parseInt(key.substring(yearAt(key) + 1, key.lastIndexOf('|')));
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
