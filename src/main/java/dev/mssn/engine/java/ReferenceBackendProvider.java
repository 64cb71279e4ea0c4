package dev.mssn.engine.java;

import dev.mssn.engine.Backend;
import dev.mssn.engine.BackendProvider;
import java.util.List;

/** The plain-Java reference, the oracle the fast paths are tested against: "reference", never chosen by auto nor listed. */
public final class ReferenceBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public boolean listed() {
        return false;
    }

    @Override
    public Offers devices(Settings settings) {
        return Offers.of(List.of(new Offer("reference", JavaBackend.describe(Runtime.getRuntime().availableProcessors()), false,
                Offer.NEVER)));
    }

    @Override
    public Backend open(String spec, Settings settings) {
        if (!spec.equals("reference")) {
            throw new IllegalArgumentException("device '" + spec + "': the reference is one device, reference");
        }
        return new JavaBackend();
    }
}
