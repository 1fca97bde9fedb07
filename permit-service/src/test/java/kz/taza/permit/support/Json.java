package kz.taza.permit.support;

/** Request bodies for the REST tests, as an officer's client would send them. */
public final class Json {

    private Json() {
    }

    public static String facility(String facilityId, String category, boolean top50) {
        return """
                {"facilityId": "%s", "operatorBin": "990240001234", "operatorName": "Pavlodar Energy JSC",
                 "facilityName": "Pavlodar CHP-2", "regionCode": "55", "category": "%s", "sector": "energy",
                 "top50": %s,
                 "sources": [{"sourceId": "STACK-1", "name": "Stack 1", "amsRequired": true, "amsInstalled": true},
                             {"sourceId": "STACK-2", "name": "Stack 2", "amsRequired": true, "amsInstalled": false}]}
                """.formatted(facilityId, category, top50);
    }

    public static String kep(String permitId) {
        return """
                {"permitId": "%s", "validFrom": "2025-01-01", "validTo": "2034-12-31",
                 "limits": [{"sourceId": "STACK-1", "pollutant": "SO2", "gramsPerSecond": 120, "tonnesPerYear": 3500,
                             "mgPerNm3": 500},
                            {"sourceId": "STACK-2", "pollutant": "NOX", "tonnesPerYear": 2100}],
                 "batConclusions": ["BAT-KZ-ENERGY-2023"]}
                """.formatted(permitId);
    }

    public static String reason(String reason) {
        return "{\"reason\": \"" + reason + "\"}";
    }
}
