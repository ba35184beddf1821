package dev.lossfn.numerics.demo;

import dev.lossfn.numerics.api.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shorthands for the demonstrations: float32 arrays, scalars out of arrays, rows. */
final class Nd {
    private Nd() {}

    /** A float32 vector (each value rounded to float32 as a training script would hold it). */
    static INDArray f32(double... v) {
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    /** A float32 [rows, cols] matrix. */
    static INDArray f32(double[][] v) {
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    /** A [1, n] float32 row. */
    static INDArray f32row(double... v) {
        return f32(v).reshape(1, v.length);
    }

    /** Element {@code i} of a vector (0 for a scalar). */
    static double at(INDArray a, int i) {
        return a.getDouble(i);
    }

    /** The value of a scalar array. */
    static double s(INDArray a) {
        return a.getDouble(0);
    }

    /** A value that marks a column that does not apply to a row (shown as a dash). */
    static final double NOT_APPLICABLE = -Double.MAX_VALUE;

    /** A table row; {@link #NOT_APPLICABLE} values become empty cells. */
    static Row row(String form, String note, double... values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v == NOT_APPLICABLE ? null : v);
        }
        return new Row(form, list, note);
    }

    /** A float32 [rows, cols] matrix of standard normal numbers from a fixed-seed generator. */
    static INDArray gaussian(Random rnd, int rows, int cols, double scale) {
        double[][] v = new double[rows][cols];
        for (double[] r : v) {
            for (int j = 0; j < cols; j++) {
                r[j] = rnd.nextGaussian() * scale;
            }
        }
        return f32(v);
    }
}
