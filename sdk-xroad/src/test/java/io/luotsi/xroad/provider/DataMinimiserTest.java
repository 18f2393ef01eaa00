package io.luotsi.xroad.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataMinimiserTest {

    record Income(int year, int amount, String employer) {
    }

    record Address(String street, String city) {
    }

    record Person(String id, String firstName, String lastName, Address address, List<Income> incomes,
                  String healthNotes) {
    }

    static final Person AINO = new Person("p-1", "Aino", "Virtanen", new Address("Mannerheimintie 1", "Helsinki"),
            List.of(new Income(2024, 41000, "Acme"), new Income(2025, 43000, "Acme")), "allergic");

    static final DataMinimiser MINIMISER = DataMinimiser.builder()
            .always("$.id")
            .category("name", "$.firstName", "$.lastName")
            .category("address", "$.address")
            .category("income", "$.incomes[*].year", "$.incomes[*].amount")
            .build();

    private static String json(Set<String> categories) {
        return new String(MINIMISER.minimiseToJson(AINO, categories), StandardCharsets.UTF_8);
    }

    @Test
    void keepsOnlyTheGrantedCategoriesAndTheAlwaysKeptPaths() {
        assertThat(json(Set.of("name"))).isEqualTo("{\"id\":\"p-1\",\"firstName\":\"Aino\",\"lastName\":\"Virtanen\"}");
        assertThat(json(Set.of("address"))).isEqualTo(
                "{\"id\":\"p-1\",\"address\":{\"street\":\"Mannerheimintie 1\",\"city\":\"Helsinki\"}}");
    }

    @Test
    void keepsChosenFieldsOfEveryArrayElement() {
        assertThat(json(Set.of("income"))).isEqualTo("{\"id\":\"p-1\",\"incomes\":[{\"year\":2024,\"amount\":41000},"
                + "{\"year\":2025,\"amount\":43000}]}");
    }

    @Test
    void removesFieldsNoCategoryNamesAndUnknownCategoriesGrantNothing() {
        String all = json(Set.of("name", "address", "income", "health"));
        assertThat(all).doesNotContain("healthNotes").doesNotContain("allergic").doesNotContain("employer");
        assertThat(json(Set.of())).isEqualTo("{\"id\":\"p-1\"}");
    }

    @Test
    void returnsATreeForFurtherWork() {
        Object tree = MINIMISER.minimise(Map.of("firstName", "A", "extra", "x"), Set.of("name"));
        assertThat(tree).isEqualTo(Map.of("firstName", "A"));
        assertThat(MINIMISER.minimise(null, Set.of("name"))).isNull();
        assertThat(DataMinimiser.builder().category("all", "$").build().minimise(Map.of("a", 1), Set.of("all")))
                .isEqualTo(Map.of("a", 1));
    }

    @Test
    void refusesMalformedPaths() {
        for (String bad : new String[] {"firstName", "$.a b", "$..x", "$.x[0]", "$.x["}) {
            assertThatThrownBy(() -> DataMinimiser.builder().category("c", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
