package kz.taza.emission.api;

import java.util.List;

/** A batch of AMS readings posted by a gateway or operator system. */
public record AmsReadingBatch(List<AmsReadingRequest> readings) {
}
