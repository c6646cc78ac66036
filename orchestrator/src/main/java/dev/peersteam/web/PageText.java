package dev.peersteam.web;

import dev.peersteam.text.TerminalText;

/**
 * Text from the team as the page gets it. Models, files, git and team files write it; the page sets it only as text,
 * never as HTML, yet a browser still acts on some characters: a bidi override reorders what is shown (a call to
 * approve could read as another), zero-width and control characters hide text. They come as visible escapes, through
 * the sanitizer the terminal uses ({@link TerminalText}); null stays null.
 */
final class PageText {
    private PageText() {}

    /** One line: line breaks and tabs are escaped too. */
    static String line(String text) {
        return text == null ? null : TerminalText.line(text);
    }

    /** Text of several lines (a call's input, a transcript): {@code \n} and tab are kept. */
    static String lines(String text) {
        return text == null ? null : TerminalText.lines(text);
    }
}
