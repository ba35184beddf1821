package dev.lossfn.core.analysis;

import java.util.Optional;

/**
 * Framework knowledge the value analysis needs: which calls produce which tensor kinds, which
 * preserve them, what layers do. The rules module provides the tables; the analysis only asks.
 * Qualified names are canonical ({@link #canonical} is applied first).
 */
public interface FrameworkCatalog {

    /** What a layer (a module class) does to its input when called. */
    enum LayerEffect {
        /** produces a tensor of {@link Layer#produces()} */
        PRODUCES,
        /** returns its input unchanged in kind (dropout, identity, flatten) */
        KEEPS,
        /** applies its constructor arguments in order ({@code nn.Sequential}) */
        SEQUENCE
    }

    record Layer(LayerEffect effect, Kind produces) {}

    /** Maps an alias spelling to the canonical name ({@code torch.nn.modules.loss.BCELoss} to {@code torch.nn.BCELoss}). */
    String canonical(String qualifiedName);

    /** The kind a call of this library function produces ({@code torch.sigmoid}: SIGMOID_PROB). */
    Optional<Kind> functionProduces(String qualifiedName);

    /** The kind a tensor method produces ({@code x.softmax(1)}: SOFTMAX_PROB). */
    Optional<Kind> methodProduces(String method);

    /** True for tensor methods that return the same kind of tensor ({@code squeeze}, {@code view}, {@code float}). */
    boolean methodKeepsKind(String method);

    /** True for library functions that return their first argument's kind ({@code torch.squeeze}, {@code nn.DataParallel}). */
    boolean functionKeepsKind(String qualifiedName);

    /**
     * True for functions that call their first argument (a module) on their second
     * ({@code nn.parallel.data_parallel(module, inputs)}).
     */
    boolean appliesModule(String qualifiedName);

    /** What calling an instance of this library class does, if known. */
    Optional<Layer> layer(String qualifiedClassName);

    /**
     * The category of loss a call of this function, or of an instance of this class, computes
     * ({@code classification}, {@code regression}, {@code divergence}); empty for anything else.
     */
    Optional<String> lossCategory(String qualifiedName);

    /** The dtype a tensor method or function casts to ({@code float()}: "float", {@code long()}: "long"), if it casts. */
    Optional<String> castsTo(String methodOrFunction);

    /** The dtype of the tensor a library function returns, when fixed ({@code F.one_hot}: "long"). */
    Optional<String> resultDtype(String qualifiedName);

    /** True for library calls that open a context without gradients ({@code torch.no_grad}). */
    boolean isNoGradContext(String qualifiedName);

    /** True when the catalogs know this qualified name (to resolve wildcard imports). */
    boolean knows(String qualifiedName);

    /** True when the name denotes a class (so calling it constructs an instance). */
    boolean isClass(String qualifiedName);
}
