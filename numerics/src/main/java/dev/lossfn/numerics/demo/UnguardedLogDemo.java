package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.at;
import static dev.lossfn.numerics.demo.Nd.f32;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LF302: -log(p) of a probability that reached 0, or the smallest float32, in loss code. */
public final class UnguardedLogDemo implements Demo {
    /** 0 and the smallest positive float32 (a denormal). */
    static final double[] P = {0.0, Float.MIN_VALUE};
    static final double EPS = 1e-7;

    @Override
    public String code() {
        return "LF302";
    }

    @Override
    public Demonstration run() {
        INDArray p = f32(P);
        INDArray naive = Transforms.log(p, true).negi();
        INDArray naiveGrad = Transforms.pow(p, -1.0, true).negi();
        INDArray shifted = Transforms.log(p.add(EPS), false).negi();
        INDArray shiftedGrad = Transforms.pow(p.add(EPS), -1.0, false).negi();
        List<Row> rows = List.of(
                row("-log(p), float32", "", P[0], at(naive, 0), at(naiveGrad, 0)),
                row("-log(p), float32", "the gradient overflows", P[1], at(naive, 1), at(naiveGrad, 1)),
                row("-log(p + 1e-7), float32", "", P[0], at(shifted, 0), at(shiftedGrad, 0)),
                row("-log(p + 1e-7), float32", "", P[1], at(shifted, 1), at(shiftedGrad, 1)));
        return new Demonstration(code(), "log of a value that can be 0",
                "float32 probabilities p = 0 and p = 1.4e-45 (the smallest float32) in -log(p)",
                List.of("p", "loss", "dloss/dp"), rows,
                "The unguarded log gives loss " + format(at(naive, 0)) + " at p = 0 and a gradient of "
                        + format(at(naiveGrad, 1)) + " even at the smallest positive float32; with eps inside the log "
                        + "the loss is at most " + format(at(shifted, 0)) + " with a finite gradient "
                        + "(better still: stay in log space with log_softmax or logsigmoid).");
    }
}
