package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.analysis.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What PyTorch calls produce, keep and expect. Facts come from the PyTorch documentation and
 * sources: {@code torch/nn/functional.py} ({@code sigmoid}, {@code softmax}, {@code log_softmax},
 * {@code logsigmoid}), {@code torch/nn/modules/activation.py} ({@code Sigmoid}, {@code Softmax},
 * {@code Softmax2d}, {@code LogSoftmax}, {@code LogSigmoid}), {@code torch/nn/modules/linear.py} and
 * {@code conv.py} (affine layers: their output is an unnormalised score), {@code dropout.py},
 * {@code flatten.py}, {@code container.py} ({@code Sequential} applies its modules in order),
 * {@code torch/special} ({@code expit} is the logistic sigmoid) and {@code torch/autograd/grad_mode.py}.
 */
public final class TorchCatalog implements FrameworkCatalog {

    /** A library function whose result has a known kind. */
    record Producer(String function, Kind kind) {}

    /** A tensor method whose result has a known kind. */
    record MethodProducer(String method, Kind kind) {}

    /** A layer class and what calling an instance does. */
    record LayerSpec(String cls, LayerEffect effect, Kind kind) {}

    static final List<Producer> FUNCTIONS = List.of(
            new Producer("torch.sigmoid", Kind.SIGMOID_PROB),
            new Producer("torch.nn.functional.sigmoid", Kind.SIGMOID_PROB),
            new Producer("torch.special.expit", Kind.SIGMOID_PROB),
            new Producer("torch.softmax", Kind.SOFTMAX_PROB),
            new Producer("torch.nn.functional.softmax", Kind.SOFTMAX_PROB),
            new Producer("torch.special.softmax", Kind.SOFTMAX_PROB),
            new Producer("torch.log_softmax", Kind.LOG_PROB),
            new Producer("torch.nn.functional.log_softmax", Kind.LOG_PROB),
            new Producer("torch.special.log_softmax", Kind.LOG_PROB),
            new Producer("torch.nn.functional.logsigmoid", Kind.LOG_PROB),
            new Producer("torch.nn.functional.linear", Kind.LOGITS),
            new Producer("torch.nn.functional.one_hot", Kind.ONE_HOT),
            new Producer("torch.eye", Kind.ONE_HOT),
            new Producer("numpy.eye", Kind.ONE_HOT));

    /** Result dtypes of producers: {@code F.one_hot} returns int64, {@code eye} the default float. */
    static final Map<String, String> RESULT_DTYPES = Map.of(
            "torch.nn.functional.one_hot", "long",
            "torch.eye", "float",
            "numpy.eye", "float");

    /** Casting methods and dtype names, and what they cast to. */
    static final Map<String, String> CASTS = Map.ofEntries(
            Map.entry("float", "float"), Map.entry("double", "float"), Map.entry("half", "float"),
            Map.entry("bfloat16", "float"), Map.entry("long", "long"), Map.entry("int", "long"),
            Map.entry("torch.float", "float"), Map.entry("torch.float32", "float"), Map.entry("torch.float64", "float"),
            Map.entry("torch.float16", "float"), Map.entry("torch.half", "float"), Map.entry("torch.double", "float"),
            Map.entry("torch.bfloat16", "float"), Map.entry("torch.long", "long"), Map.entry("torch.int64", "long"));

    static final List<MethodProducer> METHODS = List.of(
            new MethodProducer("sigmoid", Kind.SIGMOID_PROB),
            new MethodProducer("sigmoid_", Kind.SIGMOID_PROB),
            new MethodProducer("softmax", Kind.SOFTMAX_PROB),
            new MethodProducer("log_softmax", Kind.LOG_PROB));

    /** Tensor (and module) methods that return the same kind of value: reshaping, casting, moving. */
    static final Set<String> KEEPING_METHODS = Set.of("squeeze", "squeeze_", "unsqueeze", "unsqueeze_", "view",
            "view_as", "reshape", "reshape_as", "flatten", "float", "double", "half", "bfloat16", "to", "cuda",
            "cpu", "contiguous", "clone", "permute", "transpose", "t", "type", "type_as", "expand", "expand_as",
            "train", "eval", "requires_grad_", "long", "int", "gather", "index_select", "masked_select",
            "take_along_dim");

    /** Functions whose result is their first argument, re-shaped or wrapped. */
    static final Set<String> KEEPING_FUNCTIONS = Set.of("torch.squeeze", "torch.unsqueeze", "torch.flatten",
            "torch.reshape", "torch.clone", "torch.nn.DataParallel", "torch.nn.parallel.DistributedDataParallel",
            "torch.compile", "torch.jit.script", "torch.gather", "torch.index_select", "torch.masked_select",
            "torch.take_along_dim");

