package io.netrig.model;

/** A backend cannot build part of a lab because a feature (e.g. a kernel module) is missing. */
public class UnsupportedFeatureException extends NetrigException {
    private final String feature;

    public UnsupportedFeatureException(String feature, String message) {
        super(message);
        this.feature = feature;
    }

    /** The missing feature, e.g. "ipvlan" or "IPVS". */
    public String feature() {
        return feature;
    }
}
