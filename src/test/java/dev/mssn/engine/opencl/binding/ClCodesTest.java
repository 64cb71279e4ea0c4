package dev.mssn.engine.opencl.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.jocl.CL;
import org.junit.jupiter.api.Test;

/** ClCodes against JOCL's copy of CL/cl.h, an independent transcription of the same header. */
class ClCodesTest {

    @Test
    void everyConstantHasTheHeadersValue() throws ReflectiveOperationException {
        int compared = 0;
        for (Field ours : ClCodes.class.getFields()) {
            if (!Modifier.isStatic(ours.getModifiers()) || !ours.getName().startsWith("CL_")) {
                continue;
            }
            Field theirs = CL.class.getField(ours.getName());
            // compared as 32-bit patterns: JOCL writes CL_DEVICE_TYPE_ALL (0xFFFFFFFF) as the int -1
            assertEquals(((Number) theirs.get(null)).longValue() & 0xFFFFFFFFL, ((Number) ours.get(null)).longValue() & 0xFFFFFFFFL, ours.getName());
            compared++;
        }
        assertTrue(compared >= 20, "compared " + compared + " constants");
    }

    @Test
    void errorNamesAreTheHeadersNames() {
        for (int code = -68; code <= 0; code++) {
            if (code < -19 && code > -30) {
                continue; // unassigned in OpenCL 1.2
            }
            assertEquals(CL.stringFor_errorCode(code), ClCodes.errorName(code), "code " + code);
        }
        assertEquals("CL error -9999", ClCodes.errorName(-9999));
    }

    /** The device-type mask is cl.h's 32-bit pattern in a 64-bit cl_bitfield, not a sign-extended -1. */
    @Test
    void theDeviceTypeMaskIsNotSignExtended() {
        assertEquals(0xFFFFFFFFL, ClCodes.CL_DEVICE_TYPE_ALL);
        assertTrue(CL.CL_DEVICE_TYPE_ALL != ClCodes.CL_DEVICE_TYPE_ALL, "JOCL's constant is the sign-extended one; the bindings must not use it");
    }

    /**
     * The bindings take their constants from ClCodes alone: no JOCL or LWJGL constant appears in
     * their sources (javac inlines such constants, so only the source shows them).
     */
    @Test
    void theBindingsUseNoConstantOfTheirOwnLibrary() throws java.io.IOException {
        for (String binding : new String[] {"JoclBinding", "LwjglBinding"}) {
            String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/dev/mssn/engine/opencl/binding", binding + ".java"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(CL|CL1[0-2]|CL20)\\.CL_[A-Z_]+").matcher(source);
            if (m.find()) {
                org.junit.jupiter.api.Assertions.fail(binding + " uses " + m.group() + " instead of ClCodes");
            }
        }
    }
}
