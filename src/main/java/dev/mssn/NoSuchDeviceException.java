package dev.mssn;

/**
 * No device answers to {@link GpuSuperResolver.Builder#optDevice}: nothing matches the name or
 * index, no OpenCL driver or binding is installed, or the device refused to open. The message
 * says what was found instead; {@code mssn devices} lists what this machine offers.
 */
public class NoSuchDeviceException extends DeviceException {

    NoSuchDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
