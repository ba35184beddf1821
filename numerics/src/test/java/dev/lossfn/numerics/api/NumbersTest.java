package dev.lossfn.numerics.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void specialValuesAreSpelledAsUsersSeeThem() {
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Numbers.format(-0.0)).isEqualTo("0");
    }

    @Test
    void fiveSignificantDigitsAndNoFalseWholeNumbers() {
        assertThat(Numbers.format(1.4612)).isEqualTo("1.4612");
        assertThat(Numbers.format(100.0)).isEqualTo("100");
        assertThat(Numbers.format(-104.0)).isEqualTo("-104");
        assertThat(Numbers.format(0.99999970197)).isEqualTo("0.999999702");
        assertThat(Numbers.format(6.3762e8)).isEqualTo("6.3762e8");
        assertThat(Numbers.format(-5.0444e-6)).isEqualTo("-5.0444e-6");
        assertThat(Numbers.format(1.4013e-45)).isEqualTo("1.4013e-45");
    }

    @Test
    void approximateValuesForSentences() {
        assertThat(Numbers.approx(10.0000002)).isEqualTo("10");
        assertThat(Numbers.approx(0.44985)).isEqualTo("0.45");
        assertThat(Numbers.approx(66.008)).isEqualTo("66");
        assertThat(Numbers.approx(Double.NaN)).isEqualTo("NaN");
    }
}
