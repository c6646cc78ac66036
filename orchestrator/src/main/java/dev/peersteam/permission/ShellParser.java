package dev.peersteam.permission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the small part of POSIX shell syntax that a permission rule can judge: words (plain, quoted,
 * backslash-escaped), comments, the list and pipeline operators ({@code ;}, {@code &&}, {@code ||}, {@code |},
 * {@code |&}, {@code &}, newline) and simple redirections. Anything else (every {@code $} expansion, backticks,
 * parentheses, here-documents, keywords, variable assignments, control characters) is refused with the reason,
 * rather than guessed at: what is not fully understood can never be allowed by a rule.
 *
 * <p>tree-sitter-bash was measured as the alternative and rejected: its lexer takes {@code \r} for a blank, so
 * {@code git status \r#; touch x} reads as one command and a comment where bash runs {@code touch x}, and it splits
 * {@code st\<newline>atus} in two where bash joins it (see docs/security.md).
 */
public final class ShellParser {
    /** Longer commands are refused: no rule needs them, and a person can still approve one. */
    static final int MAX_LENGTH = 65_536;

    private static final Set<String> KEYWORDS = Set.of(
            "!",
            "{",
            "}",
            "[[",
            "]]",
            "if",
            "then",
            "else",
            "elif",
            "fi",
            "case",
            "esac",
            "for",
            "select",
            "while",
            "until",
            "do",
            "done",
            "function",
            "time",
            "coproc",
            "in");
    private static final Set<String> DIRECTORY_CHANGES = Set.of("cd", "pushd", "popd");
    private static final Set<String> HARMLESS_TARGETS = Set.of("/dev/null", "/dev/stdout", "/dev/stderr");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\+?=|\\[).*", Pattern.DOTALL);
    private static final Pattern FD_MOVE = Pattern.compile("[0-9]+-?|-");

    private ShellParser() {}

    public static ShellCommand parse(String command) {
        try {
            return new Grammar(new Lexer(command).tokens()).parse();
        } catch (Refusal refusal) {
            return new ShellCommand.NotUnderstood(refusal.getMessage());
        }
    }

    /** Thrown inside the parser for a construct it does not model; becomes {@link ShellCommand.NotUnderstood}. */
    private static final class Refusal extends RuntimeException {
        Refusal(String why) {
            super(why, null, false, false);
        }
    }

    private sealed interface Token {}

    /**
     * @param source  as written, quotes kept
     * @param value   quotes and escapes removed
     * @param plain   no quote or escape anywhere in it (so a keyword or an assignment, if it looks like one)
     * @param special an unquoted character that bash expands ({@code * ? [ ~ { }}), if any, else 0
     */
    private record Word(String source, String value, boolean plain, char special) implements Token {}

    /** {@code ;}, {@code &&}, {@code ||}, {@code |}, {@code |&}, {@code &} or a newline. */
    private record Operator(String text) implements Token {}

    /** A redirection operator with its file descriptor, if one was written before it. */
    private record RedirectOperator(String fd, String text) implements Token {}

    private static final class Lexer {
        private final String in;
        private final List<Token> tokens = new ArrayList<>();
        private final StringBuilder source = new StringBuilder();
        private final StringBuilder value = new StringBuilder();
        private boolean inWord;
        private boolean plain = true;
        private char special;
        private int i;

        Lexer(String in) {
            this.in = in;
        }

        List<Token> tokens() {
            if (in.length() > MAX_LENGTH) {
                throw new Refusal("the command is longer than " + MAX_LENGTH + " characters");
            }
            checkCharacters();
            while (i < in.length()) {
                char c = in.charAt(i);
                switch (c) {
                    case ' ', '\t' -> {
                        endWord();
                        i++;
                    }
                    case '\n' -> {
                        endWord();
                        tokens.add(new Operator("\n"));
                        i++;
                    }
                    case '\\' -> escape();
                    case '\'' -> singleQuoted();
                    case '"' -> doubleQuoted();
                    case '#' -> {
                        if (inWord) {
                            append(c, c);
                            i++;
                        } else {
                            while (i < in.length() && in.charAt(i) != '\n') {
                                i++; // a comment, up to the newline (which still ends the command)
                            }
                        }
                    }
                    case '$' ->
                        throw new Refusal("it uses a $ expansion ($VAR, $(...), ${...} or $'...'), whose"
                                + " value cannot be checked before it runs");
                    case '`' ->
                        throw new Refusal(
                                "it runs a command inside backticks, which cannot be checked before" + " it runs");
                    case '(', ')' ->
                        throw new Refusal("it uses parentheses (a subshell, a process substitution"
                                + " <(...) or >(...), or arithmetic), which a rule cannot check");
                    case ';', '&', '|', '<', '>' -> operator(c);
                    default -> {
                        char expands = "*?[~{}".indexOf(c) >= 0 ? c : 0;
                        append(c, c);
                        if (expands != 0 && special == 0) {
                            special = expands;
                        }
                        i++;
                    }
                }
            }
            endWord();
            return tokens;
        }

        /** Control characters, invisible formatting and unusual blanks: bash and a reader would see different things. */
        private void checkCharacters() {
            for (int at = 0; at < in.length(); ) {
                int cp = in.codePointAt(at);
                int type = Character.getType(cp);
                boolean allowedControl = cp == '\t' || cp == '\n';
                if ((type == Character.CONTROL && !allowedControl)
                        || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR
                        || (type == Character.SPACE_SEPARATOR && cp != ' ')
                        || type == Character.SURROGATE
                        || type == Character.PRIVATE_USE
                        || type == Character.UNASSIGNED) {
                    throw new Refusal(String.format(
                            "it contains the invisible or control character U+%04X, which would hide what runs", cp));
                }
                at += Character.charCount(cp);
            }
        }

        private void escape() {
            if (i + 1 >= in.length()) {
                throw new Refusal("it ends with a lone backslash");
            }
            char next = in.charAt(i + 1);
            i += 2;
            if (next == '\n') {
                return; // a line continuation: bash joins the two lines, and so do we
            }
            source.append('\\');
            append(next, next);
            plain = false;
        }

        private void singleQuoted() {
            int end = in.indexOf('\'', i + 1);
            if (end < 0) {
                throw new Refusal("a single quote is not closed");
            }
            inWord = true;
            plain = false;
            source.append(in, i, end + 1);
            value.append(in, i + 1, end);
            i = end + 1;
        }

        /** Inside double quotes only {@code $}, backtick and backslash are special; we refuse the first two. */
        private void doubleQuoted() {
            inWord = true;
            plain = false;
            source.append('"');
            i++;
            while (true) {
                if (i >= in.length()) {
                    throw new Refusal("a double quote is not closed");
                }
                char c = in.charAt(i);
                switch (c) {
                    case '"' -> {
                        source.append('"');
                        i++;
                        return;
                    }
                    case '$' ->
                        throw new Refusal("it uses a $ expansion inside double quotes, whose value cannot be"
                                + " checked before it runs");
                    case '`' ->
                        throw new Refusal(
                                "it runs a command inside backticks, which cannot be checked before" + " it runs");
                    case '\\' -> {
                        if (i + 1 >= in.length()) {
                            throw new Refusal("a double quote is not closed");
                        }
                        char next = in.charAt(i + 1);
                        if (next == '\n') {
                            i += 2; // continuation inside double quotes
                        } else if ("\"\\".indexOf(next) >= 0) {
                            source.append(c).append(next);
                            value.append(next);
                            i += 2;
                        } else {
                            source.append(c);
                            value.append(c); // backslash stays literal before other characters
                            i++;
                        }
                    }
                    default -> {
                        source.append(c);
                        value.append(c);
                        i++;
                    }
                }
            }
        }

        private void operator(char c) {
            String fd = null;
            if ((c == '<' || c == '>') && inWord && plain && !source.isEmpty() && isDigits(source)) {
                fd = source.toString(); // "2>" : the digits just before are the descriptor, not a word
                source.setLength(0);
                value.setLength(0);
                inWord = false;
            }
            endWord();
            String rest = in.substring(i, Math.min(in.length(), i + 3));
            switch (c) {
                case ';' -> {
                    if (rest.startsWith(";;") || rest.startsWith(";&")) {
                        throw new Refusal("it uses ';;' or ';&', which belong to a case statement");
                    }
                    emit(new Operator(";"), 1);
                }
                case '&' -> {
                    if (rest.startsWith("&&")) {
                        emit(new Operator("&&"), 2);
                    } else if (rest.startsWith("&>>")) {
                        emit(new RedirectOperator(null, "&>>"), 3);
                    } else if (rest.startsWith("&>")) {
                        emit(new RedirectOperator(null, "&>"), 2);
                    } else {
                        emit(new Operator("&"), 1);
                    }
                }
                case '|' -> {
                    if (rest.startsWith("||")) {
                        emit(new Operator("||"), 2);
                    } else if (rest.startsWith("|&")) {
                        emit(new Operator("|&"), 2);
                    } else {
                        emit(new Operator("|"), 1);
                    }
                }
                case '<' -> {
                    if (rest.startsWith("<<")) {
                        throw new Refusal(
                                "it uses a here-document or here-string (<<), whose text a rule cannot" + " check");
                    } else if (rest.startsWith("<&") || rest.startsWith("<>")) {
                        emit(new RedirectOperator(fd, rest.substring(0, 2)), 2);
                    } else {
                        emit(new RedirectOperator(fd, "<"), 1);
                    }
                }
                default -> {
                    if (rest.startsWith(">>") || rest.startsWith(">|") || rest.startsWith(">&")) {
                        emit(new RedirectOperator(fd, rest.substring(0, 2)), 2);
                    } else {
                        emit(new RedirectOperator(fd, ">"), 1);
                    }
                }
            }
        }

        private void emit(Token token, int length) {
            tokens.add(token);
            i += length;
        }

        private void append(char sourceChar, char valueChar) {
            inWord = true;
            source.append(sourceChar);
            value.append(valueChar);
        }

        private void endWord() {
            if (inWord) {
                tokens.add(new Word(source.toString(), value.toString(), plain, special));
            }
            source.setLength(0);
            value.setLength(0);
            inWord = false;
            plain = true;
            special = 0;
        }
    }

    private static boolean isDigits(CharSequence text) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) < '0' || text.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Simple commands separated by list and pipeline operators; redirections may sit anywhere in a command. */
    private static final class Grammar {
        private final List<Token> tokens;
        private final List<ShellCommand.Simple> commands = new ArrayList<>();
        private final List<ShellCommand.Redirect> redirects = new ArrayList<>();
        private final List<String> sources = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        private boolean commandHasRedirect;
        private boolean changesDirectory;
        private boolean directoryChanged;

        Grammar(List<Token> tokens) {
            this.tokens = tokens;
        }

        ShellCommand parse() {
            boolean afterBinary = false; // after && || | |& a command must follow (newlines may come first)
            for (int k = 0; k < tokens.size(); k++) {
                switch (tokens.get(k)) {
                    case Word word -> {
                        word(word);
                        afterBinary = false;
                    }
                    case RedirectOperator redirect -> {
                        if (k + 1 >= tokens.size() || !(tokens.get(k + 1) instanceof Word target)) {
                            throw new Refusal("a redirection (" + redirect.text() + ") has no file after it");
                        }
                        redirect(redirect, target);
                        commandHasRedirect = true;
                        k++;
                        afterBinary = false;
                    }
                    case Operator op
                    when op.text().equals("\n") -> {
                        if (afterBinary) {
                            continue; // "a &&\n b" continues the list
                        }
                        if (!sources.isEmpty() || commandHasRedirect) {
                            endCommand();
                        }
                    }
                    case Operator op -> {
                        if (sources.isEmpty()) {
                            throw new Refusal(
                                    commandHasRedirect
                                            ? "a redirection stands without a command"
                                            : "'" + op.text() + "' has no command before it");
                        }
                        endCommand();
                        afterBinary = !op.text().equals(";") && !op.text().equals("&");
                    }
                }
            }
            if (afterBinary) {
                throw new Refusal("it ends with an operator that needs a command after it");
            }
            if (!sources.isEmpty() || commandHasRedirect) {
                endCommand();
            }
            if (commands.isEmpty()) {
                throw new Refusal("there is no command in it");
            }
            return new ShellCommand.Understood(commands, redirects, changesDirectory);
        }

        private void word(Word word) {
            if (sources.isEmpty()) {
                commandName(word);
            }
            sources.add(word.source());
            words.add(word.value());
        }

        /** The first word: what bash treats specially there is refused. */
        private void commandName(Word word) {
            if (word.plain() && KEYWORDS.contains(word.source())) {
                throw new Refusal("it uses the shell keyword '" + word.source() + "' (a compound command), which a"
                        + " rule cannot check");
            }
            if (ASSIGNMENT.matcher(word.source()).matches()) { // FOO=1"x" is an assignment too
                throw new Refusal("it sets a variable before the command (" + word.source()
                        + "), which changes what the command does");
            }
            if (word.special() != 0) {
                throw new Refusal("its command name holds '" + word.special() + "', which the shell expands");
            }
            if (DIRECTORY_CHANGES.contains(word.value())) {
                changesDirectory = true;
            }
        }

        private void redirect(RedirectOperator op, Word target) {
            String operator = (op.fd() == null ? "" : op.fd()) + op.text();
            if (target.special() != 0) {
                throw new Refusal(
                        "the target of " + operator + " holds '" + target.special() + "', which the shell expands");
            }
            String file = target.value();
            if ((op.text().equals(">&") || op.text().equals("<&"))
                    && FD_MOVE.matcher(file).matches()) {
                return; // 2>&1, >&2, <&0, 3>&- : descriptors, no file
            }
            if (op.text().equals("<&")) {
                throw new Refusal("'<&" + file + "' names no file descriptor");
            }
            if (HARMLESS_TARGETS.contains(file)) {
                return;
            }
            if (file.isEmpty()) {
                throw new Refusal("the target of " + operator + " is empty");
            }
            if (directoryChanged && !file.startsWith("/")) {
                throw new Refusal("it redirects to the relative path " + file + " after changing directory");
            }
            redirects.add(new ShellCommand.Redirect(operator, file, !op.text().equals("<")));
        }

        private void endCommand() {
            if (sources.isEmpty()) {
                throw new Refusal("a redirection stands without a command");
            }
            commands.add(new ShellCommand.Simple(String.join(" ", sources), words));
            directoryChanged |= DIRECTORY_CHANGES.contains(words.getFirst());
            sources.clear();
            words.clear();
            commandHasRedirect = false;
        }
    }
}
