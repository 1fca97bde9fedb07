package kz.taza.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL expressions of the umbrella chart's monitoring (the Grafana dashboard's panels and the PrometheusRule's
 * alerts, as written in {@code helm/taza}) and the metric names they read.
 */
final class MonitoringQueries {

    static final Path DASHBOARD = Path.of("helm", "taza", "files", "monitoring", "taza-dashboard.json");
    static final Path ALERTS = Path.of("helm", "taza", "templates", "monitoring.yaml");

    /** Series Prometheus makes itself for every target, which no service exports. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{.*?}}");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    private MonitoringQueries() {
    }

    /** Every expression of the dashboard's panels and of the alerts. */
    static List<String> expressions(Path repositoryRoot) {
        List<String> all = new ArrayList<>();
        try {
            JsonNode dashboard = JsonMapper.builder().build().readTree(
                    Files.readString(repositoryRoot.resolve(DASHBOARD)));
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    all.add(target.get("expr").asString());
                }
            }
            StringBuilder alert = null;
            for (String line : Files.readAllLines(repositoryRoot.resolve(ALERTS))) {
                String trimmed = line.trim();
                if (alert != null && (trimmed.startsWith("for:") || trimmed.startsWith("labels:"))) {
                    all.add(alert.toString());
                    alert = null;
                } else if (alert != null) {
                    alert.append(' ').append(trimmed);
                } else if (trimmed.startsWith("expr:")) {
                    alert = new StringBuilder(trimmed.substring("expr:".length()).replace("|-", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The metric names an expression reads: what is left once labels, strings, ranges and functions are taken out. */
    static Set<String> metrics(String expression) {
        String bare = TEMPLATE_ACTION.matcher(expression).replaceAll("\"\"");
        bare = STRING.matcher(bare).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            int after = identifier.end();
            while (after < bare.length() && bare.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
