package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.f32row;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** LF701: DL4J's own LossMCXENT fed by an activation that does not produce a distribution. */
public final class Dl4jActivationLossMismatchDemo implements Demo {
    static final double[] PRE = {-0.5, 1.0, 2.0};
    static final double[] SATURATED = {10, 10, 10};

    @Override
    public String code() {
        return "LF701";
    }

    static double score(double[] preOutput, IActivation activation) {
        INDArray labels = f32row(1, 0, 0);
        return new LossMCXENT().computeScoreArray(labels, f32row(preOutput), activation, null).getDouble(0);
    }

    @Override
    public Demonstration run() {
        List<Row> rows = List.of(
                row("MCXENT + IDENTITY", "log of a negative output", PRE[0], PRE[1], PRE[2],
                        score(PRE, new ActivationIdentity())),
                row("MCXENT + SIGMOID", "every class predicted", SATURATED[0], SATURATED[1], SATURATED[2],
                        score(SATURATED, new ActivationSigmoid())),
                row("MCXENT + SOFTMAX", "", PRE[0], PRE[1], PRE[2], score(PRE, new ActivationSoftmax())),
                row("MCXENT + SOFTMAX", "", SATURATED[0], SATURATED[1], SATURATED[2],
                        score(SATURATED, new ActivationSoftmax())));
        return new Demonstration(code(), "DL4J LossMCXENT needs a softmax in front of it",
                "DL4J LossMCXENT.computeScoreArray, label class 0 of 3, float32 pre-activations",
                List.of("z0", "z1", "z2", "loss"), rows,
                "With IDENTITY the score is " + format(rows.get(0).values().get(3)) + " (log of " + format(PRE[0])
                        + "), with SIGMOID a prediction of every class scores " + format(rows.get(1).values().get(3))
                        + " (nearly perfect); SOFTMAX gives " + format(rows.get(2).values().get(3)) + " and "
                        + format(rows.get(3).values().get(3)) + ", the honest values.");
    }
}
