package dev.mssn;

/**
 * An image the library refuses although it may be valid: more pixels than the limit
 * ({@link GpuSuperResolver.Builder#optMaxInputPixels}), an output larger than the heap can build
 * in a format that is not streamed, alpha for an output format without it, or a file extension
 * naming no format the library writes. Said before any work is done; the message says what to
 * change.
 */
public class UnsupportedImageException extends SuperResolutionException {

    UnsupportedImageException(String message, Throwable cause) {
        super(message, cause);
    }

    UnsupportedImageException(String message) {
        super(message);
    }
}
