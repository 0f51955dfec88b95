package dev.fabricmcp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    @Test
    void keepsTheVendorsInFabricsOrder() {
        // Enough vendors that a hash order matching Fabric's by chance is out of the question.
        Map<String, List<String>> vendors = new LinkedHashMap<>();
        for (int i = 20; i > 0; i--) {
            vendors.put("Vendor" + i, List.of("model-" + i));
        }

        ModelCatalog catalog = new ModelCatalog(List.of(), vendors);

        assertEquals(new ArrayList<>(vendors.keySet()), new ArrayList<>(catalog.vendors().keySet()));
    }
}
