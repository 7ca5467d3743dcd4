package dev.opfunctions.sandbox.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** An answer whose body is written as it goes (chunked), for bodies too big or too slow to hold. */
public interface StreamedAnswer {

    int status();

    Map<String, String> headers();

    /** Writes the body; returns when it is done, the client went away or the thread is interrupted. */
    void writeTo(OutputStream out) throws IOException, InterruptedException;
}
