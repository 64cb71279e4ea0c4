package dev.mssn.engine.opencl.network;

import dev.mssn.engine.BackendContract;
import dev.mssn.engine.BackendProvider;
import dev.mssn.testutil.Requires;

/** Every OpenCL device keeps the backend contract (on CI: PoCL). */
class ClBackendContractTest extends BackendContract {

    @Override
    protected BackendProvider provider() {
        return new ClBackendProvider();
    }

    @Override
    protected void requireDevice() {
        Requires.openCl();
    }

    @Override
    protected boolean storesHalves() {
        return true;
    }
}
