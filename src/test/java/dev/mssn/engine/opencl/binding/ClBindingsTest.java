package dev.mssn.engine.opencl.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.testutil.Requires;
import org.junit.jupiter.api.Test;

class ClBindingsTest {

    @Test
    void namesPickTheirBinding() {
        assertInstanceOf(JoclBinding.class, ClBindings.named("jocl"));
        assertInstanceOf(LwjglBinding.class, ClBindings.named(" LWJGL "));
        assertInstanceOf(JoclBinding.class, ClBindings.named("auto"), "auto prefers JOCL when both are present");
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClBindings.named("opencl4j"));
        assertTrue(e.getMessage().contains("jocl, lwjgl or auto"), e.getMessage());
    }

    /**
     * The suite runs twice over the OpenCL tests, once per binding (-Dmssn.opencl.binding); this
     * proves the second run really went through the binding it names.
     */
    @Test
    void devicesAreReachedThroughTheBindingTheSystemPropertyNames() {
        DeviceInfo device = Requires.openCl();
        String expected = System.getProperty(ClBindings.PROPERTY, "jocl");
        assertEquals(expected, device.binding().name());
    }

    @Test
    void bothBindingsSeeTheSameDevices() {
        Requires.openCl();
        var jocl = ClDevices.enumerate(ClBindings.named("jocl")).devices();
        var lwjgl = ClDevices.enumerate(ClBindings.named("lwjgl")).devices();
        assertEquals(jocl.stream().map(DeviceInfo::describe).toList(), lwjgl.stream().map(DeviceInfo::describe).toList());
        for (int i = 0; i < jocl.size(); i++) {
            assertEquals(jocl.get(i).kind(), lwjgl.get(i).kind());
            assertEquals(jocl.get(i).globalMemBytes(), lwjgl.get(i).globalMemBytes());
            assertEquals(jocl.get(i).maxAllocBytes(), lwjgl.get(i).maxAllocBytes());
            assertEquals(jocl.get(i).computeUnits(), lwjgl.get(i).computeUnits());
            assertEquals(ClDevices.maxWorkGroupSize(jocl.get(i)), ClDevices.maxWorkGroupSize(lwjgl.get(i)));
        }
    }
}
