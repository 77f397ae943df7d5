package classforge.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The include/exclude globs of one transform, over dotted class names: the Java twin of
 * src/util/class-name-glob.ts (same rules: {@code *} within a segment, {@code **} across segments,
 * {@code **.} also matching no segment, {@code ?} one character other than '.').
 */
final class ClassNameFilter {
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    ClassNameFilter(String includeList, String excludeList) {
        this.includes = compile(includeList);
        this.excludes = compile(excludeList);
    }

    /** Whether the transform names the classes it wants (include globs), rather than taking all. */
    boolean hasIncludes() {
        return !includes.isEmpty();
    }

    boolean matches(String dottedName) {
        if (!includes.isEmpty()) {
            boolean included = false;
            for (Pattern pattern : includes) {
                if (pattern.matcher(dottedName).matches()) {
                    included = true;
                    break;
                }
            }
            if (!included) {
                return false;
            }
        }
        for (Pattern pattern : excludes) {
            if (pattern.matcher(dottedName).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The globs of a list separated by '\n' (globs never hold one), compiled. */
    private static List<Pattern> compile(String list) {
        List<Pattern> patterns = new ArrayList<Pattern>();
        if (list == null) {
            return patterns;
        }
        for (String glob : list.split("\n")) {
            if (glob.length() > 0) {
                patterns.add(Pattern.compile(toRegex(glob), Pattern.DOTALL));
            }
        }
        return patterns;
    }

    static String toRegex(String glob) {
        String pattern = glob.replace('/', '.');
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    boolean atSegmentStart = i == 0 || pattern.charAt(i - 1) == '.';
                    boolean followedByDot = i + 2 < pattern.length() && pattern.charAt(i + 2) == '.';
                    if (atSegmentStart && followedByDot) {
                        regex.append("(?:.*\\.)?");
                        i += 3;
                    } else {
                        regex.append(".*");
                        i += 2;
                    }
                } else {
                    regex.append("[^.]*");
                    i += 1;
                }
            } else if (c == '?') {
                regex.append("[^.]");
                i += 1;
            } else {
                if ("\\^$.|+()[]{}".indexOf(c) >= 0) {
                    regex.append('\\');
                }
                regex.append(c);
                i += 1;
            }
        }
        return regex.toString();
    }
}
