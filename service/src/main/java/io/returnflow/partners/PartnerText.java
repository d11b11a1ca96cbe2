package io.returnflow.partners;

/**
 * What a partner's error says, cut to what an operator needs: one line of at most {@link #MAX}
 * characters. It is stored (history, dead letters, label and decision rows) and shown (the API,
 * the console), so a partner answer echoed at length (a body, the buyer's data) stops here.
 */
public final class PartnerText {

    public static final int MAX = 300;

    private PartnerText() {
    }

    public static String cut(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }
}
