package kz.taza.schemas;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.taza.events.common.Region;

/**
 * The 20 regions of Kazakhstan (17 oblasts, 3 cities of national significance) and their ISO 3166-2:KZ / KATO
 * prefix codes, e.g. {@code "55"} for Pavlodar region. Codes are what topics key by and KPI scopes name
 * ({@code REGION:55}); {@link Region} is what records carry.
 */
public final class Regions {

    private record Entry(Region region, String code, String displayName) {
    }

    // Ordered by code, as the national statistics office lists them.
    private static final List<Entry> ENTRIES = List.of(
            new Entry(Region.ABAI, "10", "Abai Region"),
            new Entry(Region.AKMOLA, "11", "Akmola Region"),
            new Entry(Region.AKTOBE, "15", "Aktobe Region"),
            new Entry(Region.ALMATY_REGION, "19", "Almaty Region"),
            new Entry(Region.ATYRAU, "23", "Atyrau Region"),
            new Entry(Region.WEST_KAZAKHSTAN, "27", "West Kazakhstan Region"),
            new Entry(Region.ZHAMBYL, "31", "Zhambyl Region"),
            new Entry(Region.ZHETYSU, "33", "Zhetysu Region"),
            new Entry(Region.KARAGANDA, "35", "Karaganda Region"),
            new Entry(Region.KOSTANAY, "39", "Kostanay Region"),
            new Entry(Region.KYZYLORDA, "43", "Kyzylorda Region"),
            new Entry(Region.MANGYSTAU, "47", "Mangystau Region"),
            new Entry(Region.PAVLODAR, "55", "Pavlodar Region"),
            new Entry(Region.NORTH_KAZAKHSTAN, "59", "North Kazakhstan Region"),
            new Entry(Region.TURKISTAN, "61", "Turkistan Region"),
            new Entry(Region.ULYTAU, "62", "Ulytau Region"),
            new Entry(Region.EAST_KAZAKHSTAN, "63", "East Kazakhstan Region"),
            new Entry(Region.ASTANA, "71", "Astana"),
            new Entry(Region.ALMATY, "75", "Almaty"),
            new Entry(Region.SHYMKENT, "79", "Shymkent"));

    private static final Map<String, Entry> BY_CODE = new HashMap<>();
    private static final Map<Region, Entry> BY_REGION = new EnumMap<>(Region.class);
    private static final List<Region> ALL = ENTRIES.stream().map(Entry::region).toList();

    static {
        for (Entry entry : ENTRIES) {
            BY_CODE.put(entry.code(), entry);
            BY_REGION.put(entry.region(), entry);
        }
    }

    private Regions() {
    }

    /** The region with this code ({@code "55"} → PAVLODAR); empty for an unknown code or null. */
    public static Optional<Region> byCode(String code) {
        Entry entry = code == null ? null : BY_CODE.get(code.strip());
        return Optional.ofNullable(entry).map(Entry::region);
    }

    /**
     * The code of a region (PAVLODAR → {@code "55"}).
     *
     * @throws IllegalArgumentException for {@link Region#UNKNOWN} or null, which have no code
     */
    public static String code(Region region) {
        return entry(region).code();
    }

    /** The region's English name, e.g. "Pavlodar Region", "Astana". */
    public static String displayName(Region region) {
        return region == Region.UNKNOWN ? "Unknown region" : entry(region).displayName();
    }

    /** The 20 regions (not UNKNOWN), by code. */
    public static List<Region> all() {
        return ALL;
    }

    /** The 20 codes, ascending. */
    public static List<String> codes() {
        return ENTRIES.stream().map(Entry::code).toList();
    }

    /** Region by code, for every region. */
    public static Map<String, Region> byCodeMap() {
        Map<String, Region> map = new HashMap<>();
        BY_CODE.forEach((code, entry) -> map.put(code, entry.region()));
        return Collections.unmodifiableMap(map);
    }

    private static Entry entry(Region region) {
        Entry entry = region == null ? null : BY_REGION.get(region);
        if (entry == null) {
            throw new IllegalArgumentException("region " + region + " has no code");
        }
        return entry;
    }
}
