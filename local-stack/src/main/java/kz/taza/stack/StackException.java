package kz.taza.stack;

/**
 * A failure the person at the terminal can act on (a port in use, a missing build, a service that did not become
 * ready); its message is printed as it is, without a stack trace.
 */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }
}
