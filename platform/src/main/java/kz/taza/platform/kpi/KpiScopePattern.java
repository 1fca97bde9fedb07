package kz.taza.platform.kpi;

/**
 * The scopes a KPI is published for, written as patterns: an exact scope ({@code NATIONAL}, {@code CATEGORY:I},
 * {@code GROUP:TOP50_CAT1}) or a kind of scope with any value ({@code REGION:*}, {@code POLLUTANT:*},
 * {@code SECTOR:*}, {@code CATEGORY:*}, {@code PERMIT_TYPE:*}).
 */
final class KpiScopePattern {

    private static final String ANY = "*";

    private KpiScopePattern() {
    }

    /** Whether the scope is one the pattern covers. */
    static boolean matches(String pattern, String scope) {
        if (scope == null) {
            return false;
        }
        if (pattern.endsWith(":" + ANY)) {
            String kind = pattern.substring(0, pattern.length() - ANY.length());
            return scope.length() > kind.length() && scope.startsWith(kind) && scope.indexOf('*') < 0;
        }
        return pattern.equals(scope);
    }

    /** Whether the text is a pattern: {@code KIND}, {@code KIND:value} or {@code KIND:*}, in capitals. */
    static boolean isPattern(String pattern) {
        return pattern != null && pattern.matches("[A-Z][A-Z0-9_]*(:([A-Za-z0-9_-]+|\\*))?");
    }

    /** Whether every scope the narrower pattern covers is covered by the wider one. */
    static boolean covers(String wider, String narrower) {
        return wider.equals(narrower) || (!narrower.endsWith(":" + ANY) && matches(wider, narrower));
    }
}
