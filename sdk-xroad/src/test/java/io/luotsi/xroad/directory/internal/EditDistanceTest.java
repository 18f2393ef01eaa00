package io.luotsi.xroad.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsAndSubstitutionsIgnoringCase() {
        assertThat(EditDistance.distance("persons", "persns", 3)).isEqualTo(1);
        assertThat(EditDistance.distance("persons", "Persons", 3)).isZero();
        assertThat(EditDistance.distance("kitten", "sitting", 3)).isEqualTo(3);
        assertThat(EditDistance.distance("abc", "abc", 0)).isZero();
    }

    @Test
    void stopsAtTheLimit() {
        assertThat(EditDistance.distance("kitten", "sitting", 2)).isEqualTo(3);
        assertThat(EditDistance.distance("a", "abcdefgh", 3)).isEqualTo(4);
    }

    @Test
    void suggestsTheClosestFirstWithinAThirdOfTheLength() {
        List<EditDistance.Candidate> c = List.of(new EditDistance.Candidate("persons", "P"),
                new EditDistance.Candidate("person", "Q"), new EditDistance.Candidate("companies", "C"),
                new EditDistance.Candidate("prsns", "R"));
        assertThat(EditDistance.closest("persns", c, 5)).containsExactly("P", "R", "Q"); // 1, 1, 2
        assertThat(EditDistance.closest("persns", c, 1)).containsExactly("P");
        assertThat(EditDistance.closest("xyz", c, 5)).isEmpty();
    }
}
