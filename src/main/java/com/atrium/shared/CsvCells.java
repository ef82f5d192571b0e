package com.atrium.shared;

/** Writing CSV for exports (the read audit, the access review): one cell at a time, safe for spreadsheets. */
public final class CsvCells {
    private CsvCells() {
    }

    /** A CSV field: quoted when needed; a leading =, +, - or @ is neutralised so spreadsheets do not run it as a formula. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** One CSV line (with its line break) of the given fields. */
    public static String line(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(fields[i] == null ? null : fields[i].toString()));
        }
        return b.append("\r\n").toString();
    }
}
