package dev.mssn.engine.cpu;

import dev.mssn.engine.BackendContract;
import dev.mssn.engine.BackendProvider;

/** The fast CPU path keeps the backend contract. */
class CpuBackendContractTest extends BackendContract {

    @Override
    protected BackendProvider provider() {
        return new CpuBackendProvider();
    }
}
