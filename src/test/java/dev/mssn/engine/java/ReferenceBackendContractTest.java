package dev.mssn.engine.java;

import dev.mssn.engine.BackendContract;
import dev.mssn.engine.BackendProvider;

/** The plain-Java reference keeps the backend contract (against itself, for the network). */
class ReferenceBackendContractTest extends BackendContract {

    @Override
    protected BackendProvider provider() {
        return new ReferenceBackendProvider();
    }

    @Override
    protected boolean stopsWithinATile() {
        return false;
    }
}
