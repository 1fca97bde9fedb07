package kz.taza.emission.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** One AMS interval in a REST batch; fields are checked one by one so each bad one is named. */
@Schema(description = "One AMS averaging interval of one pollutant at one source")
public record AmsReadingRequest(
        @Schema(example = "KZ-55-0001") String facilityId,
        @Schema(example = "STACK-1") String sourceId,
        @Schema(example = "SO2", description = "SO2, NOX, CO, DUST, H2S, NH3, VOC") String pollutant,
        @Schema(example = "2025-03-01T10:20:00Z", description = "ISO-8601 instant, aligned to the interval length")
        String intervalStart,
        @Schema(example = "20", description = "minutes, default 20; must divide a day") Integer intervalMinutes,
        @Schema(example = "412.5") Double concentrationMgNm3,
        @Schema(example = "350000") Double flowNm3PerHour,
        @Schema(example = "VALID", description = "VALID, CALIBRATION, MAINTENANCE, FAULT or SUBSTITUTED")
        String status) {
}
