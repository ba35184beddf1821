package dev.lossfn.core.model;

import java.util.ArrayList;
import java.util.List;

/** Helpers for the lists the model holds. */
final class Lists {
    private Lists() {}

    /**
     * The list with no spare capacity: a run keeps the model of every module, and most of its lists hold
     * one to three items in arrays sized for ten. The list itself and its contents are unchanged.
     */
    static <T> List<T> sized(List<T> list) {
        if (list instanceof ArrayList<T> a) {
            a.trimToSize();
        }
        return list;
    }
}
