package dev.lossfn.core.lang.python;

import java.util.Arrays;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * A tree-sitter tree copied into flat Java arrays in one cursor walk, so that lowering makes no
 * native call per question it asks. Every node is an int: its symbol, byte range, field, parent,
 * first child and next sibling. Symbol and field names come from per-language tables.
 */
final class FlatTree {
    int size;
    int[] symbol;
    int[] start;
    int[] end;
    int[] field;
    int[] firstChild;
    int[] nextSibling;
    boolean[] missing;
    final Grammar grammar;

    /** Symbol and field names of one language, read once. */
    static final class Grammar {
        final String[] symbolNames;
        final boolean[] symbolNamed;
        final String[] fieldNames;
        final int errorSymbol = 65535;
        /** Per symbol: a comment. Filled by {@link #index}. */
        boolean[] symbolComment;
        private final java.util.Map<String, Integer> fieldIds = new java.util.HashMap<>();

        /**
         * Interns the names (so that comparing a node's type with a literal is mostly an identity check)
         * and indexes the fields by name.
         */
        private void index() {
            symbolComment = new boolean[symbolNames.length];
            for (int i = 0; i < symbolNames.length; i++) {
                if (symbolNames[i] != null) {
                    symbolNames[i] = symbolNames[i].intern();
                    symbolComment[i] = symbolNames[i].equals("comment");
                }
            }
            for (int i = fieldNames.length - 1; i >= 1; i--) {
                if (fieldNames[i] != null) {
                    fieldNames[i] = fieldNames[i].intern();
                    fieldIds.put(fieldNames[i], i);
                }
            }
        }

        /** The fast parser's grammar (the same tree-sitter-python version as the bundled one). */
        Grammar() {
            int symbols = FastPython.symbolCount();
            symbolNames = new String[symbols];
            symbolNamed = new boolean[symbols];
            for (int i = 0; i < symbols; i++) {
                symbolNames[i] = FastPython.symbolName(i);
                symbolNamed[i] = FastPython.symbolNamed(i);
            }
            int fields = FastPython.fieldCount();
            fieldNames = new String[fields + 1];
            for (int i = 1; i <= fields; i++) {
                fieldNames[i] = FastPython.fieldName(i);
            }
            index();
        }

        Grammar(TSLanguage language) {
            int symbols = language.symbolCount();
            symbolNames = new String[symbols];
            symbolNamed = new boolean[symbols];
            for (int i = 0; i < symbols; i++) {
                symbolNames[i] = language.symbolName(i);
                symbolNamed[i] = language.symbolType(i) == org.treesitter.TSSymbolType.TSSymbolTypeRegular;
            }
            int fields = language.fieldCount();
            fieldNames = new String[fields + 1];
            for (int i = 1; i <= fields; i++) {
                fieldNames[i] = language.fieldNameForId(i);
            }
            index();
        }

        /** The id of a field, or -1 for a name the grammar does not have. */
        int fieldId(String name) {
            Integer id = fieldIds.get(name);
            return id == null ? -1 : id;
        }
    }

    /** Direct access to the binding's node functions (the public wrappers make an extra native call each). */
    private static final class Native extends TSParser {
        private Native() {
            super();
        }

        static int symbol(TSNode n) {
            return ts_node_symbol(n);
        }

        static int startByte(TSNode n) {
            return ts_node_start_byte(n);
        }

        static int endByte(TSNode n) {
            return ts_node_end_byte(n);
        }

        static boolean isMissing(TSNode n) {
            return ts_node_is_missing(n);
        }
    }

    private FlatTree(Grammar grammar, int capacity) {
        this.grammar = grammar;
        symbol = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        field = new int[capacity];
        firstChild = new int[capacity];
        nextSibling = new int[capacity];
        missing = new boolean[capacity];
    }

    /** The tree the fast parser returned: {@code {symbol, start, end, field, firstChild, nextSibling, missing}}. */
    static FlatTree of(Object[] parts, Grammar grammar) {
        FlatTree t = new FlatTree(grammar, 0);
        t.symbol = (int[]) parts[0];
        t.start = (int[]) parts[1];
        t.end = (int[]) parts[2];
        t.field = (int[]) parts[3];
        t.firstChild = (int[]) parts[4];
        t.nextSibling = (int[]) parts[5];
        t.missing = (boolean[]) parts[6];
        t.size = t.symbol.length;
        return t;
    }

    static FlatTree of(TSTree tree, Grammar grammar, int sizeHint) {
        FlatTree t = new FlatTree(grammar, Math.max(64, sizeHint));
        TSNode root = tree.getRootNode();
        boolean errors = root.hasError();
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            int[] parents = new int[64];
            int depth = 0;
            int cur = t.add(cursor.currentNode(), 0, errors);
            int[] lastChild = new int[64];
            lastChild[0] = -1;
            parents[0] = cur;
            while (true) {
                if (cursor.gotoFirstChild()) {
                    int child = t.add(cursor.currentNode(), cursor.currentFieldId(), errors);
                    t.firstChild[parents[depth]] = child;
                    depth++;
                    if (depth >= parents.length) {
                        parents = Arrays.copyOf(parents, depth * 2);
                        lastChild = Arrays.copyOf(lastChild, depth * 2);
                    }
                    parents[depth] = child;
                    lastChild[depth] = child;
                    continue;
                }
                // no children: move to the next sibling, climbing as needed
                while (true) {
                    if (depth == 0) {
                        return t;
                    }
                    if (cursor.gotoNextSibling()) {
                        int sib = t.add(cursor.currentNode(), cursor.currentFieldId(), errors);
                        t.nextSibling[lastChild[depth]] = sib;
                        lastChild[depth] = sib;
                        parents[depth] = sib;
                        break;
                    }
                    cursor.gotoParent();
                    depth--;
                }
            }
        }
    }

    private int add(TSNode n, int fieldId, boolean checkMissing) {
        if (size == symbol.length) {
            int cap = size * 2;
            symbol = Arrays.copyOf(symbol, cap);
            start = Arrays.copyOf(start, cap);
            end = Arrays.copyOf(end, cap);
            field = Arrays.copyOf(field, cap);
            firstChild = Arrays.copyOf(firstChild, cap);
            nextSibling = Arrays.copyOf(nextSibling, cap);
            missing = Arrays.copyOf(missing, cap);
        }
        int i = size++;
        symbol[i] = Native.symbol(n);
        start[i] = Native.startByte(n);
        end[i] = Native.endByte(n);
        field[i] = fieldId;
        firstChild[i] = -1;
        nextSibling[i] = -1;
        missing[i] = checkMissing && Native.isMissing(n);
        return i;
    }

    String type(int n) {
        int s = symbol[n];
        if (s == grammar.errorSymbol) {
            return "ERROR";
        }
        return s >= 0 && s < grammar.symbolNames.length ? grammar.symbolNames[s] : "?";
    }

    boolean isComment(int n) {
        int s = symbol[n];
        return s >= 0 && s < grammar.symbolComment.length && grammar.symbolComment[s];
    }

    boolean isError(int n) {
        return symbol[n] == grammar.errorSymbol;
    }

    boolean named(int n) {
        int s = symbol[n];
        return s == grammar.errorSymbol || s >= 0 && s < grammar.symbolNamed.length && grammar.symbolNamed[s];
    }

    String fieldName(int n) {
        int f = field[n];
        return f > 0 && f < grammar.fieldNames.length ? grammar.fieldNames[f] : null;
    }
}
