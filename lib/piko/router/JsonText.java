package piko.router;

/** The little JSON reading the router room needs: one string field of an object, and quoted strings. */
final class JsonText {
    private JsonText() {
    }

    /** The string value of "key" in a JSON object's text, or null. */
    static String stringField(String json, String key) {
        String needle = "\"" + key + "\"";
        int at = json.indexOf(needle);
        if (at < 0) {
            return null;
        }
        int colon = json.indexOf(':', at + needle.length());
        int quote = colon < 0 ? -1 : json.indexOf('"', colon);
        return quote < 0 ? null : unquote(json, quote);
    }

    /** The string whose opening quote is at start. */
    static String unquote(String s, int start) {
        StringBuilder b = new StringBuilder();
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }
}
