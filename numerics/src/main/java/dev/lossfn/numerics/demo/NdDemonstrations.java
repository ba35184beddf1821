package dev.lossfn.numerics.demo;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Demonstrations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The {@link Demonstrations} service backed by ND4J; registered for {@link java.util.ServiceLoader}. */
public final class NdDemonstrations implements Demonstrations {

    @Override
    public List<String> codes() {
        return List.copyOf(Catalog.demos().keySet());
    }

    @Override
    public Optional<Demonstration> run(String code) {
        Demo d = Catalog.demos().get(code.toUpperCase(Locale.ROOT));
        return d == null ? Optional.empty() : Optional.of(d.run());
    }

    @Override
    public Optional<String> whyNotNumerical(String code) {
        return Catalog.whyNotNumerical(code.toUpperCase(Locale.ROOT));
    }

    /** Also loads the native back end and runs one operation, so that start-up is paid here. */
    @Override
    public String backend() {
        Transforms.log(Transforms.sigmoid(Nd4j.ones(DataType.FLOAT, 2), false), false);
        String version = Nd4j.class.getPackage().getImplementationVersion();
        return "ND4J " + (version == null ? "" : version + " ") + "(" + Nd4j.getBackend().getClass().getSimpleName()
                + ", float32 unless a row says otherwise)";
    }
}
