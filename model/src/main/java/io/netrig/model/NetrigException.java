package io.netrig.model;

/** The root of every error netrig raises on purpose. Its message is written for the user. */
public class NetrigException extends RuntimeException {
    public NetrigException(String message) {
        super(message);
    }

    public NetrigException(String message, Throwable cause) {
        super(message, cause);
    }
}
