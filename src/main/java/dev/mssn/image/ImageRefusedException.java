package dev.mssn.image;

/**
 * An image refused by policy rather than broken: more pixels than the limit, alpha for a format
 * without it, an extension naming no format. The facade reports it as the public
 * {@code UnsupportedImageException}; callers of this package see an IllegalArgumentException.
 */
public class ImageRefusedException extends IllegalArgumentException {

    public ImageRefusedException(String message) {
        super(message);
    }
}
