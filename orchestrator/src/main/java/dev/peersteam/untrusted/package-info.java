/**
 * Reading files that came from someone else: team files, prompt and agent files and behaviour scripts arrive with
 * repositories people clone, so they are read as hostile. Only regular files are opened (never a FIFO or a device,
 * which would block or never end), their size is capped before a byte is read, text must be strict UTF-8 without
 * control or bidi characters, and YAML is composed under limits on aliases and nesting. Every refusal says where
 * (line and column, or why there is none) and what to do. Pure apart from {@link dev.peersteam.untrusted.BoundedFile}.
 */
package dev.peersteam.untrusted;
