/**
 * Text on its way to a person's terminal. {@link dev.peersteam.text.TerminalText} makes any string safe to print:
 * whatever a model, a file, git or a team file put into it, it cannot move the cursor, erase or rewrite a line,
 * set the window title, write the clipboard, or reorder what is shown.
 */
package dev.peersteam.text;
