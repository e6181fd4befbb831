package org.mipaaa.it;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** {@link LabTls} for tests in other packages: a client context with {@code host}'s key, trusting the CA of the same directory. */
public final class LabTlsAccess {

    private LabTlsAccess() {
    }

    public static SSLContext context(Path dir, String host) throws Exception {
        return LabTls.context(dir, host, dir);
    }
}
