package kz.taza.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import kz.taza.events.common.KpiGranularity;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiTarget;

/**
 * The KPI catalogue as the documents show it: a Markdown table per owning service (its README's "KPIs" section) and
 * the {@code x-taza-kpis} list of the {@code kpi.values.v1} channel in {@code docs/asyncapi.yaml}. Each document holds
 * its block between two marker lines; {@link #drift} compares what is there with what the catalogue gives and, when
 * they differ, says what to paste.
 */
final class KpiDocs {

    static final String BEGIN = "kpi-catalogue:begin";
    static final String END = "kpi-catalogue:end";
    private static final String GENERATED = " (generated from kz.taza.contracts.KpiCatalogue; KpiDocsTest prints it"
            + " when it drifts)";

    private KpiDocs() {
    }

    /** The repository root (the build passes it; a run from an IDE in a module directory finds it one level up). */
    static Path root() {
        String configured = System.getProperty("taza.root.dir");
        return (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** The KPI table of a service's README, markers included. */
    static String markdownTable(List<KpiDefinition> kpis) {
        StringBuilder md = new StringBuilder("<!-- " + BEGIN + GENERATED + " -->\n")
                .append("| kpiId | meaning | unit | periods | scopes | target |\n")
                .append("|---|---|---|---|---|---|\n");
        for (KpiDefinition kpi : kpis) {
            md.append("| `").append(kpi.id()).append("` | ").append(kpi.meaning()).append(" | `")
                    .append(kpi.unit().wire()).append("` | ")
                    .append(kpi.granularities().stream().map(KpiGranularity::name).collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(kpi.scopes().stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(targets(kpi)).append(" |\n");
        }
        return md.append("<!-- " + END + " -->\n").toString();
    }

    /** The {@code x-taza-kpis} block of the KPI channel, markers included, indented as a key of the channel. */
    static String asyncApiBlock(List<KpiDefinition> kpis) {
        String in = "    ";
        StringBuilder yaml = new StringBuilder(in + "# " + BEGIN + GENERATED + "\n")
                .append(in).append("x-taza-kpis:\n");
        for (KpiDefinition kpi : kpis) {
            yaml.append(in).append("- id: ").append(kpi.id()).append('\n')
                    .append(in).append("  meaning: ").append(quoted(kpi.meaning())).append('\n')
                    .append(in).append("  unit: ").append(kpi.unit().wire()).append('\n')
                    .append(in).append("  granularities: [")
                    .append(kpi.granularities().stream().map(KpiGranularity::name).collect(Collectors.joining(", ")))
                    .append("]\n")
                    .append(in).append("  scopes: [")
                    .append(kpi.scopes().stream().map(KpiDocs::quoted).collect(Collectors.joining(", ")))
                    .append("]\n");
            if (kpi.targets().isEmpty()) {
                yaml.append(in).append("  targets: []\n");
            } else {
                yaml.append(in).append("  targets:\n");
                for (KpiTarget target : kpi.targets()) {
                    yaml.append(in).append("  - value: ").append(plain(target.value())).append('\n');
                    if (target.scope() != null) {
                        yaml.append(in).append("    scope: ").append(quoted(target.scope())).append('\n');
                    }
                    if (target.granularity() != null) {
                        yaml.append(in).append("    granularity: ").append(target.granularity().name()).append('\n');
                    }
                }
            }
            yaml.append(in).append("  owner: ").append(kpi.owner()).append('\n');
        }
        return yaml.append(in).append("# ").append(END).append('\n').toString();
    }

    /**
     * What is wrong with the block of a document: empty when the text between (and including) the marker lines is the
     * expected block; otherwise a message that names the file and carries the block to paste.
     */
    static Optional<String> drift(String document, String expected, String file) {
        Optional<String> found = block(document);
        if (found.isEmpty()) {
            return Optional.of(file + " has no KPI block (lines with " + BEGIN + " and " + END
                    + "); add this where the KPIs are described:\n" + expected);
        }
        if (!found.get().equals(expected)) {
            return Optional.of(file + ": the KPI block differs from the KPI catalogue; replace it with:\n" + expected);
        }
        return Optional.empty();
    }

    /** The lines from the one containing the begin marker to the one containing the end marker, both included. */
    static Optional<String> block(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            return Optional.empty();
        }
        int from = document.lastIndexOf('\n', begin) + 1;
        int to = document.indexOf('\n', end);
        return Optional.of(document.substring(from, to < 0 ? document.length() : to + 1));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String targets(KpiDefinition kpi) {
        if (kpi.targets().isEmpty()) {
            return "—";
        }
        return kpi.targets().stream().map(t -> {
            String where = List.of(Optional.ofNullable(t.scope()), Optional.ofNullable(t.granularity()).map(Enum::name))
                    .stream().flatMap(Optional::stream).collect(Collectors.joining(", "));
            return grouped(t.value()) + (where.isEmpty() ? "" : " (" + where + ")");
        }).collect(Collectors.joining("; "));
    }

    private static String grouped(double value) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
