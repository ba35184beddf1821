package dev.lossfn.rules.catalog;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classification metrics: the accuracy APIs (scikit-learn {@code accuracy_score}, torchmetrics
 * {@code Accuracy} and its task classes, Keras accuracy metrics and their {@code compile} strings) and
 * the words of the metrics that see a minority class (F1, precision, recall, AUC, balanced accuracy, ...).
 */
public final class Metrics {
    private Metrics() {}

    public static final Set<String> ACCURACY = Set.of("sklearn.metrics.accuracy_score",
            "torchmetrics.Accuracy", "torchmetrics.classification.Accuracy", "torchmetrics.classification.BinaryAccuracy",
            "torchmetrics.classification.MulticlassAccuracy", "torchmetrics.classification.MultilabelAccuracy",
            "torchmetrics.functional.accuracy", "torchmetrics.functional.classification.accuracy",
            "torchmetrics.functional.classification.binary_accuracy",
            "torchmetrics.functional.classification.multiclass_accuracy",
            "keras.metrics.Accuracy", "keras.metrics.BinaryAccuracy", "keras.metrics.CategoricalAccuracy",
            "keras.metrics.SparseCategoricalAccuracy", "keras.metrics.binary_accuracy",
            "keras.metrics.categorical_accuracy", "keras.metrics.sparse_categorical_accuracy");

    public static final Set<String> KERAS_ACCURACY_STRINGS = Set.of("accuracy", "acc", "binary_accuracy",
            "categorical_accuracy", "sparse_categorical_accuracy");

    /** Words of identifiers and strings that name a metric seeing the minority class. */
    private static final Set<String> MINORITY_WORDS = Set.of("f1", "fbeta", "fscore", "precision", "recall", "auc",
            "auroc", "roc", "auprc", "balanced", "mcc", "matthews", "kappa", "sensitivity", "specificity", "tpr",
            "iou", "jaccard", "dice", "confusion");

    /** Identifier words that make "precision" a numeric format, not a metric ({@code mixed_precision}). */
    private static final Set<String> NUMERIC_PRECISION = Set.of("mixed", "matmul", "float", "half", "double", "amp",
            "fp16", "bf16", "fp", "numerical", "print", "set");

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** True when the source text names a metric that sees the minority class (ignoring comment lines). */
    public static boolean mentionsMinorityMetric(String text) {
        for (String line : text.split("\n")) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = WORD.matcher(line);
            while (m.find()) {
                if (!mayNameMetric(m.group())) {
                    continue;
                }
                List<String> words = words(m.group());
                for (String w : words) {
                    if (!MINORITY_WORDS.contains(w)
                            || w.equals("precision") && words.stream().anyMatch(NUMERIC_PRECISION::contains)
                            || w.equals("balanced") && !words.contains("accuracy")) {
                        continue;
                    }
                    return true;
                }
                if (words.contains("classification") && words.contains("report")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A cheap test before splitting an identifier into words: every word is a substring of the lower-cased
     * identifier, so one that contains no metric word names no metric.
     */
    private static boolean mayNameMetric(String identifier) {
        String lower = identifier.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("classification") && lower.contains("report")) {
            return true;
        }
        for (String w : MINORITY_WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

        /** {@code f1_score} is f1 + score, {@code MulticlassF1Score} is multiclass + f1 + score (digits stay). */
    static List<String> words(String identifier) {
        String split = CAMEL_HUMP.matcher(identifier).replaceAll("$1_$2");
        split = ACRONYM_END.matcher(split).replaceAll("$1_$2");
        return List.of(UNDERSCORES.split(split.toLowerCase(java.util.Locale.ROOT)));
    }

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern ACRONYM_END = Pattern.compile("([A-Z])([A-Z][a-z])");
    private static final Pattern UNDERSCORES = Pattern.compile("_+");
}
