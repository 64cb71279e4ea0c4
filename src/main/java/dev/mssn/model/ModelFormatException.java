package dev.mssn.model;

/** A weights or checkpoint file that cannot be used: the message names the file and the problem. */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
