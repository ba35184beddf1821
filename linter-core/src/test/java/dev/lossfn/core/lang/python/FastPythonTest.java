package dev.lossfn.core.lang.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast parser (an -O2 build of the same tree-sitter-python grammar) must give exactly the tree
 * the bundled binding gives: same nodes, symbols, byte ranges, fields, shape and MISSING flags.
 */
class FastPythonTest {

    private static void assumeFast() {
        assumeTrue(FastPython.available(), () -> "fast parser not available: " + FastPython.whyNot());
    }

    private static void assertSameTree(String what, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        FlatTree fast = PythonFrontend.flatTree(text, utf8);
        FlatTree bundled = PythonFrontend.bundledFlatTree(text);
        assertThat(fast.size).as(what + ": node count").isEqualTo(bundled.size);
        int n = bundled.size;
        for (int i = 0; i < n; i++) {
            if (!fast.type(i).equals(bundled.type(i)) || fast.named(i) != bundled.named(i)
                    || fast.start[i] != bundled.start[i] || fast.end[i] != bundled.end[i]
                    || !java.util.Objects.equals(fast.fieldName(i), bundled.fieldName(i))
                    || fast.firstChild[i] != bundled.firstChild[i] || fast.nextSibling[i] != bundled.nextSibling[i]
                    || fast.missing[i] != bundled.missing[i]) {
                throw new AssertionError(what + ": node " + i + " differs: fast " + describe(fast, i)
                        + " vs bundled " + describe(bundled, i));
            }
        }
        assertThat(Arrays.copyOf(fast.symbol, n)).as(what + ": symbols").isEqualTo(Arrays.copyOf(bundled.symbol, n));
    }

    private static String describe(FlatTree t, int i) {
        return t.type(i) + "[" + t.start[i] + "," + t.end[i] + ") field=" + t.fieldName(i) + " first=" + t.firstChild[i]
                + " next=" + t.nextSibling[i] + " missing=" + t.missing[i];
    }

    @Test
    void sameGrammarTables() {
        assumeFast();
        FlatTree.Grammar fast = new FlatTree.Grammar();
        FlatTree.Grammar bundled = new FlatTree.Grammar(new org.treesitter.TreeSitterPython());
        assertThat(fast.symbolNames).isEqualTo(bundled.symbolNames);
        assertThat(fast.symbolNamed).isEqualTo(bundled.symbolNamed);
        assertThat(fast.fieldNames).isEqualTo(bundled.fieldNames);
    }

    @Test
    void fixtureCorpusGivesIdenticalTrees() throws IOException {
        assumeFast();
        Path root = Path.of("..", "fixtures", "python");
        assumeTrue(Files.isDirectory(root), "fixture corpus not found");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            assertSameTree(f.toString(), text);
        }
    }

    @Test
    void brokenAndUnusualInputGivesIdenticalTrees() {
        assumeFast();
        String[] inputs = {
            "",
            "\n",
            "def f(:\n    return\n",
            "x = (1 +\n",
            "class A:\ndef g(): pass\n",
            "s = 'é😀'  # 日本\nloss = f(s)\n",
            "if x:\n\tpass\n  else:\n",
            "x = [" + "(".repeat(300) + "1" + ")".repeat(300) + "]\n",
            "print 'old'\nexec code\n",
            "\u0000\u0001 = 2\n",
            "lambda: (yield)\n@dec\nasync def f(): await x\n",
        };
        for (int i = 0; i < inputs.length; i++) {
            assertSameTree("input " + i, inputs[i]);
        }
    }

    @Test
    void parserReportsWhichPathIsUsed() {
        assertThat(PythonFrontend.parserInUse()).isNotBlank();
        assertThat(PythonFrontend.parseOnly("x = 1\n")).isGreaterThan(3);
    }
}
