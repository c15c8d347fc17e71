package io.jixiao.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.01", "13505200.00", "999999999999.99", "-5.5", "7"})
    void parsesPlainDecimalsToTwoPlaces(String text) {
        Money money = Money.parse(text);
        assertThat(money.amount().scale()).isEqualTo(2);
        assertThat(money.amount()).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1.001", "1e3", "1E+400", "NaN", "Infinity", "1,000.00", "１２", "+1",
            "1000000000000.00", "0x10", ".5", "1.", "--1"})
    void rejectsAnythingButAPlainDecimal(String text) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(Money.InvalidMoneyException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Money.parse(null)).isInstanceOf(Money.InvalidMoneyException.class);
    }

    @Test
    void neverRoundsAwayFen() {
        assertThatThrownBy(() -> new Money(new BigDecimal("0.005"))).isInstanceOf(Money.InvalidMoneyException.class);
        assertThat(new Money(new BigDecimal("1.500")).toString()).isEqualTo("1.50");
    }

    @Test
    void addsAndSubtractsExactly() {
        Money sum = Money.of("0.10").plus(Money.of("0.20"));
        assertThat(sum).isEqualTo(Money.of("0.30"));
        assertThat(sum.minus(Money.of("0.30"))).isEqualTo(Money.ZERO);
        assertThat(Money.of("2.00").isGreaterThan(Money.of("1.99"))).isTrue();
    }
}
