/*
 * lossfn's own JNI glue over tree-sitter and tree-sitter-python, built with the two libraries'
 * C sources into one shared library. A parse crosses into Java once: the whole tree comes back as
 * flat arrays in preorder (symbol, start byte, end byte, field, first child, next sibling,
 * missing), the layout FlatTree uses, so lowering never calls native code per node.
 */
#include <jni.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "tree_sitter/api.h"

#define EXPORT __attribute__((visibility("default")))

const TSLanguage *tree_sitter_python(void);

typedef struct {
    int32_t *symbol, *start, *end, *field, *first, *next;
    jboolean *missing;
    uint32_t size, cap;
} Flat;

static int flat_grow(Flat *f) {
    uint32_t cap = f->cap ? f->cap * 2 : 1024;
    int32_t **arrays[] = {&f->symbol, &f->start, &f->end, &f->field, &f->first, &f->next};
    for (int i = 0; i < 6; i++) {
        int32_t *p = realloc(*arrays[i], (size_t)cap * sizeof(int32_t));
        if (!p) return 0;
        *arrays[i] = p;
    }
    jboolean *m = realloc(f->missing, (size_t)cap * sizeof(jboolean));
    if (!m) return 0;
    f->missing = m;
    f->cap = cap;
    return 1;
}

static void flat_free(Flat *f) {
    free(f->symbol); free(f->start); free(f->end); free(f->field);
    free(f->first); free(f->next); free(f->missing);
}

static int32_t flat_add(Flat *f, TSTreeCursor *c, int check_missing) {
    if (f->size == f->cap && !flat_grow(f)) return -1;
    TSNode n = ts_tree_cursor_current_node(c);
    uint32_t i = f->size++;
    f->symbol[i] = ts_node_symbol(n);
    f->start[i] = (int32_t)ts_node_start_byte(n);
    f->end[i] = (int32_t)ts_node_end_byte(n);
    f->field[i] = ts_tree_cursor_current_field_id(c);
    f->first[i] = -1;
    f->next[i] = -1;
    f->missing[i] = check_missing && ts_node_is_missing(n);
    return (int32_t)i;
}

/* Preorder walk with an explicit stack: no recursion, whatever the nesting. */
static int flatten(TSTree *tree, Flat *f) {
    TSNode root = ts_tree_root_node(tree);
    int errors = ts_node_has_error(root);
    TSTreeCursor c = ts_tree_cursor_new(root);
    uint32_t stack_cap = 64, depth = 0;
    int32_t *last = malloc(stack_cap * sizeof(int32_t));
    int ok = last != NULL;
    int32_t cur = ok ? flat_add(f, &c, errors) : -1;
    if (cur < 0) ok = 0;
    if (ok) last[0] = cur;
    while (ok) {
        if (ts_tree_cursor_goto_first_child(&c)) {
            int32_t child = flat_add(f, &c, errors);
            if (child < 0) { ok = 0; break; }
            f->first[last[depth]] = child;
            depth++;
            if (depth >= stack_cap) {
                stack_cap *= 2;
                int32_t *p = realloc(last, stack_cap * sizeof(int32_t));
                if (!p) { ok = 0; break; }
                last = p;
            }
            last[depth] = child;
            continue;
        }
        for (;;) {
            if (depth == 0) goto done;
            if (ts_tree_cursor_goto_next_sibling(&c)) {
                int32_t sib = flat_add(f, &c, errors);
                if (sib < 0) { ok = 0; break; }
                f->next[last[depth]] = sib;
                last[depth] = sib;
                break;
            }
            ts_tree_cursor_goto_parent(&c);
            depth--;
        }
    }
done:
    free(last);
    ts_tree_cursor_delete(&c);
    return ok;
}

static jintArray new_ints(JNIEnv *env, const int32_t *data, jsize n) {
    jintArray a = (*env)->NewIntArray(env, n);
    if (a && n > 0) (*env)->SetIntArrayRegion(env, a, 0, n, (const jint *)data);
    return a;
}

