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
        // flax.linen re-exports the activations of jax.nn (flax/linen/__init__.py)
        if (q.startsWith("flax.linen.") && FLAX_ACTIVATIONS.contains(q.substring("flax.linen.".length()))) {
            return "jax.nn." + q.substring("flax.linen.".length());
        }
        return q;
    }

    private static final java.util.Set<String> FLAX_ACTIVATIONS = java.util.Set.of("softmax", "sigmoid", "log_softmax",
            "log_sigmoid", "one_hot");

    /** flax.linen and flax.nnx layers ({@code flax/linen/linear.py}, {@code flax/nnx/nn/linear.py}). */
    private static final Map<String, Layer> LAYERS = Map.of(
            "flax.linen.Dense", new Layer(LayerEffect.PRODUCES, Kind.LOGITS),
            "flax.linen.DenseGeneral", new Layer(LayerEffect.PRODUCES, Kind.LOGITS),
            "flax.linen.Conv", new Layer(LayerEffect.PRODUCES, Kind.LOGITS),
            "flax.nnx.Linear", new Layer(LayerEffect.PRODUCES, Kind.LOGITS),
            "flax.nnx.Conv", new Layer(LayerEffect.PRODUCES, Kind.LOGITS),
            "flax.linen.Dropout", new Layer(LayerEffect.KEEPS, null),
            "flax.nnx.Dropout", new Layer(LayerEffect.KEEPS, null),
            "flax.linen.Sequential", new Layer(LayerEffect.SEQUENCE, null));

    @Override
    public Optional<Layer> layer(String cls) {
        return Optional.ofNullable(LAYERS.get(cls));
    }

    @Override
    public Optional<Kind> functionProduces(String q) {
        return Optional.ofNullable(FUNCTIONS.get(q));
    }

    @Override
    public boolean knows(String q) {
        return FUNCTIONS.containsKey(q);
    }

}
