package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.at;
import static dev.lossfn.numerics.demo.Nd.row;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Numbers;
import dev.lossfn.numerics.api.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LF403: float16 gradients below 2^-24 round to 0 unless the loss is scaled before backward. */
public final class Fp16WithoutGradScalerDemo implements Demo {
    static final double[] GRADIENTS = {1e-3, 1e-5, 1e-7, 3e-8, 1e-8};
    /** GradScaler's initial scale, 2^16. */
    static final double SCALE = 65536;
    static final int SAMPLE = 10_000;

    @Override
    public String code() {
        return "LF403";
    }

    /** Gradients stored in float16 without and with loss scaling, read back in float32. */
    static INDArray[] stored(INDArray g) {
        INDArray plain = g.castTo(DataType.HALF).castTo(DataType.FLOAT);
        INDArray scaled = g.mul(SCALE).castTo(DataType.HALF).castTo(DataType.FLOAT).divi(SCALE);
        return new INDArray[] {plain, scaled};
    }

    /** Share of {@code SAMPLE} gradients, log-uniform in [1e-10, 1e-2], that become exactly 0. */
    static double[] zeroShare() {
        Random rnd = new Random(3);
        double[] v = new double[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            v[i] = Math.pow(10, -10 + 8 * rnd.nextDouble());
        }
        INDArray[] s = stored(Nd4j.createFromArray(v).castTo(DataType.FLOAT));
        return new double[] {s[0].eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue(),
            s[1].eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue()};
    }

    @Override
    public Demonstration run() {
        INDArray g = Nd.f32(GRADIENTS);
        INDArray[] s = stored(g);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < GRADIENTS.length; i++) {
            rows.add(row("float16 gradient, no scaler", "", at(g, i), at(s[0], i)));
        }
        for (int i = 0; i < GRADIENTS.length; i++) {
            rows.add(row("float16 gradient of loss x 2^16, unscaled in float32", "", at(g, i), at(s[1], i)));
        }
        double[] share = zeroShare();
        rows.add(row("share of log-uniform [1e-10, 1e-2] gradients lost, no scaler", "", Nd.NOT_APPLICABLE, share[0]));
        rows.add(row("share of log-uniform [1e-10, 1e-2] gradients lost, scaler", "", Nd.NOT_APPLICABLE, share[1]));
        return new Demonstration(code(), "float16 gradients underflow without loss scaling",
                "gradients as float32 values, stored in float16 as autocast's backward does",
                List.of("gradient", "stored"), rows,
                "Without a scaler a gradient of " + format(GRADIENTS[4]) + " is stored as " + format(at(s[0], 4))
                        + " and " + Numbers.approx(share[0] * 100) + "% of a spread of small gradients vanish; scaling by 2^16 "
                        + "keeps it (" + format(at(s[1], 4)) + ") and loses " + format(share[1] * 100) + "%.");
    }
}
