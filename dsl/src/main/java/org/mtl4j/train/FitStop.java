package org.mtl4j.train;

/** The {@link FitControl} of one fit: a stop request any thread may set. */
final class FitStop implements FitControl {

    private volatile String reason;

    @Override
    public void stopTraining(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("stopTraining() needs a reason. Received: "
                    + (reason == null ? "null" : "\"" + reason + "\"")
                    + ". Say why, e.g. stopTraining(\"accuracy reached 0.95\").");
        }
        if (this.reason == null) {
            this.reason = reason;
        }
    }

    @Override
    public boolean stopRequested() {
        return reason != null;
    }

    /** The first reason given, or null. */
    String reason() {
        return reason;
    }
}
