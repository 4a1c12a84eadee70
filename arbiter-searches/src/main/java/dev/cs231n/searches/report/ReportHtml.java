package dev.cs231n.searches.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.EpochScore;

/**
 * {@code report.html}: one self-contained page (inline CSS, a few lines of script that sort the candidates table by
 * a clicked column) linking the plots by relative path. Everything that comes from the database (names, JSON,
 * worker ids, errors) is HTML-escaped.
 */
final class ReportHtml {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_SUMMARY_CHARS = 140;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px auto;max-width:1240px;
            color:#222;padding:0 16px}
            h1{font-size:26px;margin-bottom:4px}h2{font-size:19px;margin-top:28px;border-bottom:1px solid #ddd;
            padding-bottom:4px}
            .meta{color:#666;font-size:13px;margin-top:0}
            table{border-collapse:collapse;font-size:13px}
            .wide{overflow-x:auto}
            #candidates{font-size:12px}
            #candidates td.error{max-width:300px;word-break:break-word}
            #candidates td.nowrap{white-space:nowrap}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f4f4f4}
            table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
            table.sortable th[data-dir=asc]::after{content:' \\25B2'}
            table.sortable th[data-dir=desc]::after{content:' \\25BC'}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.best td{background:#fff4d6}
            .COMPLETED{color:#1a7f37}.FAILED{color:#cf222e}.RUNNING{color:#9a6700}.PENDING{color:#666}
            .counts td{min-width:70px}
            .plots{display:flex;flex-wrap:wrap;gap:16px}
            figure{margin:0;width:600px}figure img{width:600px;border:1px solid #ddd}
            figcaption{font-size:12px;color:#555}
            pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px;font-size:12px;white-space:pre-wrap;
            word-break:break-all}
            details summary{cursor:pointer}
            .epochs{font-size:12px;color:#333;white-space:nowrap}
            .empty{color:#666;font-style:italic}
            """;

    private static final String SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, col) {
                th.addEventListener('click', function () {
                  var asc = th.dataset.dir !== 'asc';
                  table.querySelectorAll('th').forEach(function (h) { delete h.dataset.dir; });
                  th.dataset.dir = asc ? 'asc' : 'desc';
                  var key = function (row) {
                    var cell = row.cells[col];
                    var v = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
                    var n = Number(v);
                    return v === '' ? null : (isNaN(n) ? v : n);
                  };
                  var body = table.tBodies[0];
                  Array.prototype.slice.call(body.rows).sort(function (a, b) {
                    var x = key(a), y = key(b);
                    if (x === null || y === null) { return x === y ? 0 : (x === null ? 1 : -1); }
                    var c = (typeof x === 'number' && typeof y === 'number') ? x - y
                        : String(x).localeCompare(String(y));
                    return asc ? c : -c;
                  }).forEach(function (r) { body.appendChild(r); });
                });
              });
            });
            """;

    private ReportHtml() {
    }

    /**
     * @param data      the search
     * @param plots     the plots written, with paths relative to the page's folder given by {@code plotDir}
     * @param plotDir   the plot folder's name relative to the page
     * @param generated when the report was made
     * @return the page
     */
    static String page(ReportData data, List<ReportPlots.Plot> plots, String plotDir, Instant generated) {
        StringBuilder h = new StringBuilder(16_384);
        String name = data.search().name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Search report: ")
                .append(Html.escape(name)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body>\n<h1>Search report: ").append(Html.escape(name)).append("</h1>\n<p class=\"meta\">")
                .append(Html.escape(data.search().objective().name().toLowerCase(java.util.Locale.ROOT)))
                .append(" the validation score · strategy ").append(Html.escape(strategyKind(data)))
                .append(" · fingerprint <code>").append(Html.escape(data.search().fingerprint().substring(0, 16)))
                .append("…</code> · generated ").append(Html.escape(Html.time(generated))).append("</p>\n");
        summary(h, data);
        best(h, data);
        plots(h, plots, plotDir, data);
        table(h, data);
        searchDefinition(h, data);
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, ReportData data) {
        Map<CandidateStatus, Integer> counts = data.counts();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        h.append("<h2>Candidates by status</h2>\n<table class=\"counts\"><tr>");
        for (CandidateStatus s : CandidateStatus.values()) {
            h.append("<th class=\"").append(s.name()).append("\">").append(s.name().toLowerCase(java.util.Locale.ROOT))
                    .append("</th>");
        }
        h.append("<th>total</th></tr>\n<tr>");
        for (CandidateStatus s : CandidateStatus.values()) {
            h.append("<td class=\"num\">").append(counts.get(s)).append("</td>");
        }
        h.append("<td class=\"num\">").append(total).append("</td></tr></table>\n");
        if (total == 0) {
            h.append("<p class=\"empty\">The search holds no candidates yet.</p>\n");
        } else if (counts.get(CandidateStatus.COMPLETED) == 0 && counts.get(CandidateStatus.FAILED) == total) {
            h.append("<p class=\"empty\">Every candidate failed; their errors are in the table below.</p>\n");
        }
    }

    private static void best(StringBuilder h, ReportData data) {
        h.append("<h2>Best candidate</h2>\n");
        Optional<Candidate> best = data.best();
        if (best.isEmpty()) {
            h.append("<p class=\"empty\">No candidate has completed yet.</p>\n");
            return;
        }
        Candidate b = best.get();
        h.append("<p>Candidate <b>#").append(b.index()).append("</b>: validation score <b>")
                .append(Html.escape(Html.number(b.score()))).append("</b>");
        if (b.seconds() != null) {
            h.append(" after ").append(Html.escape(Html.seconds(b.seconds())));
        }
        h.append(", ").append(b.epochs()).append(" epoch").append(b.epochs() == 1 ? "" : "s").append(", worker <code>")
                .append(Html.escape(b.workerId())).append("</code> on <code>").append(Html.escape(b.device()))
                .append("</code>.</p>\n");
        Map<String, JsonNode> values = data.values().get(b.index());
        if (values.isEmpty()) {
            h.append("<pre>").append(Html.escape(b.hyperparametersJson())).append("</pre>\n");
            return;
        }
        h.append("<table><tr><th>hyperparameter</th><th>value</th></tr>\n");
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>")
                    .append(Html.escape(value(e.getValue()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void plots(StringBuilder h, List<ReportPlots.Plot> plots, String plotDir, ReportData data) {
        h.append("<h2>Plots</h2>\n");
        if (plots.isEmpty()) {
            h.append("<p class=\"empty\">Nothing to plot: no candidate has completed or reported an epoch.</p>\n");
            return;
        }
        h.append("<div class=\"plots\">\n");
        for (ReportPlots.Plot p : plots) {
            String src = plotDir + "/" + p.file().getFileName();
            h.append("<figure><a href=\"").append(Html.escape(src)).append("\"><img src=\"").append(Html.escape(src))
                    .append("\" alt=\"").append(Html.escape(p.title())).append("\" width=\"").append(600)
                    .append("\"></a><figcaption>").append(Html.escape(p.caption())).append("</figcaption></figure>\n");
        }
        h.append("</div>\n");
        if (data.completed().isEmpty()) {
            h.append("<p class=\"empty\">No completed candidate: the score plots are left out.</p>\n");
        }
    }

    private static void table(StringBuilder h, ReportData data) {
        h.append("<h2>All candidates</h2>\n");
        if (data.candidates().isEmpty()) {
            h.append("<p class=\"empty\">No candidates.</p>\n");
            return;
        }
        List<Hyperparameter> hps = data.hyperparameters();
        h.append("<p class=\"meta\">Completed candidates best first, then running, pending and failed ones; click a "
                + "column to sort by it.</p>\n");
        h.append("<div class=\"wide\"><table class=\"sortable\" id=\"candidates\"><thead><tr><th>rank</th>"
                + "<th>#</th><th>status</th><th>score</th>");
        for (Hyperparameter hp : hps) {
            h.append("<th>").append(Html.escape(hp.name())).append("</th>");
        }
        h.append("<th>score per epoch</th><th>epochs</th><th>attempts</th><th>time</th><th>worker</th>"
                + "<th>device</th><th>started (UTC)</th><th>error</th></tr></thead>\n<tbody>\n");
        Candidate best = data.best().orElse(null);
        int rank = 0;
        for (Candidate c : data.tableOrder()) {
            boolean completed = c.status() == CandidateStatus.COMPLETED && c.score() != null;
            h.append("<tr").append(best != null && best.index() == c.index() ? " class=\"best\"" : "").append(">");
            h.append(completed ? "<td class=\"num\">" + (++rank) + "</td>" : "<td class=\"num\" data-sort=\"\"></td>");
            h.append("<td class=\"num\">").append(c.index()).append("</td>");
            h.append("<td class=\"").append(c.status().name()).append("\">")
                    .append(c.status().name().toLowerCase(java.util.Locale.ROOT)).append("</td>");
            numberCell(h, c.score());
            Map<String, JsonNode> values = data.values().get(c.index());
            for (Hyperparameter hp : hps) {
                JsonNode v = values.get(hp.name());
                if (v == null) {
                    h.append("<td data-sort=\"\"></td>");
                } else if (v.isNumber()) {
                    h.append("<td class=\"num\" data-sort=\"").append(v.asDouble()).append("\">")
                            .append(Html.escape(Html.number(v.asDouble()))).append("</td>");
                } else {
                    h.append("<td>").append(Html.escape(value(v))).append("</td>");
                }
            }
            h.append("<td class=\"epochs\" data-sort=\"").append(c.epochs()).append("\">")
                    .append(Html.escape(epochs(data.epochs().get(c.index())))).append("</td>");
            h.append("<td class=\"num\">").append(c.epochs()).append("</td>");
            h.append("<td class=\"num\">").append(c.attempts()).append("</td>");
            if (c.seconds() == null) {
                h.append("<td data-sort=\"\"></td>");
            } else {
                h.append("<td class=\"num\" data-sort=\"").append(c.seconds()).append("\">")
                        .append(Html.escape(Html.seconds(c.seconds()))).append("</td>");
            }
            h.append("<td class=\"nowrap\">").append(Html.escape(c.workerId())).append("</td>");
            h.append("<td>").append(Html.escape(c.device())).append("</td>");
            h.append("<td class=\"nowrap\">").append(Html.escape(Html.time(c.startedAt()).replace('T', ' ')
                    .replace("Z", ""))).append("</td>");
            h.append("<td class=\"error\">");
            if (c.error() != null && !c.error().isEmpty()) {
                h.append("<details><summary>").append(Html.escape(firstLine(c.error()))).append("</summary><pre>")
                        .append(Html.escape(c.error())).append("</pre></details>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static void searchDefinition(StringBuilder h, ReportData data) {
        h.append("<h2>Search definition</h2>\n<p>Strategy:</p>\n<pre>").append(Html.escape(pretty(
                data.search().strategyJson()))).append("</pre>\n");
        JsonNode names = tree(data.search().spaceJson()).path("names");
        if (names.isArray() && !names.isEmpty()) {
            h.append("<p>Named hyperparameters of the space: ").append(Html.escape(names.toString())).append("</p>\n");
        }
        h.append("<details><summary>Space (").append(data.search().spaceJson().length())
                .append(" characters of JSON)</summary><pre>").append(Html.escape(pretty(data.search().spaceJson())))
                .append("</pre></details>\n");
    }

    private static void numberCell(StringBuilder h, Double x) {
        if (x == null) {
            h.append("<td class=\"num\" data-sort=\"\"></td>");
        } else {
            h.append("<td class=\"num\" data-sort=\"").append(x).append("\">").append(Html.escape(Html.number(x)))
                    .append("</td>");
        }
    }

    private static String epochs(List<EpochScore> scores) {
        if (scores == null || scores.isEmpty()) {
            return "";
        }
        return scores.stream().map(s -> Html.number(s.score())).collect(Collectors.joining(" · "));
    }

    private static String firstLine(String error) {
        String line = error.strip().lines().findFirst().orElse("");
        return line.length() <= ERROR_SUMMARY_CHARS ? line : line.substring(0, ERROR_SUMMARY_CHARS - 1) + "…";
    }

    private static String value(JsonNode v) {
        return v.isNumber() ? Html.number(v.asDouble()) : Hyperparameter.text(v);
    }

    private static String strategyKind(ReportData data) {
        JsonNode s = tree(data.search().strategyJson());
        for (String key : List.of("kind", "type", "strategy")) {
            if (s.path(key).isTextual()) {
                return s.path(key).asText();
            }
        }
        return data.search().strategyJson().length() <= 60 ? data.search().strategyJson() : "see below";
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return n == null ? JSON.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