    static final List<LayerSpec> LAYERS = List.of(
            new LayerSpec("torch.nn.Sigmoid", LayerEffect.PRODUCES, Kind.SIGMOID_PROB),
            new LayerSpec("torch.nn.Softmax", LayerEffect.PRODUCES, Kind.SOFTMAX_PROB),
            new LayerSpec("torch.nn.Softmax2d", LayerEffect.PRODUCES, Kind.SOFTMAX_PROB),
            new LayerSpec("torch.nn.LogSoftmax", LayerEffect.PRODUCES, Kind.LOG_PROB),
            new LayerSpec("torch.nn.LogSigmoid", LayerEffect.PRODUCES, Kind.LOG_PROB),
            new LayerSpec("torch.nn.Linear", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.LazyLinear", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.Bilinear", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.Conv1d", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.Conv2d", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.Conv3d", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.ConvTranspose1d", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.ConvTranspose2d", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.ConvTranspose3d", LayerEffect.PRODUCES, Kind.LOGITS),
            new LayerSpec("torch.nn.Dropout", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Dropout1d", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Dropout2d", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Dropout3d", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.AlphaDropout", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Identity", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Flatten", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Unflatten", LayerEffect.KEEPS, null),
            new LayerSpec("torch.nn.Sequential", LayerEffect.SEQUENCE, null),
            new LayerSpec("torch.nn.DataParallel", LayerEffect.KEEPS, null));

    /** Functions that call a module (argument 0) on inputs (argument 1), from {@code torch/nn/parallel/data_parallel.py}. */
    static final Set<String> MODULE_APPLICATIONS = Set.of("torch.nn.parallel.data_parallel");

    /** Context managers and decorators under which no gradient is recorded. */
    static final Set<String> NO_GRAD = Set.of("torch.no_grad", "torch.inference_mode", "torch.set_grad_enabled");

    /** Spellings that name the same object as a canonical name. */
    static final Map<String, String> ALIASES = Map.of(
            "torch.autograd.no_grad", "torch.no_grad",
            "torch.autograd.grad_mode.no_grad", "torch.no_grad",
            "torch.autograd.grad_mode.inference_mode", "torch.inference_mode",
            "torch.nn.parallel.DataParallel", "torch.nn.DataParallel",
            "torch.nn.parallel.data_parallel.DataParallel", "torch.nn.DataParallel",
            "torch.nn.parallel.distributed.DistributedDataParallel", "torch.nn.parallel.DistributedDataParallel",
            "torch.nn.parallel.data_parallel.data_parallel", "torch.nn.parallel.data_parallel",
            "torch.functional.F", "torch.nn.functional",
            "np.eye", "numpy.eye");

    private static final Map<String, Kind> FUNCTION_KINDS = FUNCTIONS.stream()
            .collect(Collectors.toMap(Producer::function, Producer::kind));
    private static final Map<String, Kind> METHOD_KINDS = METHODS.stream()
            .collect(Collectors.toMap(MethodProducer::method, MethodProducer::kind));
    private static final Map<String, LayerSpec> LAYER_SPECS = LAYERS.stream()
            .collect(Collectors.toMap(LayerSpec::cls, Function.identity()));

    @Override
    public String canonical(String q) {
        String a = ALIASES.get(q);
        if (a != null) {
            return a;
        }
        // torch.nn.modules.loss.BCELoss, torch.nn.modules.activation.Sigmoid, ... are re-exported from torch.nn
        if (q.startsWith("torch.nn.modules.")) {
            int dot = q.lastIndexOf('.');
            String last = q.substring(dot + 1);
            if (!last.isEmpty() && Character.isUpperCase(last.charAt(0))) {
                return "torch.nn." + last;
            }
        }
        return q;
    }

    @Override
    public Optional<Kind> functionProduces(String q) {
        return Optional.ofNullable(FUNCTION_KINDS.get(q));
    }

    @Override
    public Optional<Kind> methodProduces(String method) {
        return Optional.ofNullable(METHOD_KINDS.get(method));
    }

    @Override
    public boolean methodKeepsKind(String method) {
        return KEEPING_METHODS.contains(method);
    }

    @Override
    public boolean functionKeepsKind(String q) {
        return KEEPING_FUNCTIONS.contains(q);
    }

    @Override
    public Optional<String> lossCategory(String q) {
        return Losses.categoryOf(q).map(Losses.Category::label);
    }

    @Override
    public Optional<String> castsTo(String methodOrName) {
        return Optional.ofNullable(CASTS.get(methodOrName));
    }

    @Override
    public Optional<String> resultDtype(String q) {
        return Optional.ofNullable(RESULT_DTYPES.get(q));
    }

    @Override
    public boolean appliesModule(String q) {
        return MODULE_APPLICATIONS.contains(q);
    }

    @Override
    public Optional<Layer> layer(String cls) {
        LayerSpec s = LAYER_SPECS.get(cls);
        return s == null ? Optional.empty() : Optional.of(new Layer(s.effect(), s.kind()));
    }

    @Override
    public boolean isNoGradContext(String q) {
        return NO_GRAD.contains(q);
    }

    @Override
    public boolean knows(String q) {
        return FUNCTION_KINDS.containsKey(q) || LAYER_SPECS.containsKey(q) || Losses.api(q).isPresent();
    }

    @Override
    public boolean isClass(String q) {
        return LAYER_SPECS.containsKey(q) || Losses.isLossClass(q) || FrameworkCatalog.super.isClass(q);
    }
}
