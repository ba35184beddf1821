package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.analysis.Kind;
import java.util.Map;
import java.util.Optional;

/**
 * TensorFlow/Keras and JAX names: {@code tf.keras.*} and {@code tensorflow.keras.*} are Keras
 * ({@code keras/src/activations/activations.py}, {@code keras/src/losses/losses.py}); the
 * probability-producing functions of {@code jax.nn} ({@code jax/_src/nn/functions.py}) and
 * {@code tf.nn}/{@code tf.math} ({@code tensorflow/python/ops/nn_ops.py}, {@code math_ops.py}).
 */
public final class KerasJaxCatalog implements FrameworkCatalog {

    static final Map<String, Kind> FUNCTIONS = Map.ofEntries(
            Map.entry("jax.nn.sigmoid", Kind.SIGMOID_PROB),
            Map.entry("jax.nn.softmax", Kind.SOFTMAX_PROB),
            Map.entry("jax.nn.log_softmax", Kind.LOG_PROB),
            Map.entry("jax.nn.log_sigmoid", Kind.LOG_PROB),
            Map.entry("jax.nn.one_hot", Kind.ONE_HOT),
            Map.entry("tensorflow.nn.softmax", Kind.SOFTMAX_PROB),
            Map.entry("tensorflow.math.softmax", Kind.SOFTMAX_PROB),
            Map.entry("tensorflow.nn.sigmoid", Kind.SIGMOID_PROB),
            Map.entry("tensorflow.math.sigmoid", Kind.SIGMOID_PROB),
            Map.entry("tensorflow.sigmoid", Kind.SIGMOID_PROB),
            Map.entry("tensorflow.nn.log_softmax", Kind.LOG_PROB),
            Map.entry("tensorflow.one_hot", Kind.ONE_HOT),
            Map.entry("keras.utils.to_categorical", Kind.ONE_HOT),
            Map.entry("keras.activations.softmax", Kind.SOFTMAX_PROB),
            Map.entry("keras.activations.sigmoid", Kind.SIGMOID_PROB));

    @Override
    public String canonical(String q) {
        for (String prefix : new String[] {"tensorflow.keras.", "tensorflow.python.keras.", "keras.src."}) {
            if (q.startsWith(prefix)) {
                return "keras." + q.substring(prefix.length());
            }
        }
        if (q.startsWith("optax.losses.")) {
            return "optax." + q.substring("optax.losses.".length());
        }
        return q;
    }

    @Override
    public Optional<Kind> functionProduces(String q) {
        return Optional.ofNullable(FUNCTIONS.get(q));
    }

    @Override
    public Optional<Kind> methodProduces(String method) {
        return Optional.empty();
    }

    @Override
    public boolean methodKeepsKind(String method) {
        return false;
    }

    @Override
    public boolean functionKeepsKind(String q) {
        return false;
    }

    @Override
    public boolean appliesModule(String q) {
        return false;
    }

    @Override
    public Optional<Layer> layer(String cls) {
        return Optional.empty();
    }

    @Override
    public Optional<String> lossCategory(String q) {
        return Optional.empty();
    }

    @Override
    public Optional<String> castsTo(String methodOrName) {
        return Optional.empty();
    }

    @Override
    public Optional<String> resultDtype(String q) {
        return Optional.empty();
    }

    @Override
    public boolean isNoGradContext(String q) {
        return false;
    }

    @Override
    public boolean knows(String q) {
        return FUNCTIONS.containsKey(q);
    }

    @Override
    public boolean isClass(String q) {
        int dot = q.lastIndexOf('.');
        String last = q.substring(dot + 1);
        return !last.isEmpty() && Character.isUpperCase(last.charAt(0));
    }
}
