package dev.cs231n.searches.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** HTML escaping and the report's number and time formats. */
final class Html {

    private Html() {
    }

    /**
     * @param text any text, e.g. from the database; null gives ""
     * @return the text with {@code & < > " '} escaped, safe inside elements and quoted attributes
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * @param x a number
     * @return 4 significant digits, plain between 1e-4 and 1e6, scientific outside ({@code 5e-7}); NaN and
     *         infinities as Java prints them
     */
    static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal d = BigDecimal.valueOf(x).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e6) {
            return d.toPlainString();
        }
        return d.toString().replace("E", "e").replace("e+", "e");
    }

    /**
     * @param seconds a duration in seconds
     * @return e.g. {@code 12.3 s}, {@code 4.5 min}, {@code 2.10 h}
     */
    static String seconds(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.2f h", seconds / 3600);
    }

    /**
     * @param t an instant, or null
     * @return ISO-8601 UTC to the second, or "" for null
     */
    static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
