package dev.mssn;

/**
 * The model asked for cannot be used: no embedded model of that name or scale, a weights file
 * that is missing or unreadable, or one that is not a valid MSSN checkpoint. The message names
 * the model and the problem; the cause is the underlying error.
 */
public class ModelException extends SuperResolutionException {

    ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
