package dev.lossfn.core.analysis;

import java.util.Optional;

/**
 * Framework knowledge the value analysis needs: which calls produce which tensor kinds, which
 * preserve them, what layers do. The rules module provides the tables; the analysis only asks.
 * Qualified names are canonical ({@link #canonical} is applied first). Every question has a
 * "nothing known" default, so a catalog states only what its frameworks define.
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
    default String canonical(String qualifiedName) {
        return qualifiedName;
    }

    /** The kind a call of this library function produces ({@code torch.sigmoid}: SIGMOID_PROB). */
    default Optional<Kind> functionProduces(String qualifiedName) {
        return Optional.empty();
    }

    /** The kind a tensor method produces ({@code x.softmax(1)}: SOFTMAX_PROB). */
    default Optional<Kind> methodProduces(String method) {
        return Optional.empty();
    }

    /** True for tensor methods that return the same kind of tensor ({@code squeeze}, {@code view}, {@code float}). */
    default boolean methodKeepsKind(String method) {
        return false;
    }

    /** True for library functions that return their first argument's kind ({@code torch.squeeze}, {@code nn.DataParallel}). */
    default boolean functionKeepsKind(String qualifiedName) {
        return false;
    }

    /**
     * True for functions that call their first argument (a module) on their second
     * ({@code nn.parallel.data_parallel(module, inputs)}).
     */
    default boolean appliesModule(String qualifiedName) {
        return false;
    }

    /** What calling an instance of this library class does, if known. */
    default Optional<Layer> layer(String qualifiedClassName) {
        return Optional.empty();
    }

    /**
     * The category of loss a call of this function, or of an instance of this class, computes
     * ({@code classification}, {@code regression}, {@code divergence}); empty for anything else.
     */
    default Optional<String> lossCategory(String qualifiedName) {
        return Optional.empty();
    }

    /** The dtype a tensor method or function casts to ({@code float()}: "float", {@code long()}: "long"), if it casts. */
    default Optional<String> castsTo(String methodOrFunction) {
        return Optional.empty();
    }

    /** The dtype of the tensor a library function returns, when fixed ({@code F.one_hot}: "long"). */
    default Optional<String> resultDtype(String qualifiedName) {
        return Optional.empty();
    }

    /** True for library calls that open a context without gradients ({@code torch.no_grad}). */
    default boolean isNoGradContext(String qualifiedName) {
        return false;
    }

    /** True when the catalogs know this qualified name (to resolve wildcard imports). */
    default boolean knows(String qualifiedName) {
        return false;
    }

    /** True when the name denotes a class (so calling it constructs an instance): by default, a capitalised last name. */
    default boolean isClass(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        String last = qualifiedName.substring(dot + 1);
        return !last.isEmpty() && Character.isUpperCase(last.charAt(0));
    }
}
