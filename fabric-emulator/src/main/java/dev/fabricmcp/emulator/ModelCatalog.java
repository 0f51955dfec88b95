package dev.fabricmcp.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configured AI vendors, their models and Fabric's {@code DEFAULT_VENDOR}/{@code DEFAULT_MODEL}: what
 * {@code GET /models/names} lists and what {@code /chat} resolves {@code vendor}/{@code model} against.
 *
 * <p>Vendor order is insertion order (Fabric's is the nondeterministic order in which its concurrent
 * model listings finish); models within a vendor are listed sorted case-insensitively, as Fabric does.
 * A catalog with no vendors makes {@code /models/names} answer 500
 * {@code {"error":"Server failed to retrieve model names"}}; vendors that all have empty lists give
 * {@code "models":null}.
 *
 * @param vendors       vendor display name (e.g. {@code LiteLLM}) to model names
 * @param defaultVendor Fabric's {@code DEFAULT_VENDOR}, may be empty
 * @param defaultModel  Fabric's {@code DEFAULT_MODEL}, may be empty
 */
public record ModelCatalog(Map<String, List<String>> vendors, String defaultVendor, String defaultModel) {

    /** Which vendor and model a prompt ends up with, or the {@code Error: ...} text Fabric would stream. */
    record Resolution(String vendor, String model, String error) {
    }

    public ModelCatalog {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(vendors, "vendors").forEach((vendor, models) -> {
            List<String> sorted = new ArrayList<>(models == null ? List.of() : models);
            sorted.sort(String.CASE_INSENSITIVE_ORDER);
            copy.put(Objects.requireNonNull(vendor, "vendor name"), List.copyOf(sorted));
        });
        vendors = Collections.unmodifiableMap(copy);
        defaultVendor = Objects.requireNonNullElse(defaultVendor, "");
        defaultModel = Objects.requireNonNullElse(defaultModel, "");
    }

    /** {@code LiteLLM: fake-model, other-model} and {@code Ollama: llama3:latest}; defaults LiteLLM/fake-model. */
    public static ModelCatalog defaults() {
        return empty().withVendor("LiteLLM", "fake-model", "other-model")
                .withVendor("Ollama", "llama3:latest")
                .withDefaults("LiteLLM", "fake-model");
    }

    /** No vendor at all (as when no vendor's environment variables are set). */
    public static ModelCatalog empty() {
        return new ModelCatalog(Map.of(), "", "");
    }

    /** Returns a copy with {@code vendor} listing {@code models} (replacing an earlier entry). */
    public ModelCatalog withVendor(String vendor, String... models) {
        Map<String, List<String>> copy = new LinkedHashMap<>(vendors);
        copy.put(vendor, List.of(models));
        return new ModelCatalog(copy, defaultVendor, defaultModel);
    }

    /** Returns a copy with other {@code DEFAULT_VENDOR}/{@code DEFAULT_MODEL} values. */
    public ModelCatalog withDefaults(String vendor, String model) {
        return new ModelCatalog(vendors, vendor, model);
    }

    /** The {@code /models/names} body, or {@code null} when no vendor is configured (Fabric answers 500). */
    Map<String, Object> namesBody() {
        if (vendors.isEmpty()) {
            return null;
        }
        List<String> all = new ArrayList<>();
        vendors.values().forEach(all::addAll);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", all.isEmpty() ? null : all);
        body.put("vendors", vendors);
        return body;
    }

    /** Fabric's {@code GetChatter} choice of vendor and model for a prompt's {@code vendor}/{@code model}. */
    Resolution resolve(String vendorName, String model) {
        String vendor = null;
        String chosenModel;
        if (model.isEmpty()) {
            vendor = findVendor(vendorName.isEmpty() ? defaultVendor : vendorName);
            chosenModel = defaultModel;
        } else {
            if (vendors.isEmpty()) {
                return new Resolution(null, null, "Error: no AI vendors configured to read models from");
            }
            String actual = findModel(model);
            if (actual != null) {
                model = actual;
            }
            if (!vendorName.isEmpty()) {
                vendor = findVendor(vendorName);
                if (vendor == null || !listsModel(vendor, model)) {
                    return new Resolution(null, null,
                            "Error: model " + model + " not available for vendor " + vendorName);
                }
            } else {
                int slash = model.indexOf('/');
                if (actual == null && slash > 0 && findVendor(model.substring(0, slash)) != null) {
                    vendor = findVendor(model.substring(0, slash));
                    model = model.substring(slash + 1);
                    String normalized = findModel(model);
                    if (normalized != null) {
                        model = normalized;
                    }
                }
                if (vendor == null) {
                    vendor = firstVendorListing(model);
                }
            }
            chosenModel = model;
        }
        if (vendor == null) {
            vendor = findVendor(vendorName.isEmpty() ? defaultVendor : vendorName);
        }
        if (vendor == null) {
            String hint = defaultModel.isEmpty() || defaultVendor.isEmpty()
                    ? "please run 'fabric --setup' and select default model and vendor"
                    : "could not find vendor";
            return new Resolution(null, null, "Error:  Requested Model = " + chosenModel + "\n Default Model = "
                    + defaultModel + "\n Default Vendor = " + defaultVendor + ".\n\n" + hint);
        }
        return new Resolution(vendor, chosenModel, null);
    }

    private String findVendor(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return vendors.keySet().stream().filter(v -> v.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private String findModel(String model) {
        return vendors.values().stream().flatMap(List::stream).filter(m -> m.equalsIgnoreCase(model))
                .findFirst().orElse(null);
    }

    private boolean listsModel(String vendor, String model) {
        return vendors.get(vendor).stream().anyMatch(m -> m.equalsIgnoreCase(model));
    }

    private String firstVendorListing(String model) {
        return vendors.keySet().stream().filter(v -> listsModel(v, model)).findFirst().orElse(null);
    }
}
