package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.ModuleInfo;
import java.util.Locale;

/**
 * Test code, by the conventions of pytest and unittest: files named {@code test_*.py}, {@code *_test.py}
 * or {@code conftest.py}, and files under a {@code tests/} or {@code test/} folder. Rules about training
 * recipes (which objective, which metric) stay silent there: a test that optimises one loss checks that
 * loss.
 */
public final class TestFiles {
    private TestFiles() {}

    public static boolean isTest(ModuleInfo module) {
        String path = module.model().file().displayPath().replace('\\', '/').toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("test_") || name.endsWith("_test.py") || name.equals("conftest.py")
                || ("/" + path).contains("/tests/") || ("/" + path).contains("/test/");
    }
}
