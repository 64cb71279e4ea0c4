package dev.mssn;

/**
 * The base of the library's own failures, one type to catch them by: the model cannot be used
 * ({@link ModelException}), the device cannot be opened or a call to it failed
 * ({@link DeviceException}, {@link NoSuchDeviceException}), or an image is refused
 * ({@link UnsupportedImageException}). Unchecked, as they follow from a configuration or an
 * input rather than from a transient condition. Files that cannot be read or written, or whose
 * bytes do not decode, are {@link java.io.IOException}s instead, as everywhere in the JDK.
 */
public abstract class SuperResolutionException extends RuntimeException {

    SuperResolutionException(String message, Throwable cause) {
        super(message, cause);
    }

    SuperResolutionException(String message) {
        super(message);
    }
}