#define FN(name) Java_dev_lossfn_core_lang_python_FastPython_##name

EXPORT JNIEXPORT jlong JNICALL FN(newParser)(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    TSParser *p = ts_parser_new();
    if (!p) return 0;
    if (!ts_parser_set_language(p, tree_sitter_python())) {
        ts_parser_delete(p);
        return 0;
    }
    return (jlong)(intptr_t)p;
}

EXPORT JNIEXPORT void JNICALL FN(deleteParser)(JNIEnv *env, jclass cls, jlong handle) {
    (void)env; (void)cls;
    if (handle) ts_parser_delete((TSParser *)(intptr_t)handle);
}

/*
 * Parses UTF-8 source and returns {symbol, start, end, field, firstChild, nextSibling} as int[]
 * plus missing as boolean[], in one Object[]; null if tree-sitter gave no tree or memory ran out.
 */
EXPORT JNIEXPORT jobjectArray JNICALL FN(parse)(JNIEnv *env, jclass cls, jlong handle, jbyteArray source) {
    (void)cls;
    TSParser *p = (TSParser *)(intptr_t)handle;
    if (!p || !source) return NULL;
    jsize len = (*env)->GetArrayLength(env, source);
    char *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf) return NULL;
    (*env)->GetByteArrayRegion(env, source, 0, len, (jbyte *)buf);
    TSTree *tree = ts_parser_parse_string(p, NULL, buf, (uint32_t)len);
    if (!tree) {
        ts_parser_reset(p);
        free(buf);
        return NULL;
    }
    Flat f;
    memset(&f, 0, sizeof f);
    int ok = flatten(tree, &f);
    ts_tree_delete(tree);
    free(buf);
    jobjectArray out = NULL;
    if (ok) {
        jclass object = (*env)->FindClass(env, "java/lang/Object");
        out = object ? (*env)->NewObjectArray(env, 7, object, NULL) : NULL;
        const int32_t *parts[] = {f.symbol, f.start, f.end, f.field, f.first, f.next};
        for (int i = 0; out && i < 6; i++) {
            jintArray a = new_ints(env, parts[i], (jsize)f.size);
            if (!a) { out = NULL; break; }
            (*env)->SetObjectArrayElement(env, out, i, a);
            (*env)->DeleteLocalRef(env, a);
        }
        if (out) {
            jbooleanArray m = (*env)->NewBooleanArray(env, (jsize)f.size);
            if (m) {
                if (f.size > 0) (*env)->SetBooleanArrayRegion(env, m, 0, (jsize)f.size, f.missing);
                (*env)->SetObjectArrayElement(env, out, 6, m);
            } else {
                out = NULL;
            }
        }
    }
    flat_free(&f);
    return out;
}

EXPORT JNIEXPORT jint JNICALL FN(symbolCount)(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return (jint)ts_language_symbol_count(tree_sitter_python());
}

EXPORT JNIEXPORT jstring JNICALL FN(symbolName)(JNIEnv *env, jclass cls, jint symbol) {
    (void)cls;
    const char *name = ts_language_symbol_name(tree_sitter_python(), (TSSymbol)symbol);
    return name ? (*env)->NewStringUTF(env, name) : NULL;
}

EXPORT JNIEXPORT jboolean JNICALL FN(symbolNamed)(JNIEnv *env, jclass cls, jint symbol) {
    (void)env; (void)cls;
    return ts_language_symbol_type(tree_sitter_python(), (TSSymbol)symbol) == TSSymbolTypeRegular;
}

EXPORT JNIEXPORT jint JNICALL FN(fieldCount)(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return (jint)ts_language_field_count(tree_sitter_python());
}

EXPORT JNIEXPORT jstring JNICALL FN(fieldName)(JNIEnv *env, jclass cls, jint field) {
    (void)cls;
    const char *name = ts_language_field_name_for_id(tree_sitter_python(), (TSFieldId)field);
    return name ? (*env)->NewStringUTF(env, name) : NULL;
}
