package dev.lossfn.rules.catalog;

import dev.lossfn.core.analysis.FrameworkCatalog;
import dev.lossfn.core.analysis.Kind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** All framework catalogs as one: each question goes to every catalog, the first answer wins. */
public final class Catalogs implements FrameworkCatalog {
    private final List<FrameworkCatalog> parts;

    private Catalogs(List<FrameworkCatalog> parts) {
        this.parts = parts;
    }

    public static FrameworkCatalog all() {
        return new Catalogs(List.of(new TorchCatalog(), new KerasJaxCatalog(), new JavaCatalog()));
    }

    private <T> Optional<T> first(Function<FrameworkCatalog, Optional<T>> q) {
        for (FrameworkCatalog c : parts) {
            Optional<T> v = q.apply(c);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private boolean any(java.util.function.Predicate<FrameworkCatalog> q) {
        return parts.stream().anyMatch(q);
    }

    @Override
    public String canonical(String q) {
        String out = q;
        for (FrameworkCatalog c : parts) {
            out = c.canonical(out);
        }
        return out;
    }

    @Override
    public Optional<Kind> functionProduces(String q) {
        return first(c -> c.functionProduces(q));
    }

    @Override
    public Optional<Kind> methodProduces(String m) {
        return first(c -> c.methodProduces(m));
    }

    @Override
    public boolean methodKeepsKind(String m) {
        return any(c -> c.methodKeepsKind(m));
    }

    @Override
    public boolean functionKeepsKind(String q) {
        return any(c -> c.functionKeepsKind(q));
    }

    @Override
    public boolean appliesModule(String q) {
        return any(c -> c.appliesModule(q));
    }

    @Override
    public Optional<Layer> layer(String cls) {
        return first(c -> c.layer(cls));
    }

    @Override
    public Optional<String> lossCategory(String q) {
        return first(c -> c.lossCategory(q));
    }

    @Override
    public Optional<String> castsTo(String m) {
        return first(c -> c.castsTo(m));
    }

    @Override
    public Optional<String> resultDtype(String q) {
        return first(c -> c.resultDtype(q));
    }

    @Override
    public boolean isNoGradContext(String q) {
        return any(c -> c.isNoGradContext(q));
    }

    @Override
    public boolean knows(String q) {
        return any(c -> c.knows(q));
    }

    @Override
    public boolean isClass(String q) {
        return parts.get(0).isClass(q);
    }
}
